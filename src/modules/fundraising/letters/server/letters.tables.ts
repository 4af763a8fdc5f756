import type { Generated } from 'kysely';

/** Kysely's view of migrations/0018_fundraising_letters.sql. */
export interface LetterTemplateTable {
  organisation_id: string;
  kind: 'thank_you';
  language: 'ja' | 'en';
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface LetterTables {
  letter_template: LetterTemplateTable;
}
