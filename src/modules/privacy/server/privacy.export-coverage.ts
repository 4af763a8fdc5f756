import type { PersonExport } from '../contract';

/**
 * Every table that holds rows about a person, and where the person's own copy (本人開示) shows
 * them — or why it does not (APPI: a disclosure request covers all retained personal data).
 * A test reads the database catalogue and fails when a table that refers to a person is missing
 * here, so a new module cannot forget the export.
 */
export const personTables: Record<string, { exportedAs: keyof PersonExport } | { notPersonalData: string }> = {
  person: { exportedAs: 'person' },
  case_file: { exportedAs: 'caseFile' },
  case_status_change: { exportedAs: 'statusHistory' },
  case_event: { exportedAs: 'caseEvents' },
  household_link: { exportedAs: 'household' },
  task: { exportedAs: 'tasks' },
  visit: { exportedAs: 'visits' },
  consultation: { exportedAs: 'consultations' },
  assistance: { exportedAs: 'assistance' },
  // A stock movement of kind "given" is the storeroom's side of an aid record listed under assistance.
  stock_movement: { exportedAs: 'assistance' },
  consent: { exportedAs: 'consents' },
  disclosure: { exportedAs: 'disclosures' },
  person_sensitive: { exportedAs: 'sensitive' },
  document: { exportedAs: 'documents' },
  shelter_stay: { exportedAs: 'shelter' },
  paid_lodging: { exportedAs: 'shelter' },
  shelter_waiting_entry: { exportedAs: 'shelter' },
  person_merge: { exportedAs: 'merges' },
  barrier_tag: { exportedAs: 'barriers' },
  person_match_key: { notPersonalData: 'search keys derived from the names shown under person (normalised spellings for duplicate search), rebuilt from them' },
  person_match_state: { notPersonalData: 'bookkeeping of the duplicate-search index (which version of the person was indexed, when)' },
};
