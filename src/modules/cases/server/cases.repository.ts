import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, DbOrTx } from '../../../server/db/database';
import type { SealedColumnsWrite } from './cases.sealing';
import type { CaseEventTable, CaseFileTable, CaseStatusChangeTable } from './cases.tables';

export const caseFileColumns = [
  'case_file.person_id', 'case_file.assigned_to', 'case_file.residence_status', 'case_file.residence_card_number',
  'case_file.residence_expires_on', 'case_file.work_permitted', 'case_file.custody', 'case_file.supervisor_name',
  'case_file.procedure_stage', 'case_file.application_count', 'case_file.sorting_category', 'case_file.applied_on',
  'case_file.decision_notice_received_on', 'case_file.allowance_status', 'case_file.allowance_applied_on',
  'case_file.allowance_decided_on', 'case_file.health_insurance', 'case_file.insurance_eligible_on',
  'case_file.vulnerabilities', 'case_file.whereabouts', 'case_file.line_id', 'case_file.email', 'case_file.sealed_fields',
  'case_file.version', 'case_file.updated_at',
] as const;

/** The columns that hold the sealed fields (cases.sealing.ts opens them): for readers in other modules too. */
export const sealedCaseFileColumns = [
  'case_file.sealed_fields', 'case_file.residence_card_number', 'case_file.custody', 'case_file.procedure_stage',
  'case_file.vulnerabilities', 'case_file.whereabouts',
] as const;

/** The columns a caseworker writes (everything but keys and bookkeeping). */
export type CaseFileWrite = Omit<Updateable<CaseFileTable>, 'person_id' | 'organisation_id' | 'version' | 'updated_by' | 'updated_at'>;

export type CaseFileRow = NonNullable<Awaited<ReturnType<typeof findCaseFile>>>;

/** The person's case file with the names of the assigned caseworker and the last editor. */
export function findCaseFile(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('case_file')
    .leftJoin('staff_user as assignee', 'assignee.id', 'case_file.assigned_to')
    .leftJoin('staff_user as editor', 'editor.id', 'case_file.updated_by')
    .select([...caseFileColumns, 'assignee.display_name as assigned_to_name', 'editor.display_name as updated_by_name'])
    .where('case_file.organisation_id', '=', organisationId)
    .where('case_file.person_id', '=', personId)
    .executeTakeFirst();
}

/** The first save of a case file; nothing when another save created it in between. */
export function insertCaseFile(db: DbOrTx, row: Insertable<CaseFileTable>) {
  return db.insertInto('case_file').values(row).onConflict((oc) => oc.column('person_id').doNothing()).returning('person_id').executeTakeFirst();
}

/** Updates only when the row is still at `version`; nothing when someone saved in between. */
export function updateCaseFile(db: DbOrTx, organisationId: string, personId: string, version: number, patch: CaseFileWrite, updatedBy: string) {
  return db
    .updateTable('case_file')
    .set((eb) => ({ ...patch, updated_by: updatedBy, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('version', '=', version)
    .returning('person_id')
    .executeTakeFirst();
}

export function insertStatusChanges(db: DbOrTx, rows: Insertable<CaseStatusChangeTable>[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('case_status_change').values(rows).execute().then(() => undefined);
}

// Sealing rows written before migrations/0011 (or by a bulk import that bypassed the service)

/** Case files still holding a sealed field in plaintext, or without a sealed value, a batch at a time. */
export function listUnsealedCaseFiles(db: DbOrTx, limit: number) {
  return db
    .selectFrom('case_file')
    .select(['person_id', ...sealedCaseFileColumns])
    .where((eb) => eb.or([
      eb('sealed_fields', 'is', null),
      eb('residence_card_number', 'is not', null),
      eb('custody', 'is not', null),
      eb('procedure_stage', 'is not', null),
      eb(sql<number>`cardinality(vulnerabilities)`, '>', 0),
      eb('whereabouts', '<>', ''),
    ]))
    .orderBy('person_id')
    .limit(limit)
    .execute();
}

/** Writes the sealed columns only: the content is unchanged, so neither version nor updated_at moves. */
export function updateSealedColumns(db: DbOrTx, personId: string, columns: SealedColumnsWrite) {
  return db.updateTable('case_file').set(columns).where('person_id', '=', personId).execute();
}

/** History rows of sealed fields whose old or new value is still plaintext, a batch at a time. */
export function listUnsealedStatusChanges(db: DbOrTx, fields: readonly string[], sealedPrefix: string, limit: number) {
  const plain = (column: 'old_value' | 'new_value') =>
    sql<boolean>`(${sql.ref(column)} IS NULL OR left(${sql.ref(column)}, ${sealedPrefix.length}) <> ${sealedPrefix})`;
  return db
    .selectFrom('case_status_change')
    .select(['id', 'field', 'old_value', 'new_value'])
    .where('field', 'in', [...fields])
    .where((eb) => eb.or([plain('old_value'), plain('new_value')]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function updateStatusChangeValues(db: DbOrTx, id: string, values: { old_value: string | null; new_value: string | null }) {
  return db.updateTable('case_status_change').set(values).where('id', '=', id).execute();
}

/** Serialises the start-up sealing between servers starting at once on one PostgreSQL. */
export async function lockSealing(tx: DbOrTx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(727277)`.execute(tx);
}

/**
 * After sealing old rows, their plaintext versions still sit in the table files as dead tuples and
 * in the write-ahead log, which a copy of the data directory carries. VACUUM FULL rewrites both
 * tables (and their indexes) into new files; on the embedded database the WAL segments holding
 * the old versions are then switched out and deleted instead of recycled. (A PostgreSQL server's
 * WAL and archives are the server's; its administrator decides how long they are kept.)
 */
export async function purgeOldRowVersions(db: Db, embedded: boolean): Promise<void> {
  await sql`VACUUM FULL case_file, case_status_change`.execute(db);
  if (!embedded) return;
  await sql`SET wal_recycle = off`.execute(db);
  try {
    await sql`SELECT pg_switch_wal()`.execute(db);
    await sql`CHECKPOINT`.execute(db);
  } finally {
    await sql`RESET wal_recycle`.execute(db);
  }
}

export function listStatusChanges(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('case_status_change')
    .innerJoin('staff_user', 'staff_user.id', 'case_status_change.recorded_by')
    .select([
      'case_status_change.id', 'case_status_change.field', 'case_status_change.old_value', 'case_status_change.new_value',
      'case_status_change.effective_on', 'case_status_change.recorded_at', 'case_status_change.recorded_by',
      'staff_user.display_name as recorded_by_name',
    ])
    .where('case_status_change.organisation_id', '=', organisationId)
    .where('case_status_change.person_id', '=', personId)
    .orderBy('case_status_change.recorded_at', 'desc')
    .orderBy('case_status_change.effective_on', 'desc')
    .orderBy('case_status_change.field')
    .limit(1000)
    .execute();
}

const personSummaryColumns = [
  'person.id', 'person.file_number', 'person.family_name', 'person.given_name', 'person.name_in_own_script', 'person.name_kana',
  'person.date_of_birth', 'person.date_of_birth_estimated', 'person.sex', 'person.nationality',
] as const;

/** Everyone waiting for an allowance decision, longest wait first (files merged away left out). */
export function listAllowanceWaiting(db: DbOrTx, organisationId: string, statuses: readonly string[]) {
  return db
    .selectFrom('case_file')
    .innerJoin('person', 'person.id', 'case_file.person_id')
    .leftJoin('staff_user as assignee', 'assignee.id', 'case_file.assigned_to')
    .select([...personSummaryColumns, 'case_file.allowance_status', 'case_file.allowance_applied_on', 'case_file.assigned_to', 'assignee.display_name as assigned_to_name'])
    .where('case_file.organisation_id', '=', organisationId)
    .where('case_file.allowance_status', 'in', [...statuses])
    .where('case_file.allowance_applied_on', 'is not', null)
    .where('person.merged_into_id', 'is', null)
    .orderBy('case_file.allowance_applied_on', 'asc')
    .orderBy('person.file_number', 'asc')
    .limit(2000)
    .execute();
}

// Case events

const eventColumns = [
  'case_event.id', 'case_event.person_id', 'case_event.kind', 'case_event.occurs_on', 'case_event.note', 'case_event.done_at',
  'case_event.created_at', 'staff_user.display_name as created_by_name',
] as const;

export type CaseEventRow = NonNullable<Awaited<ReturnType<typeof findCaseEvent>>>;

export function findCaseEvent(db: DbOrTx, organisationId: string, id: string) {
  return db
    .selectFrom('case_event')
    .innerJoin('staff_user', 'staff_user.id', 'case_event.created_by')
    .select(eventColumns)
    .where('case_event.organisation_id', '=', organisationId)
    .where('case_event.id', '=', id)
    .executeTakeFirst();
}

/** A person's interviews and reporting dates, in date order. */
export function listCaseEvents(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('case_event')
    .innerJoin('staff_user', 'staff_user.id', 'case_event.created_by')
    .select(eventColumns)
    .where('case_event.organisation_id', '=', organisationId)
    .where('case_event.person_id', '=', personId)
    .orderBy('case_event.occurs_on', 'asc')
    .orderBy('case_event.created_at', 'asc')
    .limit(1000)
    .execute();
}

export function insertCaseEvent(db: DbOrTx, row: Insertable<CaseEventTable>) {
  return db.insertInto('case_event').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateCaseEvent(db: DbOrTx, organisationId: string, id: string, patch: Updateable<CaseEventTable>) {
  return db.updateTable('case_event').set(patch).where('organisation_id', '=', organisationId).where('id', '=', id).returning('id').executeTakeFirst();
}

// Household links

/** Links that touch the person from either end, with the other person's summary. */
export function listHousehold(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('household_link')
    .innerJoin('person', (join) =>
      join.on((eb) => eb.or([
        eb.and([eb('household_link.person_id', '=', personId), eb('person.id', '=', eb.ref('household_link.member_person_id'))]),
        eb.and([eb('household_link.member_person_id', '=', personId), eb('person.id', '=', eb.ref('household_link.person_id'))]),
      ])))
    .select([...personSummaryColumns, 'household_link.id as link_id', 'household_link.person_id as link_person_id', 'household_link.relationship', 'household_link.created_at'])
    .where('household_link.organisation_id', '=', organisationId)
    .orderBy('household_link.created_at', 'asc')
    .execute();
}

/** A link between the two people in either direction, if there is one. */
export function findLinkBetween(db: DbOrTx, organisationId: string, a: string, b: string) {
  return db
    .selectFrom('household_link')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([
      eb.and([eb('person_id', '=', a), eb('member_person_id', '=', b)]),
      eb.and([eb('person_id', '=', b), eb('member_person_id', '=', a)]),
    ]))
    .executeTakeFirst();
}

export function insertHouseholdLink(db: DbOrTx, row: { organisation_id: string; person_id: string; member_person_id: string; relationship: string; created_by: string }) {
  return db.insertInto('household_link').values(row).returning('id').executeTakeFirstOrThrow();
}

export function deleteHouseholdLink(db: DbOrTx, organisationId: string, id: string) {
  return db.deleteFrom('household_link').where('organisation_id', '=', organisationId).where('id', '=', id).returning(['id', 'person_id', 'member_person_id']).executeTakeFirst();
}
