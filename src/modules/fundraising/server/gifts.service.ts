import type { Updateable } from 'kysely';
import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../server/http/errors';
import { tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import type {
  Campaign, CampaignProgress, Commitment, CommitmentDetail, CreateCampaignInput, CreateCommitmentInput, CreateGiftInput, Fund, Gift, GiftQuery,
  SupporterGiving, UpdateCampaignInput, UpdateCommitmentInput, UpdateGiftInput,
} from '../contract';
import type { CampaignTable, GiftTable, RecurringCommitmentTable } from './fundraising.tables';
import * as repo from './gifts.repository';
import type { SupportersService } from './supporters.service';

/** The funds every organisation starts with; an administrator adds its own. */
export const DEFAULT_FUNDS = [
  { code: 'unrestricted', label_ja: '使途を指定しない寄付', label_en: 'Unrestricted', is_restricted: false, sort_order: 10 },
  { code: 'winter', label_ja: '冬季緊急支援', label_en: 'Winter emergency', is_restricted: true, sort_order: 20 },
  { code: 'shelter', label_ja: 'シェルター', label_en: 'Shelter', is_restricted: true, sort_order: 30 },
  { code: 'food', label_ja: '食料支援', label_en: 'Food', is_restricted: true, sort_order: 40 },
  { code: 'medical', label_ja: '医療アクセス支援', label_en: 'Medical access', is_restricted: true, sort_order: 50 },
  { code: 'legal', label_ja: '法的支援', label_en: 'Legal support', is_restricted: true, sort_order: 60 },
  { code: 'employment', label_ja: '就労支援', label_en: 'Employment support', is_restricted: true, sort_order: 70 },
];

const presentFund = (f: Awaited<ReturnType<typeof repo.listFunds>>[number]): Fund => ({
  id: f.id, code: f.code, labelJa: f.label_ja, labelEn: f.label_en, isRestricted: f.is_restricted, retiredAt: f.retired_at ? f.retired_at.toISOString() : null,
});

const presentCampaign = (c: repo.CampaignRow): Campaign => ({
  id: c.id, code: c.code, nameJa: c.name_ja, nameEn: c.name_en, channel: c.channel, goalYen: c.goal_yen, startsOn: c.starts_on, endsOn: c.ends_on,
  fundId: c.fund_id, description: c.description, archivedAt: c.archived_at ? c.archived_at.toISOString() : null, version: c.version,
});

/** A Postgres unique violation on the external-id index: the platform's gift is already on file. */
const isDuplicateExternal = (e: unknown) => (e as { code?: string; constraint?: string }).code === '23505' && String((e as { constraint?: string }).constraint ?? '').includes('gift_external');

export function createGiftsService(db: Db, audit: AuditService, supporters: SupportersService) {
  async function present(tx: DbOrTx, ctx: RequestContext, rows: repo.GiftRow[]): Promise<Gift[]> {
    const names = await supporters.summaries(ctx, rows.flatMap((r) => (r.supporter_id ? [r.supporter_id] : [])), tx);
    const credits = await repo.softCreditsOf(tx, ctx.actor.organisationId, rows.map((r) => r.id));
    return rows.map((r) => {
      const s = r.supporter_id ? names.get(r.supporter_id) : undefined;
      return {
        id: r.id, supporterId: r.supporter_id, supporterName: s ? supporters.listName(s) : null, amountYen: r.amount_yen, receivedOn: r.received_on,
        method: r.method, inKindDescription: r.in_kind_description, valuationBasis: r.valuation_basis, campaignId: r.campaign_id,
        campaignNameJa: r.campaign_name_ja, campaignNameEn: r.campaign_name_en, fundId: r.fund_id, fundLabelJa: r.fund_label_ja,
        fundLabelEn: r.fund_label_en, isAnonymous: r.is_anonymous, donorMessage: r.donor_message, sourcePlatform: r.source_platform,
        externalId: r.external_id, feeYen: r.fee_yen, netYen: r.net_yen, status: r.status, reversesGiftId: r.reverses_gift_id,
        recurringCommitmentId: r.recurring_commitment_id, importBatchId: r.import_batch_id, note: r.note,
        thankedAt: r.thanked_at ? r.thanked_at.toISOString() : null,
        softCredits: credits.filter((c) => c.gift_id === r.id).map((c) => ({ kind: c.kind, supporterId: c.supporter_id, name: c.name })),
        createdAt: r.created_at.toISOString(), version: r.version,
      };
    });
  }

  async function loadGift(tx: DbOrTx, ctx: RequestContext, id: string): Promise<Gift> {
    const row = await repo.findGift(tx, ctx.actor.organisationId, id);
    if (!row) throw notFound('gift.not_found');
    const [gift] = await present(tx, ctx, [row]);
    if (!gift) throw notFound('gift.not_found');
    return gift;
  }

  async function fundFor(tx: DbOrTx, ctx: RequestContext, fundId: string | null, campaign: repo.CampaignRow | undefined, field = 'fundId'): Promise<string> {
    if (fundId) {
      const fund = await repo.findFund(tx, ctx.actor.organisationId, fundId);
      if (!fund) throw invalidField('fund.not_found', field, 'unknown_choice');
      if (fund.retired_at) throw invalidField('fund.retired', field, 'invalid');
      return fund.id;
    }
    if (campaign?.fund_id) return campaign.fund_id;
    const unrestricted = await repo.findFundByCode(tx, ctx.actor.organisationId, 'unrestricted');
    if (!unrestricted) throw new AppError(409, 'fund.none');
    return unrestricted.id;
  }

  async function campaignFor(tx: DbOrTx, ctx: RequestContext, campaignId: string | null) {
    if (!campaignId) return undefined;
    const campaign = await repo.findCampaign(tx, ctx.actor.organisationId, campaignId);
    if (!campaign) throw invalidField('campaign.not_found', 'campaignId', 'unknown_choice');
    return campaign;
  }

  /** Records a gift inside the caller's transaction (also used by imports and public pages). */
  async function createGiftInTx(tx: DbOrTx, ctx: RequestContext, input: CreateGiftInput, extra: { importBatchId?: string } = {}): Promise<Gift> {
    if (input.receivedOn > tokyoDate()) throw invalidField('gift.received_in_future', 'receivedOn', 'date_in_future');
    if (input.feeYen > input.amountYen) throw invalidField('gift.fee_too_large', 'feeYen', 'fee_above_amount');
    if (input.method === 'in_kind' && input.inKindDescription === '') throw invalidField('gift.in_kind_needs_description', 'inKindDescription', 'required');
    if (input.supporterId) {
      const found = (await supporters.summaries(ctx, [input.supporterId], tx)).get(input.supporterId);
      if (!found) throw invalidField('supporter.not_found', 'supporterId', 'unknown_choice');
      if (found.merged_into_id) throw conflict('supporter.merged');
    }
    for (const [i, credit] of input.softCredits.entries()) {
      if (credit.supporterId && !(await supporters.summaries(ctx, [credit.supporterId], tx)).has(credit.supporterId)) {
        throw invalidField('supporter.not_found', `softCredits.${i}.supporterId`, 'unknown_choice');
      }
    }
    if (input.recurringCommitmentId) {
      const c = await repo.findCommitment(tx, ctx.actor.organisationId, input.recurringCommitmentId);
      if (!c) throw invalidField('commitment.not_found', 'recurringCommitmentId', 'unknown_choice');
      if (input.supporterId && c.supporter_id !== input.supporterId) throw invalidField('commitment.other_supporter', 'recurringCommitmentId', 'invalid');
    }
    const campaign = await campaignFor(tx, ctx, input.campaignId);
    const fundId = await fundFor(tx, ctx, input.fundId, campaign);
    if (input.externalId) {
      const existing = await repo.findGiftByExternalId(tx, ctx.actor.organisationId, input.sourcePlatform, input.externalId);
      if (existing) throw conflict('gift.duplicate_external_id', { id: existing.id });
    }
    let id: string;
    try {
      ({ id } = await repo.insertGift(tx, {
        organisation_id: ctx.actor.organisationId, supporter_id: input.supporterId, amount_yen: input.amountYen, received_on: input.receivedOn,
        method: input.method, in_kind_description: input.inKindDescription, valuation_basis: input.valuationBasis, campaign_id: input.campaignId,
        fund_id: fundId, is_anonymous: input.isAnonymous, donor_message: input.donorMessage, source_platform: input.sourcePlatform,
        external_id: input.externalId, fee_yen: input.feeYen, status: input.status, recurring_commitment_id: input.recurringCommitmentId,
        import_batch_id: extra.importBatchId ?? null, note: input.note, created_by: ctx.actor.staffUserId,
      }));
    } catch (e) {
      // Two imports of one file at once: the index decides, and the loser is told plainly.
      if (isDuplicateExternal(e)) throw conflict('gift.duplicate_external_id', {});
      throw e;
    }
    await repo.insertSoftCredits(tx, input.softCredits.map((c) => ({ organisation_id: ctx.actor.organisationId, gift_id: id, kind: c.kind, supporter_id: c.supporterId, name: c.name })));
    await audit.record(tx, ctx, { action: 'create', entityType: 'gift', entityId: id, details: { amountYen: input.amountYen, method: input.method, status: input.status, source: input.sourcePlatform } });
    return loadGift(tx, ctx, id);
  }

  /** A commitment as shown (with the supporter's name). */
async function presentCommitment(tx: DbOrTx, ctx: RequestContext, id: string): Promise<Commitment> {
    const c = await repo.findCommitment(tx, ctx.actor.organisationId, id);
    if (!c) throw notFound('commitment.not_found');
    const s = (await supporters.summaries(ctx, [c.supporter_id], tx)).get(c.supporter_id);
    return {
      id: c.id, supporterId: c.supporter_id, supporterName: s ? supporters.listName(s) : '', frequency: c.frequency, amountYen: c.amount_yen,
      dayOfMonth: c.day_of_month, monthOfYear: c.month_of_year, method: c.method, fundId: c.fund_id, campaignId: c.campaign_id, startsOn: c.starts_on,
      endsOn: c.ends_on, status: c.status, statusReason: c.status_reason, sourcePlatform: c.source_platform, externalId: c.external_id, version: c.version,
    };
  }

  /** A commitment with its history of upgrades, downgrades, pauses and cancellation. */
async function getCommitment(ctx: RequestContext, id: string): Promise<CommitmentDetail> {
    const commitment = await presentCommitment(db, ctx, id);
    const history = await repo.commitmentChanges(db, ctx.actor.organisationId, id);
    await audit.record(db, ctx, { action: 'read', entityType: 'recurring_commitment', entityId: id });
    return {
      ...commitment,
      history: history.map((h) => ({
        kind: h.kind, oldAmountYen: h.old_amount_yen, newAmountYen: h.new_amount_yen, oldStatus: h.old_status, newStatus: h.new_status,
        reason: h.reason, effectiveOn: h.effective_on, changedAt: h.changed_at.toISOString(),
      })),
    };
  }


  return {
    createGiftInTx,

    /** Makes sure an organisation has the default funds (run at start-up). */
    async ensureDefaultFunds(organisationId: string): Promise<void> {
      await repo.insertFunds(db, DEFAULT_FUNDS.map((f) => ({ ...f, organisation_id: organisationId })));
    },

    /** The funds (designations) a gift may go to. */
    async listFunds(ctx: RequestContext): Promise<Fund[]> {
      return (await repo.listFunds(db, ctx.actor.organisationId)).map(presentFund);
    },

    /** Adds a fund (administration). */
    async createFund(ctx: RequestContext, input: { code: string; labelJa: string; labelEn: string; isRestricted: boolean }): Promise<Fund> {
      return db.transaction().execute(async (tx) => {
        if (await repo.findFundByCode(tx, ctx.actor.organisationId, input.code)) throw invalidField('fund.code_taken', 'code', 'taken');
        const [row] = await repo.insertFunds(tx, [{ organisation_id: ctx.actor.organisationId, code: input.code, label_ja: input.labelJa, label_en: input.labelEn, is_restricted: input.isRestricted, sort_order: 100 }]);
        if (!row) throw invalidField('fund.code_taken', 'code', 'taken');
        await audit.record(tx, ctx, { action: 'create', entityType: 'fund', entityId: row.id, details: { code: input.code } });
        return presentFund(row);
      });
    },

    // --- Campaigns ---

    /** The campaigns, newest first (archived ones on request). */
    async listCampaigns(ctx: RequestContext, includeArchived: boolean): Promise<Campaign[]> {
      return (await repo.listCampaigns(db, ctx.actor.organisationId, includeArchived)).map(presentCampaign);
    },

    /** Starts a campaign (the winter appeal, a marathon, a grant). */
    async createCampaign(ctx: RequestContext, input: CreateCampaignInput): Promise<Campaign> {
      if (input.endsOn && input.endsOn < input.startsOn) throw invalidField('campaign.ends_before_start', 'endsOn', 'ends_before_start');
      return db.transaction().execute(async (tx) => {
        if (await repo.findCampaignByCode(tx, ctx.actor.organisationId, input.code)) throw invalidField('campaign.code_taken', 'code', 'taken');
        if (input.fundId) await fundFor(tx, ctx, input.fundId, undefined);
        const row = await repo.insertCampaign(tx, {
          organisation_id: ctx.actor.organisationId, code: input.code, name_ja: input.nameJa, name_en: input.nameEn, channel: input.channel,
          goal_yen: input.goalYen, starts_on: input.startsOn, ends_on: input.endsOn, fund_id: input.fundId, description: input.description,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'campaign', entityId: row.id, details: { code: input.code } });
        return presentCampaign(row);
      });
    },

    /** Changes a campaign (row version checked), or archives it. */
    async updateCampaign(ctx: RequestContext, id: string, input: UpdateCampaignInput): Promise<Campaign> {
      return db.transaction().execute(async (tx) => {
        const current = await repo.findCampaign(tx, ctx.actor.organisationId, id);
        if (!current) throw notFound('campaign.not_found');
        const startsOn = input.startsOn ?? current.starts_on;
        const endsOn = input.endsOn === undefined ? current.ends_on : input.endsOn;
        if (endsOn && endsOn < startsOn) throw invalidField('campaign.ends_before_start', 'endsOn', 'ends_before_start');
        if (input.fundId) await fundFor(tx, ctx, input.fundId, undefined);
        const patch: Updateable<CampaignTable> = {
          ...(input.nameJa !== undefined && { name_ja: input.nameJa }), ...(input.nameEn !== undefined && { name_en: input.nameEn }),
          ...(input.channel !== undefined && { channel: input.channel }), ...(input.goalYen !== undefined && { goal_yen: input.goalYen }),
          ...(input.startsOn !== undefined && { starts_on: input.startsOn }), ...(input.endsOn !== undefined && { ends_on: input.endsOn }),
          ...(input.fundId !== undefined && { fund_id: input.fundId }), ...(input.description !== undefined && { description: input.description }),
          ...(input.archived !== undefined && { archived_at: input.archived ? new Date() : null }),
        };
        const row = await repo.updateCampaign(tx, ctx.actor.organisationId, id, input.version, patch);
        if (!row) throw conflict('campaign.version_conflict');
        await audit.record(tx, ctx, { action: 'update', entityType: 'campaign', entityId: id, details: { fields: Object.keys(input).filter((k) => k !== 'version') } });
        return presentCampaign(row);
      });
    },

    /** A campaign's progress: raised against the goal, donors, average and new donors, and the running total by day. */
    async campaignProgress(ctx: RequestContext, id: string): Promise<CampaignProgress> {
      const campaign = await repo.findCampaign(db, ctx.actor.organisationId, id);
      if (!campaign) throw notFound('campaign.not_found');
      const totals = await repo.campaignTotals(db, ctx.actor.organisationId, id);
      let cumulative = 0;
      const series = (await repo.campaignDaily(db, ctx.actor.organisationId, id)).map((d) => {
        cumulative += Number(d.raised);
        return { date: d.received_on, raisedYen: Number(d.raised), cumulativeYen: cumulative, gifts: Number(d.gifts) };
      });
      return {
        campaign: presentCampaign(campaign), raisedYen: totals.raised, pledgedYen: totals.pledged, gifts: totals.gifts, donors: totals.donors,
        averageGiftYen: totals.gifts > 0 ? Math.round(totals.receivedSum / totals.gifts) : 0, newDonors: totals.newDonors, series,
      };
    },

    // --- Gifts ---

    /** Records a gift (a received gift, or a pledge to be confirmed). */
    async createGift(ctx: RequestContext, input: CreateGiftInput): Promise<Gift> {
      return db.transaction().execute((tx) => createGiftInTx(tx, ctx, input));
    },

    /** One gift (audited read). */
    async getGift(ctx: RequestContext, id: string): Promise<Gift> {
      const gift = await loadGift(db, ctx, id);
      await audit.record(db, ctx, { action: 'read', entityType: 'gift', entityId: id });
      return gift;
    },

    /** Gifts by supporter, campaign, status or period; "not yet thanked" for the thank-you queue. */
    async listGifts(ctx: RequestContext, q: GiftQuery): Promise<{ gifts: Gift[]; total: number }> {
      const filter: repo.GiftFilter = { supporterId: q.supporterId, campaignId: q.campaignId, status: q.status, from: q.from, to: q.to, unthanked: q.unthanked === 'true' };
      const rows = await repo.listGifts(db, ctx.actor.organisationId, filter, q.limit, q.offset);
      const total = await repo.countGifts(db, ctx.actor.organisationId, filter);
      await audit.record(db, ctx, { action: 'search', entityType: 'gift', details: { results: rows.length } });
      return { gifts: await present(db, ctx, rows), total };
    },

    /** Corrects a gift, or confirms a pledge as received / failed. A refunded gift is never changed. */
    async updateGift(ctx: RequestContext, id: string, input: UpdateGiftInput): Promise<Gift> {
      return db.transaction().execute(async (tx) => {
        const current = await repo.lockGift(tx, ctx.actor.organisationId, id);
        if (!current) throw notFound('gift.not_found');
        if (current.status === 'refunded') throw conflict('gift.refunded');
        if (input.status && current.status !== 'pledged' && input.status !== current.status) throw conflict('gift.invalid_transition', { from: current.status, to: input.status });
        if (input.receivedOn && input.receivedOn > tokyoDate()) throw invalidField('gift.received_in_future', 'receivedOn', 'date_in_future');
        if (input.feeYen !== undefined && input.feeYen > current.amount_yen) throw invalidField('gift.fee_too_large', 'feeYen', 'fee_above_amount');
        const campaign = input.campaignId ? await campaignFor(tx, ctx, input.campaignId) : undefined;
        const patch: Updateable<GiftTable> = {
          ...(input.status !== undefined && { status: input.status }), ...(input.receivedOn !== undefined && { received_on: input.receivedOn }),
          ...(input.campaignId !== undefined && { campaign_id: input.campaignId }), ...(input.isAnonymous !== undefined && { is_anonymous: input.isAnonymous }),
          ...(input.donorMessage !== undefined && { donor_message: input.donorMessage }), ...(input.note !== undefined && { note: input.note }),
          ...(input.feeYen !== undefined && { fee_yen: input.feeYen }),
          ...(input.fundId !== undefined && { fund_id: await fundFor(tx, ctx, input.fundId, campaign) }),
        };
        if (!(await repo.updateGift(tx, ctx.actor.organisationId, id, input.version, patch))) throw conflict('gift.version_conflict');
        await audit.record(tx, ctx, { action: 'update', entityType: 'gift', entityId: id, details: { fields: Object.keys(input).filter((k) => k !== 'version') } });
        return loadGift(tx, ctx, id);
      });
    },

    /** Refunds a received gift: the gift stays (status refunded) and a reversing entry is added on the refund date. */
    async refundGift(ctx: RequestContext, id: string, input: { version: number; refundedOn: string; reason: string }): Promise<{ gift: Gift; reversal: Gift }> {
      return db.transaction().execute(async (tx) => {
        const current = await repo.lockGift(tx, ctx.actor.organisationId, id);
        if (!current) throw notFound('gift.not_found');
        if (current.status !== 'received' || current.amount_yen <= 0) throw conflict('gift.not_refundable', { status: current.status });
        if (current.version !== input.version) throw conflict('gift.version_conflict');
        // The receipt would certify a gift that was given back: it is voided first, on purpose.
        if (await repo.isReceipted(tx, id)) throw conflict('gift.receipted');
        if (input.refundedOn > tokyoDate()) throw invalidField('gift.received_in_future', 'refundedOn', 'date_in_future');
        const original = await repo.findGift(tx, ctx.actor.organisationId, id);
        if (!original) throw notFound('gift.not_found');
        if (input.refundedOn < original.received_on) throw invalidField('gift.refund_before_gift', 'refundedOn', 'refund_before_gift');
        await repo.updateGift(tx, ctx.actor.organisationId, id, input.version, { status: 'refunded' });
        const { id: reversalId } = await repo.insertGift(tx, {
          organisation_id: ctx.actor.organisationId, supporter_id: original.supporter_id, amount_yen: -original.amount_yen, received_on: input.refundedOn,
          method: original.method, campaign_id: original.campaign_id, fund_id: original.fund_id, source_platform: original.source_platform,
          status: 'refunded', reverses_gift_id: id, recurring_commitment_id: original.recurring_commitment_id, note: input.reason,
          in_kind_description: original.in_kind_description, created_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, { action: 'update', entityType: 'gift', entityId: id, details: { refunded: true, reversalId } });
        return { gift: await loadGift(tx, ctx, id), reversal: await loadGift(tx, ctx, reversalId) };
      });
    },

    /** Marks gifts as thanked (the thank-you queue). */
    async markThanked(ctx: RequestContext, ids: readonly string[]): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const done = await repo.markThanked(tx, ctx.actor.organisationId, ids, ctx.actor.staffUserId);
        await audit.record(tx, ctx, { action: 'update', entityType: 'gift', details: { thanked: done.length } });
        return done.length;
      });
    },

    /** A supporter's giving at a glance (received gifts, by calendar year). */
    async supporterGiving(ctx: RequestContext, supporterId: string): Promise<SupporterGiving> {
      const years = await repo.givingByYear(db, ctx.actor.organisationId, supporterId);
      return {
        lifetimeYen: years.reduce((s, y) => s + Number(y.total), 0),
        gifts: years.reduce((s, y) => s + Number(y.gifts), 0),
        firstGiftOn: years.length > 0 ? years.map((y) => y.first).sort()[0] ?? null : null,
        lastGiftOn: years.length > 0 ? years.map((y) => y.last).sort().at(-1) ?? null : null,
        byYear: years.map((y) => ({ year: Number(y.year), totalYen: Number(y.total), gifts: Number(y.gifts) })),
      };
    },

    // --- Monthly and yearly giving ---

    /** Starts a monthly or yearly commitment. */
    async createCommitment(ctx: RequestContext, input: CreateCommitmentInput, tx0?: DbOrTx): Promise<Commitment> {
      const run = async (tx: DbOrTx) => {
        const s = (await supporters.summaries(ctx, [input.supporterId], tx)).get(input.supporterId);
        if (!s) throw invalidField('supporter.not_found', 'supporterId', 'unknown_choice');
        if (s.merged_into_id) throw conflict('supporter.merged');
        if (input.frequency === 'yearly' && input.monthOfYear === null) throw invalidField('commitment.month_required', 'monthOfYear', 'required');
        if (input.endsOn && input.endsOn < input.startsOn) throw invalidField('commitment.ends_before_start', 'endsOn', 'ends_before_start');
        const campaign = await campaignFor(tx, ctx, input.campaignId);
        const fundId = input.fundId || campaign?.fund_id ? await fundFor(tx, ctx, input.fundId, campaign) : null;
        const { id } = await repo.insertCommitment(tx, {
          organisation_id: ctx.actor.organisationId, supporter_id: input.supporterId, frequency: input.frequency, amount_yen: input.amountYen,
          day_of_month: input.dayOfMonth, month_of_year: input.frequency === 'yearly' ? input.monthOfYear : null, method: input.method, fund_id: fundId,
          campaign_id: input.campaignId, starts_on: input.startsOn, ends_on: input.endsOn, source_platform: input.sourcePlatform,
          external_id: input.externalId, created_by: ctx.actor.staffUserId,
        });
        await repo.insertCommitmentChange(tx, {
          organisation_id: ctx.actor.organisationId, commitment_id: id, kind: 'started', new_amount_yen: input.amountYen, new_status: 'active',
          effective_on: input.startsOn, changed_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'recurring_commitment', entityId: id, details: { frequency: input.frequency, amountYen: input.amountYen } });
        return presentCommitment(tx, ctx, id);
      };
      return tx0 ? run(tx0) : db.transaction().execute(run);
    },

    presentCommitment,

    getCommitment,

    /** Commitments of a supporter, or by status. */
    async listCommitments(ctx: RequestContext, f: { supporterId?: string | undefined; status?: 'active' | 'paused' | 'failing' | 'cancelled' | undefined }): Promise<Commitment[]> {
      const rows = await repo.listCommitments(db, ctx.actor.organisationId, f, 500);
      return Promise.all(rows.map((r) => presentCommitment(db, ctx, r.id)));
    },

    /** Changes the amount (upgrade / downgrade), the status (with a reason) or the terms; each change is kept. */
    async updateCommitment(ctx: RequestContext, id: string, input: UpdateCommitmentInput): Promise<CommitmentDetail> {
      await db.transaction().execute(async (tx) => {
        const c = await repo.findCommitment(tx, ctx.actor.organisationId, id);
        if (!c) throw notFound('commitment.not_found');
        if (c.status === 'cancelled') throw conflict('commitment.cancelled');
        if (input.status && input.status !== 'active' && input.status !== c.status && !input.reason) throw invalidField('commitment.reason_required', 'reason', 'required');
        const effectiveOn = input.effectiveOn ?? tokyoDate();
        const patch: Updateable<RecurringCommitmentTable> = {
          ...(input.amountYen !== undefined && { amount_yen: input.amountYen }), ...(input.status !== undefined && { status: input.status, status_reason: input.reason ?? '' }),
          ...(input.dayOfMonth !== undefined && { day_of_month: input.dayOfMonth }), ...(input.method !== undefined && { method: input.method }),
          ...(input.endsOn !== undefined && { ends_on: input.endsOn }),
          ...(input.status === 'cancelled' && input.endsOn === undefined && { ends_on: effectiveOn < c.starts_on ? c.starts_on : effectiveOn }),
        };
        if (!(await repo.updateCommitment(tx, ctx.actor.organisationId, id, input.version, patch))) throw conflict('commitment.version_conflict');
        const base = { organisation_id: ctx.actor.organisationId, commitment_id: id, effective_on: effectiveOn, changed_by: ctx.actor.staffUserId, reason: input.reason ?? '' };
        if (input.amountYen !== undefined && input.amountYen !== c.amount_yen) {
          await repo.insertCommitmentChange(tx, { ...base, kind: input.amountYen > c.amount_yen ? 'upgraded' : 'downgraded', old_amount_yen: c.amount_yen, new_amount_yen: input.amountYen });
        }
        if (input.status !== undefined && input.status !== c.status) {
          await repo.insertCommitmentChange(tx, { ...base, kind: 'status', old_status: c.status, new_status: input.status });
        }
        if (input.dayOfMonth !== undefined || input.method !== undefined || input.endsOn !== undefined) await repo.insertCommitmentChange(tx, { ...base, kind: 'edited' });
        await audit.record(tx, ctx, { action: 'update', entityType: 'recurring_commitment', entityId: id, details: { fields: Object.keys(input).filter((k) => k !== 'version' && k !== 'reason') } });
      });
      return getCommitment(ctx, id);
    },
  };
}
export type GiftsService = ReturnType<typeof createGiftsService>;
