import type { Generated } from 'kysely';

/** Kysely's view of migrations/0006_matching.sql. */
export interface PersonMatchKeyTable {
  organisation_id: string;
  key: string;
  person_id: string;
}

export interface PersonMatchStateTable {
  person_id: string;
  organisation_id: string;
  person_version: number;
  rules_version: number;
  indexed_at: Generated<Date>;
}

export interface MatchingTables {
  person_match_key: PersonMatchKeyTable;
  person_match_state: PersonMatchStateTable;
}
