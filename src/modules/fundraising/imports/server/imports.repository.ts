import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../../../server/db/database';
import type { GiftTable, RecurringChangeTable, RecurringCommitmentTable, SupporterAddressTable, SupporterTable } from '../../server/fundraising.tables';
import type { ImportBatchTable, ImportMatch, ImportRowTable } from './imports.tables';

type Source = ImportBatchTable['source'];

// --- Mappings ----------------------------------------------------------------------------------

export async function findMapping(db: DbOrTx, organisationId: string, source: Source) {
  const row = await db.selectFrom('import_mapping').select('mapping').where('organisation_id', '=', organisationId).where('source', '=', source).executeTakeFirst();
  return row?.mapping ?? null;
}

export function saveMapping(db: DbOrTx, organisationId: string, source: Source, mapping: Record<string, string | null>, staffUserId: string) {
  return db.insertInto('import_mapping').values({ organisation_id: organisationId, source, mapping: JSON.stringify(mapping), updated_by: staffUserId })
    .onConflict((oc) => oc.columns(['organisation_id', 'source']).doUpdateSet({ mapping: JSON.stringify(mapping), updated_by: staffUserId, updated_at: sql`now()` }))
    .execute();
}

// --- Batches -----------------------------------------------------------------------------------

const batchColumns = [
  'id', 'source', 'file_name', 'encoding', 'file_sha256', 'headers', 'sample', 'mapping', 'status', 'summary', 'gifts_created', 'supporters_created',
  'created_at', 'committed_at', 'rolled_back_at',
] as const;
export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

export function insertBatch(db: DbOrTx, row: Insertable<ImportBatchTable>) {
  return db.insertInto('import_batch').values(row).returning(batchColumns).executeTakeFirstOrThrow();
}

export function findBatch(db: DbOrTx, organisationId: string, id: string, lock = false) {
  return db.selectFrom('import_batch').select(batchColumns).where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(lock, (q) => q.forUpdate()).executeTakeFirst();
}

export async function batchContent(db: DbOrTx, id: string): Promise<string> {
  return (await db.selectFrom('import_batch').select('content').where('id', '=', id).executeTakeFirstOrThrow()).content;
}

export function listBatches(db: DbOrTx, organisationId: string, limit: number) {
  return db.selectFrom('import_batch').select(batchColumns).where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export function updateBatch(db: DbOrTx, id: string, patch: Updateable<ImportBatchTable>) {
  return db.updateTable('import_batch').set(patch).where('id', '=', id).execute();
}

// --- Rows --------------------------------------------------------------------------------------

export function deleteRows(db: DbOrTx, batchId: string) {
  return db.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
}

export async function insertRows(db: DbOrTx, rows: Insertable<ImportRowTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('import_row').values(rows.slice(i, i + 1000)).execute();
}

const rowColumns = ['line', 'data', 'errors', 'match', 'candidates', 'supporter_id', 'campaign_id', 'fund_id', 'decided_by', 'gift_id', 'created_supporter_id'] as const;
export type ImportRowRecord = Awaited<ReturnType<typeof listRows>>[number];

export function listRows(db: DbOrTx, batchId: string, matches: readonly ImportMatch[] | null, limit: number, offset: number) {
  return db.selectFrom('import_row').select(rowColumns).where('batch_id', '=', batchId)
    .$if(matches !== null, (q) => q.where('match', 'in', matches ?? []))
    .orderBy('line').limit(limit).offset(offset).execute();
}

export function findRow(db: DbOrTx, batchId: string, line: number) {
  return db.selectFrom('import_row').select(rowColumns).where('batch_id', '=', batchId).where('line', '=', line).executeTakeFirst();
}

export function allRows(db: DbOrTx, batchId: string) {
  return db.selectFrom('import_row').select(rowColumns).where('batch_id', '=', batchId).orderBy('line').execute();
}

export async function countByMatch(db: DbOrTx, batchId: string): Promise<Record<string, number>> {
  const rows = await db.selectFrom('import_row').select(['match', (eb) => eb.fn.countAll<number>().as('n')]).where('batch_id', '=', batchId).groupBy('match').execute();
  return Object.fromEntries(rows.map((r) => [r.match, Number(r.n)]));
}

export function decideRow(db: DbOrTx, batchId: string, line: number, patch: { match: ImportMatch; supporter_id: string | null; decided_by: string }) {
  return db.updateTable('import_row').set(patch).where('batch_id', '=', batchId).where('line', '=', line).returning('line').executeTakeFirst();
}

export function decideAllAmbiguous(db: DbOrTx, batchId: string, match: 'new' | 'skipped', staffUserId: string) {
  return db.updateTable('import_row').set({ match, supporter_id: null, decided_by: staffUserId }).where('batch_id', '=', batchId).where('match', '=', 'ambiguous').returning('line').execute();
}

/** Records what the commit created for each row. */
export async function setRowResults(db: DbOrTx, batchId: string, results: ReadonlyArray<{ line: number; giftId: string | null; createdSupporterId: string | null; match: ImportMatch }>) {
  for (let i = 0; i < results.length; i += 2000) {
    const part = results.slice(i, i + 2000);
    await sql`
      UPDATE import_row r SET gift_id = u.gift_id, created_supporter_id = u.created_supporter_id, match = u.match
      FROM unnest(${sql.val(part.map((p) => p.line))}::int[], ${sql.val(part.map((p) => p.giftId))}::uuid[], ${sql.val(part.map((p) => p.createdSupporterId))}::uuid[], ${sql.val(part.map((p) => p.match))}::text[])
        AS u(line, gift_id, created_supporter_id, match)
      WHERE r.batch_id = ${batchId} AND r.line = u.line`.execute(db);
  }
}

// --- What the matching step compares with ------------------------------------------------------

/** Every supporter not merged away, with what duplicate matching compares: names, readings, contacts, current 〒 and city. */
export function supporterIndex(db: DbOrTx, organisationId: string) {
  return db.selectFrom('supporter as s')
    .leftJoin('supporter_address as a', (j) => j.onRef('a.supporter_id', '=', 's.id').on('a.replaced_at', 'is', null))
    .select(['s.id', 's.supporter_number', 's.kind', 's.family_name', 's.given_name', 's.family_name_kana', 's.given_name_kana', 's.organisation_name',
      's.organisation_name_kana', 's.email', 's.phone_digits', 'a.postal_code', 'a.prefecture', 'a.city'])
    .where('s.organisation_id', '=', organisationId).where('s.merged_into_id', 'is', null).execute();
}

/** The external ids of a platform already on file among the given ones. */
export async function existingExternalIds(db: DbOrTx, organisationId: string, platform: string, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const part = ids.slice(i, i + 5000);
    const rows = await db.selectFrom('gift').select('external_id').where('organisation_id', '=', organisationId).where('source_platform', '=', platform)
      .where('external_id', '=', sql<string>`ANY(${sql.val(part)}::text[])`).execute();
    for (const r of rows) if (r.external_id) found.add(r.external_id);
  }
  return found;
}

// --- Commit ------------------------------------------------------------------------------------

export async function insertSupporters(db: DbOrTx, rows: Insertable<SupporterTable>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 500) ids.push(...(await db.insertInto('supporter').values(rows.slice(i, i + 500)).returning('id').execute()).map((r) => r.id));
  return ids;
}

export async function insertAddresses(db: DbOrTx, rows: Insertable<SupporterAddressTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('supporter_address').values(rows.slice(i, i + 1000)).execute();
}

/** Inserts gifts; one whose platform id is already on file (another import racing) is left out. Returns the ids by external id. */
export async function insertGifts(db: DbOrTx, rows: Insertable<GiftTable>[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await db.insertInto('gift').values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['organisation_id', 'source_platform', 'external_id']).where('external_id', 'is not', null).doNothing())
      .returning(['id', 'external_id']).execute();
    for (const r of inserted) if (r.external_id) ids.set(r.external_id, r.id);
  }
  return ids;
}

export function activeCommitments(db: DbOrTx, organisationId: string, supporterIds: readonly string[], platform: string) {
  if (supporterIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('recurring_commitment').select(['id', 'supporter_id', 'amount_yen', 'frequency'])
    .where('organisation_id', '=', organisationId).where('source_platform', '=', platform).where('status', 'in', ['active', 'failing'])
    .where('supporter_id', '=', sql<string>`ANY(${sql.val(supporterIds)}::uuid[])`).execute();
}

export function insertCommitment(db: DbOrTx, row: Insertable<RecurringCommitmentTable>) {
  return db.insertInto('recurring_commitment').values(row).returning('id').executeTakeFirstOrThrow();
}

export function insertCommitmentChange(db: DbOrTx, row: Insertable<RecurringChangeTable>) {
  return db.insertInto('recurring_change').values(row).execute();
}

export async function setGiftCommitments(db: DbOrTx, pairs: ReadonlyArray<{ giftId: string; commitmentId: string }>) {
  if (pairs.length === 0) return;
  await sql`UPDATE gift g SET recurring_commitment_id = u.c FROM unnest(${sql.val(pairs.map((p) => p.giftId))}::uuid[], ${sql.val(pairs.map((p) => p.commitmentId))}::uuid[]) AS u(g, c) WHERE g.id = u.g`.execute(db);
}

// --- Roll-back ---------------------------------------------------------------------------------

/** What stands in the way of removing a batch's gifts: refunds of them and receipts for them. */
export async function batchGiftUse(db: DbOrTx, batchId: string) {
  const refunded = await db.selectFrom('gift as r').innerJoin('gift as g', 'g.id', 'r.reverses_gift_id').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('g.import_batch_id', '=', batchId).executeTakeFirstOrThrow();
  // Before the receipts room exists (migration 0016), nothing can have been receipted.
  const hasReceipts = (await sql<{ ok: boolean }>`SELECT to_regclass('receipt_gift') IS NOT NULL AS ok`.execute(db)).rows[0]?.ok === true;
  const receipted = hasReceipts
    ? Number((await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM receipt_gift rg JOIN gift g ON g.id = rg.gift_id WHERE g.import_batch_id = ${batchId} AND rg.is_active`.execute(db)).rows[0]?.n ?? 0)
    : 0;
  return { refunded: Number(refunded.n), receipted };
}

export async function deleteBatchGifts(db: DbOrTx, batchId: string): Promise<number> {
  await db.deleteFrom('gift_soft_credit').where('gift_id', 'in', (eb) => eb.selectFrom('gift').select('id').where('import_batch_id', '=', batchId)).execute();
  return (await db.deleteFrom('gift').where('import_batch_id', '=', batchId).returning('id').execute()).length;
}

/** Supporters the batch created that nothing else refers to now (no gift, commitment, credit or merge): these go with the batch. */
export function removableSupporters(db: DbOrTx, batchId: string) {
  return db.selectFrom('import_row as r').innerJoin('supporter as s', 's.id', 'r.created_supporter_id').select('s.id').distinct()
    .where('r.batch_id', '=', batchId).where('s.merged_into_id', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('gift').select('gift.id').whereRef('gift.supporter_id', '=', 's.id'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('gift_soft_credit').select('gift_soft_credit.id').whereRef('gift_soft_credit.supporter_id', '=', 's.id'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('supporter_merge').select('supporter_merge.id').where((eb) => eb.or([eb('supporter_merge.kept_id', '=', eb.ref('s.id')), eb('supporter_merge.merged_id', '=', eb.ref('s.id'))])))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('supporter as m').select('m.id').whereRef('m.merged_into_id', '=', 's.id'))))
    .execute();
}

export async function deleteSupporters(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return;
  const commitments = db.selectFrom('recurring_commitment').select('id').where('supporter_id', 'in', ids);
  await db.deleteFrom('recurring_change').where('commitment_id', 'in', commitments).execute();
  await db.deleteFrom('recurring_commitment').where('supporter_id', 'in', ids).execute();
  await db.deleteFrom('supporter_address').where('supporter_id', 'in', ids).execute();
  await db.updateTable('import_row').set({ created_supporter_id: null, supporter_id: null }).where((eb) => eb.or([eb('created_supporter_id', 'in', ids), eb('supporter_id', 'in', ids)])).execute();
  await db.deleteFrom('supporter').where('id', 'in', ids).execute();
}

/** Commitments an import started (external id import:<batch>:…) that have no gift left. */
export async function deleteBatchCommitments(db: DbOrTx, organisationId: string, batchId: string) {
  const ids = (await db.selectFrom('recurring_commitment as c').select('c.id').where('c.organisation_id', '=', organisationId)
    .where('c.external_id', 'like', `import:${batchId}:%`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('gift').select('gift.id').whereRef('gift.recurring_commitment_id', '=', 'c.id'))))
    .execute()).map((r) => r.id);
  if (ids.length === 0) return 0;
  await db.deleteFrom('recurring_change').where('commitment_id', 'in', ids).execute();
  await db.deleteFrom('recurring_commitment').where('id', 'in', ids).execute();
  return ids.length;
}

/**
 * Fresh planner statistics after a large import: the tables may have grown many times over in one
 * transaction, and until autovacuum catches up every later query (and a roll-back's key checks)
 * would be planned for the old sizes (bench/RESULTS.md: roll-back of 15k rows 10 s → 1.5 s).
 */
export async function refreshStatistics(db: DbOrTx) {
  await sql`ANALYZE gift, supporter, supporter_address, import_row, recurring_commitment`.execute(db);
}
