import type { DbOrTx } from '../../../server/db/database';
import { sql, type Insertable } from 'kysely';
import type { ConsultationTable } from '../../../server/db/schema';

const select = (db: DbOrTx) =>
  db
    .selectFrom('consultation')
    .innerJoin('staff_user', 'staff_user.id', 'consultation.staff_user_id')
    .select([
      'consultation.id', 'consultation.person_id', 'consultation.visit_id', 'consultation.staff_user_id',
      'staff_user.display_name as staff_name', 'consultation.occurred_at', 'consultation.mode',
      'consultation.interpreter_language', 'consultation.topics', 'consultation.note', 'consultation.needs',
      'consultation.actions', 'consultation.follow_up_on',
    ]);

export type ConsultationRow = NonNullable<Awaited<ReturnType<typeof findConsultation>>>;

export function findConsultation(db: DbOrTx, organisationId: string, id: string) {
  return select(db).where('consultation.organisation_id', '=', organisationId).where('consultation.id', '=', id).executeTakeFirst();
}

export function listConsultationsOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return select(db)
    .where('consultation.organisation_id', '=', organisationId)
    .where('consultation.person_id', '=', personId)
    .orderBy('consultation.occurred_at', 'desc')
    .limit(500)
    .execute();
}

export function insertConsultation(db: DbOrTx, row: Insertable<ConsultationTable>) {
  return db.insertInto('consultation').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Rows with a note, needs or actions still in plaintext (written before encryption at rest), a batch at a time. */
export function listUnsealedConsultations(db: DbOrTx, sealedPrefix: string, limit: number) {
  const plain = (column: 'note' | 'needs' | 'actions') =>
    sql<boolean>`(${sql.ref(`consultation.${column}`)} <> '' AND left(${sql.ref(`consultation.${column}`)}, ${sealedPrefix.length}) <> ${sealedPrefix})`;
  return db
    .selectFrom('consultation')
    .select(['id', 'note', 'needs', 'actions'])
    .where((eb) => eb.or([plain('note'), plain('needs'), plain('actions')]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function updateConsultationTexts(db: DbOrTx, id: string, texts: { note: string; needs: string; actions: string }) {
  return db.updateTable('consultation').set(texts).where('id', '=', id).execute();
}

/** Serialises the start-up sealing between servers starting at once on one PostgreSQL. */
export async function lockSealing(tx: DbOrTx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(727276)`.execute(tx);
}
