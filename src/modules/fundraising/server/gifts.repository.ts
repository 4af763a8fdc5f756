import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { CampaignTable, FundTable, GiftSoftCreditTable, GiftTable, RecurringChangeTable, RecurringCommitmentTable } from './fundraising.tables';

// --- Funds -------------------------------------------------------------------------------------

const fundColumns = ['id', 'code', 'label_ja', 'label_en', 'is_restricted', 'sort_order', 'retired_at'] as const;

export function listFunds(db: DbOrTx, organisationId: string) {
  return db.selectFrom('fund').select(fundColumns).where('organisation_id', '=', organisationId).orderBy('sort_order').orderBy('code').execute();
}

export function findFund(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('fund').select(fundColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function findFundByCode(db: DbOrTx, organisationId: string, code: string) {
  return db.selectFrom('fund').select(fundColumns).where('organisation_id', '=', organisationId).where('code', '=', code).executeTakeFirst();
}

export function insertFunds(db: DbOrTx, rows: Array<Insertable<FundTable>>) {
  return db.insertInto('fund').values(rows).onConflict((oc) => oc.columns(['organisation_id', 'code']).doNothing()).returning(fundColumns).execute();
}

// --- Campaigns ---------------------------------------------------------------------------------

const campaignColumns = ['id', 'code', 'name_ja', 'name_en', 'channel', 'goal_yen', 'starts_on', 'ends_on', 'fund_id', 'description', 'archived_at', 'version'] as const;
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export function listCampaigns(db: DbOrTx, organisationId: string, includeArchived: boolean) {
  return db.selectFrom('campaign').select(campaignColumns).where('organisation_id', '=', organisationId)
    .$if(!includeArchived, (q) => q.where('archived_at', 'is', null))
    .orderBy('starts_on', 'desc').orderBy('code').execute();
}

export function findCampaign(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('campaign').select(campaignColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function findCampaignByCode(db: DbOrTx, organisationId: string, code: string) {
  return db.selectFrom('campaign').select(campaignColumns).where('organisation_id', '=', organisationId).where('code', '=', code).executeTakeFirst();
}

export function insertCampaign(db: DbOrTx, row: Insertable<CampaignTable>) {
  return db.insertInto('campaign').values(row).returning(campaignColumns).executeTakeFirstOrThrow();
}

export function updateCampaign(db: DbOrTx, organisationId: string, id: string, version: number, patch: Updateable<CampaignTable>) {
  return db.updateTable('campaign').set({ ...patch, version: sql`version + 1` }).where('organisation_id', '=', organisationId).where('id', '=', id)
    .where('version', '=', version).returning(campaignColumns).executeTakeFirst();
}

/** Raised (received, net of refunds), pledged, gifts, donors, and donors whose first gift came through the campaign. */
export async function campaignTotals(db: DbOrTx, organisationId: string, campaignId: string) {
  const row = await db.selectFrom('gift')
    .select([
      sql<number>`COALESCE(SUM(amount_yen) FILTER (WHERE status IN ('received', 'refunded')), 0)`.as('raised'),
      sql<number>`COALESCE(SUM(amount_yen) FILTER (WHERE status = 'pledged'), 0)`.as('pledged'),
      sql<number>`COUNT(*) FILTER (WHERE status = 'received' AND amount_yen > 0)`.as('gifts'),
      sql<number>`COALESCE(SUM(amount_yen) FILTER (WHERE status = 'received' AND amount_yen > 0), 0)`.as('received_sum'),
      sql<number>`COUNT(DISTINCT supporter_id) FILTER (WHERE status = 'received' AND amount_yen > 0)`.as('donors'),
    ])
    .where('organisation_id', '=', organisationId).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  const fresh = await sql<{ n: number }>`
    SELECT COUNT(*)::int AS n FROM (
      SELECT DISTINCT ON (g.supporter_id) g.supporter_id, g.campaign_id
      FROM gift g
      WHERE g.organisation_id = ${organisationId} AND g.status = 'received' AND g.amount_yen > 0 AND g.supporter_id IN (
        SELECT supporter_id FROM gift WHERE organisation_id = ${organisationId} AND campaign_id = ${campaignId} AND status = 'received' AND amount_yen > 0
      )
      ORDER BY g.supporter_id, g.received_on, g.created_at
    ) first_gifts WHERE campaign_id = ${campaignId}`.execute(db);
  return {
    raised: Number(row.raised), pledged: Number(row.pledged), gifts: Number(row.gifts), receivedSum: Number(row.received_sum),
    donors: Number(row.donors), newDonors: Number(fresh.rows[0]?.n ?? 0),
  };
}

/** Raised per day received (received, net of refunds). */
export function campaignDaily(db: DbOrTx, organisationId: string, campaignId: string) {
  return db.selectFrom('gift')
    .select(['received_on', sql<number>`SUM(amount_yen)`.as('raised'), sql<number>`COUNT(*) FILTER (WHERE amount_yen > 0)`.as('gifts')])
    .where('organisation_id', '=', organisationId).where('campaign_id', '=', campaignId).where('status', 'in', ['received', 'refunded'])
    .groupBy('received_on').orderBy('received_on').execute();
}

// --- Gifts -------------------------------------------------------------------------------------

function selectGifts(db: DbOrTx, organisationId: string) {
  return db.selectFrom('gift as g')
    .innerJoin('fund as f', 'f.id', 'g.fund_id')
    .leftJoin('campaign as c', 'c.id', 'g.campaign_id')
    .select([
      'g.id', 'g.supporter_id', 'g.amount_yen', 'g.received_on', 'g.method', 'g.in_kind_description', 'g.valuation_basis', 'g.campaign_id',
      'c.name_ja as campaign_name_ja', 'c.name_en as campaign_name_en', 'g.fund_id', 'f.label_ja as fund_label_ja', 'f.label_en as fund_label_en',
      'g.is_anonymous', 'g.donor_message', 'g.source_platform', 'g.external_id', 'g.fee_yen', 'g.net_yen', 'g.status', 'g.reverses_gift_id',
      'g.recurring_commitment_id', 'g.import_batch_id', 'g.note', 'g.thanked_at', 'g.created_at', 'g.version',
    ])
    .where('g.organisation_id', '=', organisationId);
}
export type GiftRow = NonNullable<Awaited<ReturnType<typeof findGift>>>;

export function findGift(db: DbOrTx, organisationId: string, id: string) {
  return selectGifts(db, organisationId).where('g.id', '=', id).executeTakeFirst();
}

export function lockGift(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('gift').select(['id', 'version', 'status', 'amount_yen']).where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findGiftByExternalId(db: DbOrTx, organisationId: string, platform: string, externalId: string) {
  return db.selectFrom('gift').select(['id']).where('organisation_id', '=', organisationId).where('source_platform', '=', platform).where('external_id', '=', externalId).executeTakeFirst();
}

export interface GiftFilter {
  supporterId?: string | undefined;
  campaignId?: string | undefined;
  status?: GiftTable['status'] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  unthanked?: boolean | undefined;
}

function filtered(db: DbOrTx, organisationId: string, f: GiftFilter) {
  return selectGifts(db, organisationId)
    .$if(f.supporterId !== undefined, (q) => q.where('g.supporter_id', '=', f.supporterId ?? ''))
    .$if(f.campaignId !== undefined, (q) => q.where('g.campaign_id', '=', f.campaignId ?? ''))
    .$if(f.status !== undefined, (q) => q.where('g.status', '=', f.status ?? 'received'))
    .$if(f.from !== undefined, (q) => q.where('g.received_on', '>=', f.from ?? ''))
    .$if(f.to !== undefined, (q) => q.where('g.received_on', '<=', f.to ?? ''))
    .$if(f.unthanked === true, (q) => q.where('g.thanked_at', 'is', null).where('g.status', '=', 'received').where('g.amount_yen', '>', 0).where('g.supporter_id', 'is not', null));
}

export function listGifts(db: DbOrTx, organisationId: string, f: GiftFilter, limit: number, offset: number) {
  return filtered(db, organisationId, f).orderBy('g.received_on', 'desc').orderBy('g.created_at', 'desc').orderBy('g.id').limit(limit).offset(offset).execute();
}

export async function countGifts(db: DbOrTx, organisationId: string, f: GiftFilter): Promise<number> {
  const row = await filtered(db, organisationId, f).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertGift(db: DbOrTx, row: Insertable<GiftTable>) {
  return db.insertInto('gift').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateGift(db: DbOrTx, organisationId: string, id: string, version: number, patch: Updateable<GiftTable>) {
  return db.updateTable('gift').set({ ...patch, version: sql`version + 1` }).where('organisation_id', '=', organisationId).where('id', '=', id)
    .where('version', '=', version).returning('id').executeTakeFirst();
}

export function markThanked(db: DbOrTx, organisationId: string, ids: readonly string[], staffUserId: string) {
  return db.updateTable('gift').set({ thanked_at: sql`now()`, thanked_by: staffUserId })
    .where('organisation_id', '=', organisationId).where('id', 'in', ids).where('thanked_at', 'is', null).returning('id').execute();
}

export function insertSoftCredits(db: DbOrTx, rows: Array<Insertable<GiftSoftCreditTable>>) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('gift_soft_credit').values(rows).execute();
}

export function softCreditsOf(db: DbOrTx, organisationId: string, giftIds: readonly string[]) {
  if (giftIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('gift_soft_credit').select(['gift_id', 'kind', 'supporter_id', 'name']).where('organisation_id', '=', organisationId).where('gift_id', 'in', giftIds).orderBy('kind').orderBy('name').orderBy('id').execute();
}

/** A supporter's giving: received gifts only, by calendar year. */
export function givingByYear(db: DbOrTx, organisationId: string, supporterId: string) {
  return db.selectFrom('gift')
    .select([
      sql<number>`extract(year from received_on)::int`.as('year'), sql<number>`SUM(amount_yen)`.as('total'), sql<number>`COUNT(*)`.as('gifts'),
      sql<string>`MIN(received_on)::text`.as('first'), sql<string>`MAX(received_on)::text`.as('last'),
    ])
    .where('organisation_id', '=', organisationId).where('supporter_id', '=', supporterId).where('status', '=', 'received').where('amount_yen', '>', 0)
    .groupBy(sql`extract(year from received_on)`).orderBy('year', 'desc').execute();
}

type CommitmentStatus = 'active' | 'paused' | 'failing' | 'cancelled';

// --- Commitments -------------------------------------------------------------------------------

const commitmentColumns = [
  'r.id', 'r.supporter_id', 'r.frequency', 'r.amount_yen', 'r.day_of_month', 'r.month_of_year', 'r.method', 'r.fund_id', 'r.campaign_id', 'r.starts_on',
  'r.ends_on', 'r.status', 'r.status_reason', 'r.source_platform', 'r.external_id', 'r.version',
] as const;
export type CommitmentRow = NonNullable<Awaited<ReturnType<typeof findCommitment>>>;

export function findCommitment(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('recurring_commitment as r').select(commitmentColumns).where('r.organisation_id', '=', organisationId).where('r.id', '=', id).executeTakeFirst();
}

export function listCommitments(db: DbOrTx, organisationId: string, f: { supporterId?: string | undefined; status?: CommitmentStatus | undefined }, limit: number) {
  return db.selectFrom('recurring_commitment as r').select(commitmentColumns).where('r.organisation_id', '=', organisationId)
    .$if(f.supporterId !== undefined, (q) => q.where('r.supporter_id', '=', f.supporterId ?? ''))
    .$if(f.status !== undefined, (q) => q.where('r.status', '=', f.status ?? 'active'))
    .orderBy('r.starts_on', 'desc').orderBy('r.id').limit(limit).execute();
}

export function insertCommitment(db: DbOrTx, row: Insertable<RecurringCommitmentTable>) {
  return db.insertInto('recurring_commitment').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateCommitment(db: DbOrTx, organisationId: string, id: string, version: number, patch: Updateable<RecurringCommitmentTable>) {
  return db.updateTable('recurring_commitment').set({ ...patch, version: sql`version + 1` }).where('organisation_id', '=', organisationId)
    .where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
}

export function insertCommitmentChange(db: DbOrTx, row: Insertable<RecurringChangeTable>) {
  return db.insertInto('recurring_change').values(row).execute();
}

export function commitmentChanges(db: DbOrTx, organisationId: string, commitmentId: string) {
  return db.selectFrom('recurring_change')
    .select(['kind', 'old_amount_yen', 'new_amount_yen', 'old_status', 'new_status', 'reason', 'effective_on', 'changed_at'])
    .where('organisation_id', '=', organisationId).where('commitment_id', '=', commitmentId).orderBy('changed_at').orderBy('id').execute();
}

/** Whether a gift is on a receipt that is still valid (migrations/0016_fundraising_receipts.sql). */
export async function isReceipted(db: DbOrTx, giftId: string): Promise<boolean> {
  const row = await db.selectFrom('receipt_gift').select('gift_id').where('gift_id', '=', giftId).where('is_active', '=', true).executeTakeFirst();
  return row !== undefined;
}
