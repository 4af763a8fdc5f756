import type { Insertable, Updateable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { TaskTable } from '../../cases/server/cases.tables';

const select = (db: DbOrTx) =>
  db
    .selectFrom('task')
    .leftJoin('person', 'person.id', 'task.person_id')
    .leftJoin('staff_user as assignee', 'assignee.id', 'task.assignee_id')
    .innerJoin('staff_user as creator', 'creator.id', 'task.created_by')
    .select([
      'task.id', 'task.person_id', 'task.consultation_id', 'task.title', 'task.due_on', 'task.assignee_id',
      'assignee.display_name as assignee_name', 'task.status', 'task.created_by', 'creator.display_name as created_by_name',
      'task.created_at', 'task.completed_by', 'task.completed_at', 'task.version',
      'person.file_number', 'person.family_name', 'person.given_name', 'person.name_in_own_script', 'person.name_kana',
      'person.date_of_birth', 'person.date_of_birth_estimated', 'person.sex', 'person.nationality',
    ]);

export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

export function findTask(db: DbOrTx, organisationId: string, id: string) {
  return select(db).where('task.organisation_id', '=', organisationId).where('task.id', '=', id).executeTakeFirst();
}

/** Open tasks given to one staff member, soonest due first (undated last). */
export function listOpenTasksOf(db: DbOrTx, organisationId: string, assigneeId: string) {
  return select(db)
    .where('task.organisation_id', '=', organisationId)
    .where('task.assignee_id', '=', assigneeId)
    .where('task.status', '=', 'open')
    .orderBy('task.due_on', (ob) => ob.asc().nullsLast())
    .orderBy('task.created_at')
    .limit(500)
    .execute();
}

/** A person's tasks: open ones first by due date, then closed ones, newest first. */
export function listTasksOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return select(db)
    .where('task.organisation_id', '=', organisationId)
    .where('task.person_id', '=', personId)
    .orderBy((eb) => eb.case().when('task.status', '=', 'open').then(0).else(1).end())
    .orderBy('task.due_on', (ob) => ob.asc().nullsLast())
    .orderBy('task.created_at', 'desc')
    .limit(500)
    .execute();
}

export function insertTask(db: DbOrTx, row: Insertable<TaskTable>) {
  return db.insertInto('task').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Updates only when the row is still at `version`; returns nothing when someone saved in between. */
export function updateTask(db: DbOrTx, organisationId: string, id: string, version: number, patch: Updateable<TaskTable>) {
  return db
    .updateTable('task')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** The person a consultation of the organisation is about (to link a task to it). */
export function findConsultationPerson(db: DbOrTx, organisationId: string, consultationId: string) {
  return db
    .selectFrom('consultation')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', consultationId)
    .executeTakeFirst();
}
