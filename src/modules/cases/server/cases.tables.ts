import type { Generated } from 'kysely';

/** Kysely's view of migrations/0002_case_files.sql and 0011_case_file_sealed.sql. */
type DateString = string;

export interface CaseFileTable {
  person_id: string;
  organisation_id: string;
  assigned_to: string | null;
  residence_status: string | null;
  /** Plaintext, only in rows from before 0011 until start-up seals them (cases.sealing.ts); null after. */
  residence_card_number: string | null;
  residence_expires_on: DateString | null;
  work_permitted: boolean | null;
  custody: string | null;
  supervisor_name: string | null;
  procedure_stage: string | null;
  application_count: number | null;
  sorting_category: string | null;
  applied_on: DateString | null;
  decision_notice_received_on: DateString | null;
  allowance_status: string | null;
  allowance_applied_on: DateString | null;
  allowance_decided_on: DateString | null;
  health_insurance: string | null;
  insurance_eligible_on: DateString | null;
  /** custody, procedure_stage, vulnerabilities and whereabouts: plaintext only before 0011, like residence_card_number. */
  vulnerabilities: Generated<string[]>;
  whereabouts: Generated<string>;
  line_id: string | null;
  email: string | null;
  /** The sealed fields (cases.sealing.ts): `v1:…`, null only in rows from before 0011. */
  sealed_fields: string | null;
  /** Keyed hash of the normalised residence card number, for search by card. */
  residence_card_hash: string | null;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface CaseStatusChangeTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  effective_on: DateString;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

export interface CaseEventTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  kind: 'interview' | 'reporting';
  occurs_on: DateString;
  note: Generated<string>;
  done_at: Date | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface HouseholdLinkTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  member_person_id: string;
  relationship: string;
  created_by: string;
  created_at: Generated<Date>;
}

export interface TaskTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string | null;
  consultation_id: string | null;
  title: string;
  due_on: DateString | null;
  assignee_id: string | null;
  status: Generated<'open' | 'done' | 'cancelled'>;
  created_by: string;
  created_at: Generated<Date>;
  completed_by: string | null;
  completed_at: Date | null;
  version: Generated<number>;
}

export interface CaseTables {
  case_file: CaseFileTable;
  case_status_change: CaseStatusChangeTable;
  case_event: CaseEventTable;
  household_link: HouseholdLinkTable;
  task: TaskTable;
}
