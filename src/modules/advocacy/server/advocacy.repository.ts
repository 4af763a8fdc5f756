import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { BarrierTable, BarrierTagTable } from './advocacy.tables';

// --- Taxonomy ----------------------------------------------------------------------------------

const barrierColumns = [
  'id', 'code', 'label_ja', 'label_en', 'description_ja', 'description_en', 'sort_order', 'retired_at', 'merged_into_id', 'version',
] as const;
export type BarrierRow = NonNullable<Awaited<ReturnType<typeof findBarrier>>>;

export function listBarriers(db: DbOrTx, organisationId: string) {
  return db.selectFrom('barrier').select(barrierColumns).where('organisation_id', '=', organisationId).orderBy('sort_order').orderBy('code').execute();
}

export function findBarrier(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('barrier').select(barrierColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function findBarriersByCode(db: DbOrTx, organisationId: string, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('barrier').select(barrierColumns).where('organisation_id', '=', organisationId).where('code', 'in', codes).execute();
}

export async function countBarriers(db: DbOrTx, organisationId: string): Promise<number> {
  const row = await db.selectFrom('barrier').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function nextSortOrder(db: DbOrTx, organisationId: string): Promise<number> {
  const row = await db.selectFrom('barrier').select((eb) => eb.fn.max('sort_order').as('m')).where('organisation_id', '=', organisationId).executeTakeFirst();
  return Number(row?.m ?? 0) + 10;
}

export function insertBarriers(db: DbOrTx, rows: Array<Insertable<BarrierTable>>) {
  return db.insertInto('barrier').values(rows).onConflict((oc) => oc.columns(['organisation_id', 'code']).doNothing()).returning(barrierColumns).execute();
}

export function updateBarrier(db: DbOrTx, organisationId: string, id: string, patch: Updateable<BarrierTable>) {
  return db.updateTable('barrier').set({ ...patch, version: sql`version + 1` }).where('organisation_id', '=', organisationId).where('id', '=', id)
    .returning(barrierColumns).executeTakeFirst();
}

/** Tags counted under `fromId` are now counted under `intoId`: earlier merges into `fromId` follow. */
export function repointMerged(db: DbOrTx, organisationId: string, fromId: string, intoId: string) {
  return db.updateTable('barrier').set({ merged_into_id: intoId }).where('organisation_id', '=', organisationId).where('merged_into_id', '=', fromId).execute();
}

export function insertBarrierChange(db: DbOrTx, row: { organisation_id: string; barrier_id: string; action: 'created' | 'edited' | 'retired' | 'restored' | 'merged'; before: object | null; after: object | null; changed_by: string | null }) {
  return db.insertInto('barrier_change').values({
    ...row, before: row.before === null ? null : JSON.stringify(row.before), after: row.after === null ? null : JSON.stringify(row.after),
  }).execute();
}

export function listBarrierChanges(db: DbOrTx, organisationId: string, barrierId: string) {
  return db.selectFrom('barrier_change').leftJoin('staff_user', 'staff_user.id', 'barrier_change.changed_by')
    .select(['barrier_change.id', 'barrier_change.barrier_id', 'barrier_change.action', 'barrier_change.before', 'barrier_change.after',
      'barrier_change.changed_at', 'staff_user.display_name as changed_by_name'])
    .where('barrier_change.organisation_id', '=', organisationId).where('barrier_change.barrier_id', '=', barrierId)
    .orderBy('barrier_change.changed_at').orderBy('barrier_change.id').execute();
}

// --- Tags --------------------------------------------------------------------------------------

const tagSelect = (db: DbOrTx) => db.selectFrom('barrier_tag')
  .innerJoin('barrier', 'barrier.id', 'barrier_tag.barrier_id')
  .innerJoin('staff_user', 'staff_user.id', 'barrier_tag.tagged_by')
  .select([
    'barrier_tag.id', 'barrier_tag.person_id', 'barrier_tag.consultation_id', 'barrier_tag.barrier_id', 'barrier.label_ja', 'barrier.label_en',
    'barrier.retired_at', 'barrier_tag.observed_on', 'barrier_tag.quote', 'barrier_tag.resolved_on', 'staff_user.display_name as tagged_by_name',
    'barrier_tag.tagged_at',
  ])
  .where('barrier_tag.removed_at', 'is', null);
export type TagRow = Awaited<ReturnType<typeof listTagsOfPerson>>[number];

export function listTagsOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return tagSelect(db).where('barrier_tag.organisation_id', '=', organisationId).where('barrier_tag.person_id', '=', personId)
    .orderBy('barrier_tag.observed_on', 'desc').orderBy('barrier_tag.tagged_at', 'desc').execute();
}

export function findTag(db: DbOrTx, organisationId: string, id: string) {
  return tagSelect(db).where('barrier_tag.organisation_id', '=', organisationId).where('barrier_tag.id', '=', id).executeTakeFirst();
}

export function findTagsByIds(db: DbOrTx, organisationId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tagSelect(db).where('barrier_tag.organisation_id', '=', organisationId).where('barrier_tag.id', 'in', ids).execute();
}

/** Inserts tags; one already open for the same person, barrier, consultation and day is left as it is. */
export function insertTags(db: DbOrTx, rows: Array<Insertable<BarrierTagTable>>) {
  return db.insertInto('barrier_tag').values(rows)
    .onConflict((oc) => oc.expression(sql`person_id, barrier_id, COALESCE(consultation_id, '00000000-0000-0000-0000-000000000000'::uuid), observed_on`).where('removed_at', 'is', null).doNothing())
    .returning(['id']).execute();
}

export function updateTag(db: DbOrTx, organisationId: string, id: string, patch: Updateable<BarrierTagTable>) {
  return db.updateTable('barrier_tag').set(patch).where('organisation_id', '=', organisationId).where('id', '=', id).where('removed_at', 'is', null)
    .returning(['id']).executeTakeFirst();
}

/** People (of these) who already have an open tag of this barrier. */
export async function peopleWithOpenTag(db: DbOrTx, organisationId: string, barrierId: string, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db.selectFrom('barrier_tag').select('person_id').distinct()
    .where('organisation_id', '=', organisationId).where('barrier_id', '=', barrierId).where('person_id', 'in', personIds)
    .where('removed_at', 'is', null).where('resolved_on', 'is', null).execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Barriers with an open (unresolved) tag on the person. */
export async function openBarriersOfPerson(db: DbOrTx, organisationId: string, personId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('barrier_tag').select('barrier_id').distinct()
    .where('organisation_id', '=', organisationId).where('person_id', '=', personId).where('removed_at', 'is', null).where('resolved_on', 'is', null).execute();
  return new Set(rows.map((r) => r.barrier_id));
}

export function findConsultationPerson(db: DbOrTx, organisationId: string, consultationId: string) {
  return db.selectFrom('consultation').select(['person_id', sql<string>`(occurred_at AT TIME ZONE 'Asia/Tokyo')::date::text`.as('occurred_on'), 'interpreter_language'])
    .where('organisation_id', '=', organisationId).where('id', '=', consultationId).executeTakeFirst();
}

/** The facts suggestions read: housing and languages of the person, and their latest consultation's interpreter. */
export function suggestionFacts(db: DbOrTx, organisationId: string, personId: string) {
  return db.selectFrom('person').select([
    'person.housing', 'person.languages',
    (eb) => eb.selectFrom('consultation').select('consultation.interpreter_language')
      .whereRef('consultation.person_id', '=', 'person.id').orderBy('consultation.occurred_at', 'desc').limit(1).as('last_interpreter'),
    (eb) => eb.selectFrom('consultation').select(sql<boolean>`true`.as('x'))
      .whereRef('consultation.person_id', '=', 'person.id').limit(1).as('has_consultation'),
  ]).where('person.organisation_id', '=', organisationId).where('person.id', '=', personId).executeTakeFirst();
}

// --- Settings ------------------------------------------------------------------------------------

export function findSettings(db: DbOrTx, organisationId: string) {
  return db.selectFrom('advocacy_settings').select(['minimum_cell', 'public_figures', 'public_period']).where('organisation_id', '=', organisationId).executeTakeFirst();
}

export function upsertSettings(db: DbOrTx, organisationId: string, values: { minimum_cell: number; public_figures: string[]; public_period: string; updated_by: string }) {
  return db.insertInto('advocacy_settings').values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...values, updated_at: new Date() })).execute();
}

/** The organisation this installation serves (the public figures speak for it). */
export function firstOrganisation(db: DbOrTx) {
  return db.selectFrom('organisation').select(['id', 'name']).orderBy('created_at').executeTakeFirst();
}
