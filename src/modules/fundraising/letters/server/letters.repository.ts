import { sql } from 'kysely';
import type { DbOrTx } from '../../../../server/db/database';

export function findTemplates(db: DbOrTx, organisationId: string) {
  return db.selectFrom('letter_template').select(['language', 'subject', 'body', 'version'])
    .where('organisation_id', '=', organisationId).where('kind', '=', 'thank_you').execute();
}

/** Saves a template if the version is still the one read (0: none saved yet); nothing when it is not. */
export async function saveTemplate(db: DbOrTx, row: { organisationId: string; language: 'ja' | 'en'; subject: string; body: string; version: number; staffUserId: string }) {
  if (row.version === 0) {
    return db.insertInto('letter_template')
      .values({ organisation_id: row.organisationId, kind: 'thank_you', language: row.language, subject: row.subject, body: row.body, updated_by: row.staffUserId })
      .onConflict((oc) => oc.columns(['organisation_id', 'kind', 'language']).doNothing())
      .returning(['version']).executeTakeFirst();
  }
  return db.updateTable('letter_template')
    .set({ subject: row.subject, body: row.body, updated_by: row.staffUserId, updated_at: sql`now()`, version: sql`version + 1` })
    .where('organisation_id', '=', row.organisationId).where('kind', '=', 'thank_you').where('language', '=', row.language).where('version', '=', row.version)
    .returning(['version']).executeTakeFirst();
}
