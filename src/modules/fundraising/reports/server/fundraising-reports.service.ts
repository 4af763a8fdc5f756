import type { Db } from '../../../../server/db/database';
import type { RequestContext } from '../../../../server/http/context';
import { notFound } from '../../../../server/http/errors';
import { addDays, dateToUtcMs, daysBetween, tokyoDate } from '../../../../shared/time';
import type { AuditService } from '../../../audit/server/audit.service';
import { monthEnd, monthsBetween } from '../../../budgets/contract';
import {
  registerDeadline, yearOf, yearRange,
  type BreakdownQuery, type BreakdownRow, type Breakdowns, type CampaignPoint, type CampaignProgress, type CampaignProgressQuery,
  type LapsedDonor, type LapsedExportQuery, type LapsedKind, type LapsedList, type LapsedQuery, type MissedPayment, type RecurringHealth,
  type RecurringQuery, type Register, type RegisterPageQuery, type RegisterPreparation, type RegisterPreparedInput, type RegisterQuery,
  type RegisterRow, type RegisterStatus, type Retention, type RetentionQuery, type RetentionYear, type YearKind,
} from '../contract';
import * as xp from './fundraising-reports.export';
import * as repo from './fundraising-reports.repository';

// --- Presenting ------------------------------------------------------------------------------------

const join = (...parts: string[]) => parts.map((p) => p.trim()).filter(Boolean).join(' ');

/** The name without honorific, as the supporters room lists it: 山田 太郎, 株式会社〇〇 総務部. */
export function listName(n: repo.NameColumns): string {
  const person = join(n.family_name, n.given_name);
  return n.kind === 'organisation' ? join(n.organisation_name, n.department, person) : person;
}

/** The katakana reading: ヤマダ タロウ, or the organisation's. */
export function reading(n: repo.NameColumns): string {
  return n.kind === 'organisation' && n.organisation_name_kana ? n.organisation_name_kana : join(n.family_name_kana, n.given_name_kana);
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const average = (yen: number, gifts: number) => (gifts === 0 ? null : Math.round(yen / gifts));
/** 〒 1040061 → 104-0061 (other countries' codes as typed). */
const postal = (code: string | null) => (code && /^\d{7}$/.test(code) ? `${code.slice(0, 3)}-${code.slice(3)}` : (code ?? ''));

function presentLapsed(r: repo.LapsedRow): LapsedDonor {
  return {
    supporterId: r.supporter_id, supporterNumber: r.supporter_number, kind: r.kind, name: listName(r), kana: reading(r), lastGiftOn: r.last_gift_on,
    lastGiftYen: r.last_gift_yen, lastYearYen: r.last_year_yen, lifetimeYen: r.lifetime_yen, giftCount: r.gift_count,
  };
}

function presentRegisterRow(r: repo.RegisterRowSql): RegisterRow {
  return {
    giftId: r.gift_id, receivedOn: r.received_on, amountYen: r.amount_yen, supporterId: r.supporter_id, supporterNumber: r.supporter_number,
    name: listName(r), kana: reading(r), postalCode: postal(r.postal_code), prefecture: r.prefecture ?? '', city: r.city ?? '',
    line1: r.line1 ?? '', line2: r.line2 ?? '',
  };
}

function presentPreparation(r: repo.PreparationRow | undefined): RegisterPreparation | null {
  return r ? { preparedAt: r.prepared_at.toISOString(), preparedByName: r.prepared_by_name, giftCount: r.gift_count, totalYen: r.total_yen } : null;
}

/** The Monday of a date's week (weeks start on Monday, as PostgreSQL's date_trunc('week') does). */
export function mondayOf(date: string): string {
  const weekday = new Date(dateToUtcMs(date)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * Whether the dashboard reminds about the donor register on `today`: the last finished year's
 * register is not prepared and today is at most 3 months after that year's end.
 */
export function registerReminder(yearKind: YearKind, today: string, prepared: RegisterPreparation | null): RegisterStatus {
  const year = yearOf(yearKind, today) - 1;
  const yearEnd = yearRange(yearKind, year).to;
  const deadline = registerDeadline(yearKind, year);
  const daysLeft = daysBetween(today, deadline);
  return { yearKind, year, yearEnd, deadline, today, prepared, isDue: prepared === null && daysLeft >= 0, isOverdue: prepared === null && daysLeft < 0, daysLeft };
}

/**
 * Retention per year from the supporters' giving patterns (repo.givingPatterns): for the k-th span
 * (k ≥ 2), against the span before it. Loops over patterns (at most 2^n × (n + 1)), never supporters.
 */
export function retentionYears(spans: readonly repo.YearSpan[], patterns: readonly repo.GivingPattern[]): RetentionYear[] {
  return spans.slice(1).map((span, j) => {
    const i = j + 1; // this year's index in the pattern; i − 1 is last year's
    const y = { donors: 0, givingYen: 0, lastYearDonors: 0, lastYearYen: 0, new: 0, retained: 0, recaptured: 0, lapsed: 0, retainedYen: 0, retainedLastYearYen: 0 };
    for (const p of patterns) {
      const gave = (p.mask & (1 << i)) !== 0;
      const gaveLastYear = (p.mask & (1 << (i - 1))) !== 0;
      const yen = p.yen[i] ?? 0;
      const lastYen = p.yen[i - 1] ?? 0;
      if (gave) {
        y.donors += p.supporters;
        y.givingYen += yen;
      }
      if (gaveLastYear) {
        y.lastYearDonors += p.supporters;
        y.lastYearYen += lastYen;
      }
      if (gave && gaveLastYear) {
        y.retained += p.supporters;
        y.retainedYen += yen;
        y.retainedLastYearYen += lastYen;
      }
      // first_slot is 1-based (0: before the first span): this year is slot i + 1, last year slot i.
      if (gave && p.first_slot === i + 1) y.new += p.supporters;
      if (gave && !gaveLastYear && p.first_slot < i) y.recaptured += p.supporters;
      if (!gave && gaveLastYear) y.lapsed += p.supporters;
    }
    return { year: span.year, from: span.from, to: span.to, ...y, donorRetention: rate(y.retained, y.lastYearDonors), valueRetention: rate(y.retainedYen, y.lastYearYen) };
  });
}

// --- The service -----------------------------------------------------------------------------------

/** The longest campaign chart, in points (ten years of days). */
const MAX_CAMPAIGN_POINTS = 3660;

export function createFundraisingReportsService(deps: { db: Db; audit: AuditService; today?: () => string }) {
  const { db, audit } = deps;
  const today = deps.today ?? (() => tokyoDate());

  async function recordView(ctx: RequestContext, report: string, format: 'view' | 'csv' | 'xlsx', details: Record<string, unknown>) {
    await audit.record(db, ctx, { action: format === 'view' ? 'read' : 'export', entityType: 'fundraising_report', details: { report, format, ...details } });
  }

  async function lapsedList(ctx: RequestContext, kind: LapsedKind, query: LapsedExportQuery, page: { limit: number; offset: number } | null): Promise<LapsedList> {
    const year = query.year ?? yearOf(query.yearKind, today());
    const y = yearRange(query.yearKind, year);
    const ly = yearRange(query.yearKind, year - 1);
    const sort = query.sort ?? (kind === 'lybunt' ? 'lastYearYen' : 'lifetimeYen');
    const order = query.order ?? (sort === 'kana' ? 'asc' : 'desc');
    const result = await repo.lapsed(db, {
      organisationId: ctx.actor.organisationId, kind, yearTo: y.to, lastYearFrom: ly.from, lastYearTo: ly.to, sort, order,
      limit: page?.limit ?? null, offset: page?.offset ?? 0,
    });
    return {
      kind, yearKind: query.yearKind, year, yearFrom: y.from, yearTo: y.to, lastYearFrom: ly.from, lastYearTo: ly.to, sort, order,
      total: result.total, totalYen: result.totalYen, limit: page?.limit ?? result.total, offset: page?.offset ?? 0, items: result.rows.map(presentLapsed),
    };
  }

  async function retentionOf(ctx: RequestContext, query: RetentionQuery): Promise<Retention> {
    const to = query.to ?? (query.from !== undefined ? query.from + 4 : yearOf(query.yearKind, today()));
    const from = query.from ?? to - 4;
    const spans = Array.from({ length: to - from + 2 }, (_, i) => ({ year: from - 1 + i, ...yearRange(query.yearKind, from - 1 + i) }));
    const patterns = await repo.givingPatterns(db, ctx.actor.organisationId, spans);
    return { yearKind: query.yearKind, from, to, years: retentionYears(spans, patterns) };
  }

  async function recurringOf(ctx: RequestContext, query: RecurringQuery): Promise<RecurringHealth> {
    const asOf = today();
    const to = query.to ?? asOf.slice(0, 7);
    const from = query.from ?? monthsBetween(`${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}`, to)[1] ?? to;
    const p: repo.RecurringParams = { organisationId: ctx.actor.organisationId, from: `${from}-01`, to: monthEnd(to), today: asOf };
    const [now, months, missed] = await Promise.all([
      repo.commitmentsNow(db, ctx.actor.organisationId, asOf), repo.recurringMonths(db, p), repo.missedPayments(db, p),
    ]);
    return {
      asOf, from, to, byStatus: now.by_status, activeCommitments: now.active, mrrYen: now.mrr_yen,
      months: months.map((m) => ({
        month: m.month, liveAtStart: m.live_at_start, cancelled: m.cancelled, churnRate: rate(m.cancelled, m.live_at_start), expected: m.expected,
        expectedYen: m.expected_yen, paid: m.paid, missed: m.missed, receivedGifts: m.received_gifts, receivedYen: m.received_yen,
      })),
      missedPayments: missed.map((r): MissedPayment => ({
        commitmentId: r.commitment_id, supporterId: r.supporter_id, supporterNumber: r.supporter_number, name: listName(r), kana: reading(r),
        frequency: r.frequency, method: r.method, status: r.status, dueOn: r.due_on, amountYen: r.amount_yen,
      })),
    };
  }

  async function breakdownsOf(ctx: RequestContext, query: BreakdownQuery): Promise<Breakdowns> {
    const year = query.year ?? yearOf(query.yearKind, today());
    const span = yearRange(query.yearKind, year);
    const p = { organisationId: ctx.actor.organisationId, ...span };
    const [rows, top] = await Promise.all([repo.breakdowns(db, p), repo.topGifts(db, p, query.top)]);
    const totals = rows.find((r) => r.dimension === 'total') ?? { gifts: 0, donors: 0, giving_yen: 0, net_yen: 0 };
    const of = (dimension: repo.BreakdownRowSql['dimension']): BreakdownRow[] => rows.filter((r) => r.dimension === dimension).map((r) => ({
      key: r.key, code: r.code, labelJa: r.label_ja, labelEn: r.label_en, gifts: r.gifts, donors: r.donors, givingYen: r.giving_yen, netYen: r.net_yen,
    }));
    return {
      yearKind: query.yearKind, year, ...span,
      totals: { gifts: totals.gifts, donors: totals.donors, givingYen: totals.giving_yen, netYen: totals.net_yen, averageGiftYen: average(totals.giving_yen, totals.gifts) },
      byCampaign: of('campaign'), byFund: of('fund'), byMethod: of('method'), byPrefecture: of('prefecture'),
      topGifts: top.map((g) => ({
        giftId: g.gift_id, receivedOn: g.received_on, amountYen: g.amount_yen, method: g.method, supporterId: g.supporter_id,
        supporterNumber: g.supporter_number, name: g.supporter_id && g.kind ? listName(g as repo.NameColumns) : null, campaignCode: g.campaign_code, fundCode: g.fund_code,
      })),
    };
  }

  async function campaignProgressOf(ctx: RequestContext, campaignId: string, query: CampaignProgressQuery): Promise<CampaignProgress> {
    const campaign = await repo.findCampaign(db, ctx.actor.organisationId, campaignId);
    if (!campaign) throw notFound('fundraising_reports.campaign_not_found');
    const rows = await repo.campaignPeriods(db, ctx.actor.organisationId, campaign.id, query.interval);
    const step = query.interval === 'day' ? 1 : 7;
    const align = (d: string) => (query.interval === 'day' ? d : mondayOf(d));
    const firstGift = rows[0]?.start;
    const lastGift = rows[rows.length - 1]?.start;
    const now = today();
    let from = align(firstGift && firstGift < campaign.starts_on ? firstGift : campaign.starts_on);
    let to = align(campaign.ends_on !== null && campaign.ends_on < now ? campaign.ends_on : now);
    if (lastGift && lastGift > to) to = lastGift;
    if (to < from) to = from;
    // A campaign longer than the chart can draw starts at the latest points.
    if (daysBetween(from, to) / step >= MAX_CAMPAIGN_POINTS) from = addDays(to, -(MAX_CAMPAIGN_POINTS - 1) * step);
    const byStart = new Map(rows.map((r) => [r.start, r]));
    const points: CampaignPoint[] = [];
    let cumulativeYen = 0;
    let cumulativeDonors = 0;
    for (const r of rows) {
      if (r.start < from) {
        cumulativeYen += r.raised_yen;
        cumulativeDonors += r.first_in_campaign;
      }
    }
    for (let d = from; d <= to; d = addDays(d, step)) {
      const r = byStart.get(d);
      cumulativeYen += r?.raised_yen ?? 0;
      cumulativeDonors += r?.first_in_campaign ?? 0;
      points.push({
        start: d, gifts: r?.gifts ?? 0, raisedYen: r?.raised_yen ?? 0, cumulativeYen, donors: r?.donors ?? 0, cumulativeDonors,
        averageGiftYen: r ? average(r.raised_yen, r.gifts) : null, newDonors: r?.new_donors ?? 0,
      });
    }
    const gifts = rows.reduce((s, r) => s + r.gifts, 0);
    const raisedYen = rows.reduce((s, r) => s + r.raised_yen, 0);
    const donors = rows.reduce((s, r) => s + r.first_in_campaign, 0);
    return {
      campaign: {
        id: campaign.id, code: campaign.code, nameJa: campaign.name_ja, nameEn: campaign.name_en, goalYen: campaign.goal_yen, startsOn: campaign.starts_on, endsOn: campaign.ends_on,
      },
      interval: query.interval, from, to,
      totals: {
        gifts, raisedYen, donors, newDonors: rows.reduce((s, r) => s + r.new_donors, 0), averageGiftYen: average(raisedYen, gifts),
        goalShare: campaign.goal_yen ? raisedYen / campaign.goal_yen : null,
      },
      points,
    };
  }

  async function registerOf(ctx: RequestContext, query: RegisterQuery, page: { limit: number; offset: number } | null): Promise<Register> {
    const year = query.year ?? yearOf(query.yearKind, today()) - 1;
    const span = yearRange(query.yearKind, year);
    const p = { organisationId: ctx.actor.organisationId, ...span };
    const [summary, rows, prepared] = await Promise.all([
      repo.registerSummary(db, p), repo.registerRows(db, p, page), repo.latestPreparation(db, ctx.actor.organisationId, query.yearKind, year),
    ]);
    return {
      yearKind: query.yearKind, year, ...span, deadline: registerDeadline(query.yearKind, year), total: summary.gifts, totalYen: summary.yen,
      withoutSupporter: { gifts: summary.anonymous_gifts, yen: summary.anonymous_yen }, prepared: presentPreparation(prepared),
      limit: page?.limit ?? summary.gifts, offset: page?.offset ?? 0, items: rows.map(presentRegisterRow),
    };
  }

  const lapsedDetails = (l: LapsedList) => ({ yearKind: l.yearKind, year: l.year, sort: l.sort, order: l.order, total: l.total });

  return {
    /** LYBUNT or SYBUNT (../contract.ts), one page, sorted (audited: it names supporters). */
    async lapsed(ctx: RequestContext, kind: LapsedKind, query: LapsedQuery): Promise<LapsedList> {
      const list = await lapsedList(ctx, kind, query, { limit: query.limit, offset: query.offset });
      await recordView(ctx, kind, 'view', { ...lapsedDetails(list), offset: query.offset, limit: query.limit });
      return list;
    },

    /** The whole LYBUNT or SYBUNT list as a file (audited as an export). */
    async lapsedFile(ctx: RequestContext, kind: LapsedKind, query: LapsedExportQuery, format: 'csv' | 'xlsx'): Promise<{ fileName: string; content: string | Buffer }> {
      const list = await lapsedList(ctx, kind, query, null);
      await recordView(ctx, kind, format, lapsedDetails(list));
      return { fileName: xp.fileName(kind, `${list.yearKind}${list.year}`, format), content: await xp.render(xp.lapsedTables(list), format) };
    },

    /** Donor and value retention with new / retained / recaptured / lapsed donors, per year. */
    async retention(ctx: RequestContext, query: RetentionQuery): Promise<Retention> {
      const result = await retentionOf(ctx, query);
      await recordView(ctx, 'retention', 'view', { yearKind: result.yearKind, from: result.from, to: result.to });
      return result;
    },

    /** Retention as a file (audited as an export). */
    async retentionFile(ctx: RequestContext, query: RetentionQuery, format: 'csv' | 'xlsx'): Promise<{ fileName: string; content: string | Buffer }> {
      const result = await retentionOf(ctx, query);
      await recordView(ctx, 'retention', format, { yearKind: result.yearKind, from: result.from, to: result.to });
      return { fileName: xp.fileName('retention', `${result.yearKind}${result.from}-${result.to}`, format), content: await xp.render(xp.retentionTables(result), format) };
    },

    /** Active commitments, MRR, churn, expected against received per month, and the missed payments. */
    async recurring(ctx: RequestContext, query: RecurringQuery): Promise<RecurringHealth> {
      const result = await recurringOf(ctx, query);
      await recordView(ctx, 'recurring', 'view', { from: result.from, to: result.to, missed: result.missedPayments.length });
      return result;
    },

    /** Recurring health as a file, the missed payments on their own sheet (audited as an export). */
    async recurringFile(ctx: RequestContext, query: RecurringQuery, format: 'csv' | 'xlsx'): Promise<{ fileName: string; content: string | Buffer }> {
      const result = await recurringOf(ctx, query);
      await recordView(ctx, 'recurring', format, { from: result.from, to: result.to, missed: result.missedPayments.length });
      return { fileName: xp.fileName('recurring', `${result.from}_${result.to}`, format), content: await xp.render(xp.recurringTables(result), format) };
    },

    /** A year's giving by campaign, fund, method and prefecture, and its largest gifts. */
    async breakdowns(ctx: RequestContext, query: BreakdownQuery): Promise<Breakdowns> {
      const result = await breakdownsOf(ctx, query);
      await recordView(ctx, 'breakdowns', 'view', { yearKind: result.yearKind, year: result.year });
      return result;
    },

    /** The year's breakdowns as a file (audited as an export). */
    async breakdownsFile(ctx: RequestContext, query: BreakdownQuery, format: 'csv' | 'xlsx'): Promise<{ fileName: string; content: string | Buffer }> {
      const result = await breakdownsOf(ctx, query);
      await recordView(ctx, 'breakdowns', format, { yearKind: result.yearKind, year: result.year });
      return { fileName: xp.fileName('breakdowns', `${result.yearKind}${result.year}`, format), content: await xp.render(xp.breakdownTables(result), format) };
    },

    /** A campaign's giving per day or week with running totals, for the chart; 404 for another organisation's campaign. */
    async campaignProgress(ctx: RequestContext, campaignId: string, query: CampaignProgressQuery): Promise<CampaignProgress> {
      const result = await campaignProgressOf(ctx, campaignId, query);
      await recordView(ctx, 'campaign_progress', 'view', { campaignId, interval: query.interval });
      return result;
    },

    /** A campaign's progress as a file (audited as an export). */
    async campaignProgressFile(ctx: RequestContext, campaignId: string, query: CampaignProgressQuery, format: 'csv' | 'xlsx'): Promise<{ fileName: string; content: string | Buffer }> {
      const result = await campaignProgressOf(ctx, campaignId, query);
      await recordView(ctx, 'campaign_progress', format, { campaignId, interval: query.interval });
      return { fileName: xp.fileName('campaign', `${result.campaign.code}_${query.interval}`, format), content: await xp.render(xp.campaignTables(result), format) };
    },

    /** The donor register 寄附者名簿 of a year (default: the last finished one), one page (audited). */
    async register(ctx: RequestContext, query: RegisterPageQuery): Promise<Register> {
      const result = await registerOf(ctx, query, { limit: query.limit, offset: query.offset });
      await recordView(ctx, 'donor_register', 'view', { yearKind: result.yearKind, year: result.year, total: result.total });
      return result;
    },

    /** The whole donor register as a file, one row per gift (audited as an export). */
    async registerFile(ctx: RequestContext, query: RegisterQuery, format: 'csv' | 'xlsx'): Promise<{ fileName: string; content: string | Buffer }> {
      const result = await registerOf(ctx, query, null);
      await recordView(ctx, 'donor_register', format, { yearKind: result.yearKind, year: result.year, total: result.total });
      return { fileName: xp.fileName('donor-register', `${result.yearKind}${result.year}`, format), content: await xp.render(xp.registerTables(result), format) };
    },

    /** Records that a year's register was prepared (with what it held then). */
    async markRegisterPrepared(ctx: RequestContext, input: RegisterPreparedInput): Promise<RegisterPreparation> {
      const span = yearRange(input.yearKind, input.year);
      return db.transaction().execute(async (tx) => {
        const summary = await repo.registerSummary(tx, { organisationId: ctx.actor.organisationId, ...span });
        await repo.insertPreparation(tx, {
          organisation_id: ctx.actor.organisationId, year_kind: input.yearKind, year: input.year, prepared_by: ctx.actor.staffUserId,
          gift_count: summary.gifts, total_yen: summary.yen,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'donor_register', details: { yearKind: input.yearKind, year: input.year, gifts: summary.gifts } });
        const latest = presentPreparation(await repo.latestPreparation(tx, ctx.actor.organisationId, input.yearKind, input.year));
        if (!latest) throw new Error('the preparation just recorded was not found');
        return latest;
      });
    },

    /** Whether the dashboard should remind about the last finished year's donor register. */
    async registerStatus(ctx: RequestContext, yearKind: YearKind): Promise<RegisterStatus> {
      const now = today();
      const year = yearOf(yearKind, now) - 1;
      const prepared = presentPreparation(await repo.latestPreparation(db, ctx.actor.organisationId, yearKind, year));
      return registerReminder(yearKind, now, prepared);
    },
  };
}
export type FundraisingReportsService = ReturnType<typeof createFundraisingReportsService>;
