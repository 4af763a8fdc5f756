import { sql, type Insertable } from 'kysely';
import type { DbOrTx } from '../../../../server/db/database';
import type {
  BatchItemReason, BatchItemStatus, FundraisingSettingsTable, ReceiptBatchTable, ReceiptGiftTable, ReceiptTable,
} from './receipts.tables';

// --- Settings ----------------------------------------------------------------------------------

const settingsColumns = [
  'fundraising_settings.legal_name_ja', 'fundraising_settings.legal_name_en', 'fundraising_settings.postal_code',
  'fundraising_settings.address_ja', 'fundraising_settings.address_en', 'fundraising_settings.representative_title_ja',
  'fundraising_settings.representative_title_en', 'fundraising_settings.representative_name_ja', 'fundraising_settings.representative_name_en',
  'fundraising_settings.certification_number', 'fundraising_settings.certification_date', 'fundraising_settings.authority_ja',
  'fundraising_settings.authority_en', 'fundraising_settings.seal_id', 'fundraising_settings.receipt_threshold_yen',
  'fundraising_settings.statement_ja', 'fundraising_settings.statement_en', 'fundraising_settings.updated_at', 'fundraising_settings.version',
] as const;
export type SettingsRow = NonNullable<Awaited<ReturnType<typeof findSettings>>>;
export type SettingsValues = Omit<Insertable<FundraisingSettingsTable>, 'organisation_id' | 'updated_at' | 'version'>;

export function findSettings(db: DbOrTx, organisationId: string) {
  return db.selectFrom('fundraising_settings')
    .leftJoin('staff_user', 'staff_user.id', 'fundraising_settings.updated_by')
    .leftJoin('fundraising_seal', 'fundraising_seal.id', 'fundraising_settings.seal_id')
    .select([...settingsColumns, 'staff_user.display_name as updated_by_name', 'fundraising_seal.content_type as seal_content_type'])
    .where('fundraising_settings.organisation_id', '=', organisationId)
    .executeTakeFirst();
}

/** Saves the settings if `expectedVersion` is still the stored one (0: none stored yet); false when stale. */
export async function saveSettings(db: DbOrTx, organisationId: string, expectedVersion: number, values: SettingsValues): Promise<boolean> {
  if (expectedVersion === 0) {
    const row = await db.insertInto('fundraising_settings').values({ organisation_id: organisationId, ...values })
      .onConflict((oc) => oc.column('organisation_id').doNothing()).returning('version').executeTakeFirst();
    return row !== undefined;
  }
  const row = await db.updateTable('fundraising_settings').set({ ...values, updated_at: new Date(), version: sql`version + 1` })
    .where('organisation_id', '=', organisationId).where('version', '=', expectedVersion).returning('version').executeTakeFirst();
  return row !== undefined;
}

export async function insertSeal(db: DbOrTx, row: { organisation_id: string; content_type: 'image/png' | 'image/jpeg'; image: Buffer; created_by: string }): Promise<string> {
  const inserted = await db.insertInto('fundraising_seal').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export function findSeal(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('fundraising_seal').select(['id', 'content_type', 'image'])
    .where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

// --- Supporters --------------------------------------------------------------------------------

const supporterColumns = [
  'id', 'supporter_number', 'kind', 'family_name', 'given_name', 'family_name_kana', 'given_name_kana', 'organisation_name', 'department',
  'honorific', 'email', 'phone_digits', 'preferred_language', 'no_contact', 'merged_into_id',
] as const;
export type SupporterRow = NonNullable<Awaited<ReturnType<typeof findSupporter>>>;

export function findSupporter(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('supporter').select(supporterColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** The supporter, locked until the transaction ends: everything that receipts their gifts goes one at a time. */
export function lockSupporter(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('supporter').select(supporterColumns).where('organisation_id', '=', organisationId).where('id', '=', id)
    .forUpdate().executeTakeFirst();
}

export function findSupporterNumber(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('supporter').select('supporter_number').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function findCurrentAddress(db: DbOrTx, organisationId: string, supporterId: string) {
  return db.selectFrom('supporter_address').select(['country', 'postal_code', 'prefecture', 'city', 'line1', 'line2'])
    .where('organisation_id', '=', organisationId).where('supporter_id', '=', supporterId).where('replaced_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Other supporters of the organisation who may be the same donor: the same e-mail (any case), the
 * same phone digits, or the same katakana reading at the same current 〒. Merged records are left out
 * (their gifts already moved). Each arm matches one of the partial indexes of migrations/0014.
 */
export function possibleDuplicates(db: DbOrTx, organisationId: string, s: Pick<SupporterRow, 'id' | 'email' | 'phone_digits' | 'family_name_kana' | 'given_name_kana'>, postalCode: string | null) {
  const email = s.email?.trim() ? s.email.trim().toLowerCase() : null;
  const hasReading = s.family_name_kana !== '' && s.given_name_kana !== '' && postalCode !== null;
  if (!email && !s.phone_digits && !hasReading) return Promise.resolve([]);
  return db.selectFrom('supporter').select(['id', 'supporter_number'])
    .where('organisation_id', '=', organisationId).where('merged_into_id', 'is', null).where('id', '<>', s.id)
    .where((eb) => {
      const arms = [];
      if (email) arms.push(eb.and([eb('email', 'is not', null), eb(eb.fn('lower', ['email']), '=', email)]));
      if (s.phone_digits) arms.push(eb('phone_digits', '=', s.phone_digits));
      if (hasReading) {
        arms.push(eb.and([
          eb('family_name_kana', '=', s.family_name_kana), eb('given_name_kana', '=', s.given_name_kana),
          eb.exists(eb.selectFrom('supporter_address').select(sql`1`.as('x')).whereRef('supporter_address.supporter_id', '=', 'supporter.id')
            .where('supporter_address.replaced_at', 'is', null).where('supporter_address.postal_code', '=', postalCode)),
        ]));
      }
      return eb.or(arms);
    })
    .orderBy('supporter_number').limit(20).execute();
}

// --- Gifts -------------------------------------------------------------------------------------

const giftColumns = ['gift.id', 'gift.supporter_id', 'gift.amount_yen', 'gift.received_on', 'gift.method', 'gift.status', 'gift.reverses_gift_id'] as const;

export function findGift(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('gift').select(giftColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** The gift, locked: a refund cannot slip in between the check and the receipt. */
export function lockGift(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('gift').select(giftColumns).where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The valid receipt a gift is on, if any. */
export function activeReceiptOfGift(db: DbOrTx, giftId: string) {
  return db.selectFrom('receipt_gift').innerJoin('receipt', 'receipt.id', 'receipt_gift.receipt_id')
    .select(['receipt.id', 'receipt.receipt_number']).where('receipt_gift.gift_id', '=', giftId).where('receipt_gift.is_active', '=', true)
    .executeTakeFirst();
}

const receivable = { from: (year: number) => `${year}-01-01`, to: (year: number) => `${year}-12-31` };

/** The supporter's received gifts of the year not yet on a valid receipt, locked, oldest first. */
export function unreceiptedGiftsOfYear(db: DbOrTx, organisationId: string, supporterId: string, year: number) {
  return db.selectFrom('gift').select(giftColumns)
    .where('gift.organisation_id', '=', organisationId).where('gift.supporter_id', '=', supporterId)
    .where('gift.status', '=', 'received').where('gift.amount_yen', '>', 0)
    .where('gift.received_on', '>=', receivable.from(year)).where('gift.received_on', '<=', receivable.to(year))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('receipt_gift').select(sql`1`.as('x')).whereRef('receipt_gift.gift_id', '=', 'gift.id').where('receipt_gift.is_active', '=', true))))
    .orderBy('gift.received_on').orderBy('gift.id')
    .forUpdate()
    .execute();
}

/** What the supporter gave in the year (received, receipted or not): the threshold is measured on it. */
export async function receivedTotalOfYear(db: DbOrTx, organisationId: string, supporterId: string, year: number): Promise<number> {
  const row = await db.selectFrom('gift').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_yen'), sql<number>`0`).as('total'))
    .where('organisation_id', '=', organisationId).where('supporter_id', '=', supporterId)
    .where('status', '=', 'received').where('amount_yen', '>', 0)
    .where('received_on', '>=', receivable.from(year)).where('received_on', '<=', receivable.to(year))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

// --- Receipts ----------------------------------------------------------------------------------

const receiptColumns = [
  'receipt.id', 'receipt.receipt_number', 'receipt.kind', 'receipt.year', 'receipt.supporter_id', 'receipt.total_yen', 'receipt.recipient',
  'receipt.issuer', 'receipt.gifts', 'receipt.seal_id', 'receipt.language', 'receipt.issued_on', 'receipt.issued_at', 'receipt.issued_by',
  'receipt.reissue_of', 'receipt.reissue_number', 'receipt.reissue_reason', 'receipt.batch_id', 'receipt.voided_at', 'receipt.void_reason',
] as const;
export type ReceiptRow = NonNullable<Awaited<ReturnType<typeof findReceipt>>>;

const receiptSelect = (db: DbOrTx) => db.selectFrom('receipt')
  .leftJoin('staff_user as issuer_staff', 'issuer_staff.id', 'receipt.issued_by')
  .leftJoin('staff_user as voider_staff', 'voider_staff.id', 'receipt.voided_by')
  .select([...receiptColumns, 'issuer_staff.display_name as issued_by_name', 'voider_staff.display_name as voided_by_name']);

export function findReceipt(db: DbOrTx, organisationId: string, id: string) {
  return receiptSelect(db).where('receipt.organisation_id', '=', organisationId).where('receipt.id', '=', id).executeTakeFirst();
}

/** The first receipt of a chain, locked: reissues and voids of one receipt go one at a time. */
export function lockReceipt(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('receipt').select(['id', 'voided_at', 'reissue_of']).where('organisation_id', '=', organisationId).where('id', '=', id)
    .forUpdate().executeTakeFirst();
}

export async function insertReceipt(db: DbOrTx, row: Insertable<ReceiptTable>): Promise<string> {
  const inserted = await db.insertInto('receipt').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertReceiptGifts(db: DbOrTx, rows: Array<Insertable<ReceiptGiftTable>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('receipt_gift').values(rows).execute();
}

export function listReceipts(db: DbOrTx, organisationId: string, q: { supporterId?: string | undefined; year?: number | undefined; kind?: 'single' | 'annual' | undefined; limit: number; offset: number }) {
  let query = db.selectFrom('receipt').where('receipt.organisation_id', '=', organisationId);
  if (q.supporterId) query = query.where('receipt.supporter_id', '=', q.supporterId);
  if (q.year !== undefined) query = query.where('receipt.year', '=', q.year);
  if (q.kind) query = query.where('receipt.kind', '=', q.kind);
  return Promise.all([
    query.select(receiptColumns).orderBy('receipt.issued_at', 'desc').orderBy('receipt.receipt_number', 'desc').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ]);
}

/** The first receipt and its reissues, oldest first. */
export function chainOf(db: DbOrTx, organisationId: string, rootId: string) {
  return db.selectFrom('receipt').select(['id', 'receipt_number', 'issued_at', 'reissue_number'])
    .where('organisation_id', '=', organisationId).where((eb) => eb.or([eb('id', '=', rootId), eb('reissue_of', '=', rootId)]))
    .orderBy(sql`coalesce(reissue_number, 0)`).execute();
}

export async function lastReissueNumber(db: DbOrTx, rootId: string): Promise<number> {
  const row = await db.selectFrom('receipt').select((eb) => eb.fn.max('reissue_number').as('n')).where('reissue_of', '=', rootId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Voids the first receipt and every reissue of it, and frees their gifts for a new receipt. */
export async function voidChain(db: DbOrTx, organisationId: string, rootId: string, by: string, reason: string): Promise<void> {
  await db.updateTable('receipt').set({ voided_at: new Date(), voided_by: by, void_reason: reason })
    .where('organisation_id', '=', organisationId).where('voided_at', 'is', null)
    .where((eb) => eb.or([eb('id', '=', rootId), eb('reissue_of', '=', rootId)])).execute();
  await db.updateTable('receipt_gift').set({ is_active: false }).where('receipt_id', '=', rootId).where('is_active', '=', true).execute();
}

/** The valid annual receipt of the supporter for the year, if any. */
export function activeAnnualReceipt(db: DbOrTx, organisationId: string, supporterId: string, year: number) {
  return db.selectFrom('receipt').select(['id', 'receipt_number'])
    .where('organisation_id', '=', organisationId).where('supporter_id', '=', supporterId).where('year', '=', year)
    .where('kind', '=', 'annual').where('reissue_of', 'is', null).where('voided_at', 'is', null).executeTakeFirst();
}

/** The valid receipts a batch issued, in number order (for its file). */
export function receiptsOfBatch(db: DbOrTx, organisationId: string, batchId: string) {
  return receiptSelect(db).where('receipt.organisation_id', '=', organisationId).where('receipt.batch_id', '=', batchId)
    .where('receipt.voided_at', 'is', null).orderBy('receipt.receipt_number').execute();
}

// --- Batches -----------------------------------------------------------------------------------

const batchColumns = [
  'receipt_batch.id', 'receipt_batch.year', 'receipt_batch.threshold_yen', 'receipt_batch.language', 'receipt_batch.acknowledge_duplicates',
  'receipt_batch.status', 'receipt_batch.total', 'receipt_batch.done', 'receipt_batch.issued', 'receipt_batch.skipped', 'receipt_batch.failed',
  'receipt_batch.total_yen', 'receipt_batch.created_at', 'receipt_batch.started_at', 'receipt_batch.finished_at',
] as const;
export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

const batchSelect = (db: DbOrTx) => db.selectFrom('receipt_batch').leftJoin('staff_user', 'staff_user.id', 'receipt_batch.created_by')
  .select([...batchColumns, 'staff_user.display_name as created_by_name']);

export function findBatch(db: DbOrTx, organisationId: string, id: string) {
  return batchSelect(db).where('receipt_batch.organisation_id', '=', organisationId).where('receipt_batch.id', '=', id).executeTakeFirst();
}

export function listBatches(db: DbOrTx, organisationId: string, year: number | undefined) {
  let query = batchSelect(db).where('receipt_batch.organisation_id', '=', organisationId);
  if (year !== undefined) query = query.where('receipt_batch.year', '=', year);
  return query.orderBy('receipt_batch.created_at', 'desc').limit(100).execute();
}

export async function insertBatch(db: DbOrTx, row: Insertable<ReceiptBatchTable>): Promise<string> {
  const inserted = await db.insertInto('receipt_batch').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * Fixes the batch's supporters: those (not merged) whose received gifts of the year reach the
 * threshold and who have a gift not yet on a valid receipt, in supporter-number order.
 */
export async function fillBatchItems(db: DbOrTx, organisationId: string, batchId: string, year: number, thresholdYen: number): Promise<number> {
  const result = await db.insertInto('receipt_batch_item').columns(['batch_id', 'supporter_id', 'position']).expression(
    db.selectFrom('gift').innerJoin('supporter', 'supporter.id', 'gift.supporter_id')
      // At most one valid receipt per gift (receipt_gift_active_idx): the join adds no rows.
      .leftJoin('receipt_gift', (join) => join.onRef('receipt_gift.gift_id', '=', 'gift.id').on('receipt_gift.is_active', '=', true))
      .select([
        sql<string>`${batchId}::uuid`.as('batch_id'), 'gift.supporter_id',
        sql<number>`row_number() OVER (ORDER BY supporter.supporter_number)`.as('position'),
      ])
      .where('gift.organisation_id', '=', organisationId).where('gift.status', '=', 'received').where('gift.amount_yen', '>', 0)
      .where('gift.received_on', '>=', receivable.from(year)).where('gift.received_on', '<=', receivable.to(year))
      .where('supporter.merged_into_id', 'is', null)
      .groupBy(['gift.supporter_id', 'supporter.supporter_number'])
      .having((eb) => eb(eb.fn.sum('gift.amount_yen'), '>=', thresholdYen))
      .having(sql<boolean>`bool_or(receipt_gift.gift_id IS NULL)`),
  ).executeTakeFirst();
  const count = Number(result.numInsertedOrUpdatedRows ?? 0);
  await db.updateTable('receipt_batch').set({ total: count }).where('id', '=', batchId).execute();
  return count;
}

/** The next pending supporter of the batch that no other run holds, locked for this transaction. */
export function takeNextItem(db: DbOrTx, batchId: string) {
  return db.selectFrom('receipt_batch_item').select(['supporter_id', 'position'])
    .where('batch_id', '=', batchId).where('status', '=', 'pending').orderBy('position').limit(1)
    .forUpdate().skipLocked().executeTakeFirst();
}

/** Records how one (still pending) supporter of the batch ended, and counts it in the batch's progress. */
export async function finishItem(db: DbOrTx, batchId: string, supporterId: string, outcome: { status: Exclude<BatchItemStatus, 'pending'>; reason: BatchItemReason | null; receiptId: string | null; totalYen: number }) {
  const item = await db.updateTable('receipt_batch_item').set({ status: outcome.status, reason: outcome.reason, receipt_id: outcome.receiptId, processed_at: new Date() })
    .where('batch_id', '=', batchId).where('supporter_id', '=', supporterId).where('status', '=', 'pending').returning('supporter_id').executeTakeFirst();
  if (!item) return;
  await db.updateTable('receipt_batch').set((eb) => ({
    done: eb('done', '+', 1),
    issued: eb('issued', '+', outcome.status === 'issued' ? 1 : 0),
    skipped: eb('skipped', '+', outcome.status === 'skipped' ? 1 : 0),
    failed: eb('failed', '+', outcome.status === 'failed' ? 1 : 0),
    total_yen: eb('total_yen', '+', outcome.totalYen),
    status: 'running',
    started_at: sql`coalesce(started_at, now())`,
    updated_at: new Date(),
  })).where('id', '=', batchId).execute();
}

/** Marks the batch done once no supporter is pending (one held by another run is still pending). */
export async function closeBatchIfFinished(db: DbOrTx, batchId: string): Promise<void> {
  await db.updateTable('receipt_batch').set({ status: 'done', finished_at: new Date(), updated_at: new Date() })
    .where('id', '=', batchId).where('status', '<>', 'done')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('receipt_batch_item').select(sql`1`.as('x')).where('receipt_batch_item.batch_id', '=', batchId).where('receipt_batch_item.status', '=', 'pending'))))
    .execute();
}

export function listBatchItems(db: DbOrTx, batchId: string, q: { status?: BatchItemStatus | undefined; limit: number; offset: number }) {
  let query = db.selectFrom('receipt_batch_item').innerJoin('supporter', 'supporter.id', 'receipt_batch_item.supporter_id')
    .leftJoin('receipt', 'receipt.id', 'receipt_batch_item.receipt_id')
    .where('receipt_batch_item.batch_id', '=', batchId);
  if (q.status) query = query.where('receipt_batch_item.status', '=', q.status);
  return Promise.all([
    query.select([
      'receipt_batch_item.supporter_id', 'supporter.supporter_number', 'receipt_batch_item.position', 'receipt_batch_item.status',
      'receipt_batch_item.reason', 'receipt_batch_item.receipt_id', 'receipt.receipt_number', 'receipt_batch_item.processed_at',
    ]).orderBy('receipt_batch_item.position').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ]);
}
