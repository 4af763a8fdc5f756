import { sql } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { Insertable, Updateable } from 'kysely';
import type { VisitTable } from '../../../server/db/schema';

const visitSelect = (db: DbOrTx) =>
  db
    .selectFrom('visit')
    .innerJoin('person', 'person.id', 'visit.person_id')
    .leftJoin('staff_user', 'staff_user.id', 'visit.handled_by')
    .select([
      'visit.id', 'visit.person_id', 'visit.visit_date', 'visit.ticket_number', 'visit.status', 'visit.reason',
      'visit.interpreter_language', 'visit.priority', 'visit.priority_reasons', 'visit.checked_in_at', 'visit.called_at',
      'visit.started_at', 'visit.finished_at', 'staff_user.display_name as handled_by_name',
      'person.file_number', 'person.family_name', 'person.given_name', 'person.name_in_own_script', 'person.name_kana',
      'person.nationality', 'person.sex', 'person.date_of_birth',
    ]);

export type VisitRow = NonNullable<Awaited<ReturnType<typeof findVisit>>>;

export function findVisit(db: DbOrTx, organisationId: string, id: string) {
  return visitSelect(db).where('visit.organisation_id', '=', organisationId).where('visit.id', '=', id).executeTakeFirst();
}

/** A day's queue: people still to be seen first (most urgent, then by ticket), then those finished. */
export function listVisitsOfDay(db: DbOrTx, organisationId: string, date: string) {
  return visitSelect(db)
    .where('visit.organisation_id', '=', organisationId)
    .where('visit.visit_date', '=', date)
    .orderBy(sql`CASE WHEN visit.status IN ('done', 'left') THEN 1 ELSE 0 END`)
    .orderBy(sql`CASE visit.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END`)
    .orderBy('visit.ticket_number')
    .execute();
}

export function listVisitsOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return visitSelect(db)
    .where('visit.organisation_id', '=', organisationId)
    .where('visit.person_id', '=', personId)
    .orderBy('visit.checked_in_at', 'desc')
    .limit(500)
    .execute();
}

export function findActiveVisitOfDay(db: DbOrTx, organisationId: string, personId: string, date: string) {
  return db
    .selectFrom('visit')
    .select(['id', 'ticket_number'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('visit_date', '=', date)
    .where('status', 'in', ['waiting', 'called', 'in_consultation'])
    .executeTakeFirst();
}

export function insertVisit(db: DbOrTx, row: Insertable<VisitTable>) {
  return db.insertInto('visit').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Moves a visit on only if it is still in `from` (two desks calling the same person: one wins). */
export function updateVisitStatus(
  db: DbOrTx,
  organisationId: string,
  id: string,
  from: string,
  patch: Pick<Updateable<VisitTable>, 'status' | 'called_at' | 'started_at' | 'finished_at' | 'handled_by'>,
) {
  return db
    .updateTable('visit')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', from)
    .returning('id')
    .executeTakeFirst();
}
