import { z } from 'zod';
import { monthsBetween, YearMonth } from '../../budgets/contract';

// Fundraising reports (issue 13): who lapsed (LYBUNT / SYBUNT), how many donors and how much of
// their giving come back year after year, how healthy monthly giving is, where a year's money came
// from, how a campaign is doing, and the donor register 寄附者名簿 each year needs
// (../../../../shared/DOMAIN.md "Donations in Japan"). Read by the server and the web alike.
//
// Definitions every report shares:
// - Giving: a gift with status 'received' and a positive amount. A refunded gift (status
//   'refunded') and its negative reversing entry are not giving; nor are pledged or failed gifts.
//   Donor counts, donor totals (LYBUNT, retention, the register, top gifts, campaign progress) are
//   of giving only.
// - Books ("net"): SUM(amount_yen) over status 'received' and 'refunded', as the accounts see it: a
//   refund counts against the year its reversing entry is dated in. Only the breakdowns show it,
//   beside the giving.
// - A supporter merged into another (merged_into_id set) has no gifts: the merge moved them.
// - Years: fiscal (April–March, named by its April: FY2026 = 2026-04-01 … 2027-03-31, the Japanese
//   default) or calendar, chosen by `yearKind`. Dates are Asia/Tokyo calendar dates.

export const MIN_REPORT_YEAR = 2000;
export const MAX_REPORT_YEAR = 2100;
/** The longest range of years for retention. */
export const MAX_RETENTION_YEARS = 20;
/** The longest range of months for recurring health. */
export const MAX_RECURRING_MONTHS = 36;
/** The most rows a list page returns. */
export const MAX_PAGE_SIZE = 500;

export const YearKind = z.enum(['fiscal', 'calendar']);
export type YearKind = z.infer<typeof YearKind>;

/** A year such as 2026 (2000–2100); anything else is refused naming the field. */
export const ReportYear = z.coerce.number().int().refine((y) => y >= MIN_REPORT_YEAR && y <= MAX_REPORT_YEAR, { params: { key: 'fundraising_report_year' } });

/** The first and last day of a fiscal or calendar year. */
export function yearRange(kind: YearKind, year: number): { from: string; to: string } {
  return kind === 'fiscal' ? { from: `${year}-04-01`, to: `${year + 1}-03-31` } : { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The fiscal or calendar year a date (YYYY-MM-DD) falls in: 2026-03-31 is FY2025, 2026-04-01 FY2026. */
export function yearOf(kind: YearKind, date: string): number {
  const y = Number(date.slice(0, 4));
  return kind === 'fiscal' && Number(date.slice(5, 7)) < 4 ? y - 1 : y;
}

/** The last day of the third month after a year's end: when that year's donor register must be ready. */
export function registerDeadline(kind: YearKind, year: number): string {
  return kind === 'fiscal' ? `${year + 1}-06-30` : `${year + 1}-03-31`;
}

const yearQuery = {
  /** fiscal (April–March, default) or calendar. */
  yearKind: YearKind.default('fiscal'),
  /** The year reported on ("this year"); default: the year today falls in. */
  year: ReportYear.optional(),
};
export const YearQuery = z.object(yearQuery);
export type YearQuery = z.infer<typeof YearQuery>;

const Yen = z.number().int();
const Rate = z.number().nullable();

// --- LYBUNT / SYBUNT -------------------------------------------------------------------------------

/**
 * LYBUNT: gave (see Giving) last year (Y−1) but not this year (Y). SYBUNT: gave in some year before
 * last year, but neither last year nor this year. We use the disjoint convention on purpose: a
 * supporter is in at most one of the two lists, so an appeal can treat "lapsed last year" and
 * "lapsed longer ago" as two segments without removing duplicates (the other common convention,
 * "some year before this one but not this one", makes LYBUNT a subset of SYBUNT).
 * Everything is as of the end of year Y: gifts after it are not looked at.
 */
export const LapsedKind = z.enum(['lybunt', 'sybunt']);
export type LapsedKind = z.infer<typeof LapsedKind>;
export const LapsedSort = z.enum(['lastYearYen', 'lifetimeYen', 'lastGiftOn', 'kana']);
export type LapsedSort = z.infer<typeof LapsedSort>;

const lapsedOrder = {
  /** Default: lastYearYen for LYBUNT, lifetimeYen for SYBUNT (both are amounts: the largest first). */
  sort: LapsedSort.optional(),
  order: z.enum(['asc', 'desc']).optional(),
};
export const LapsedQuery = z.object({
  ...yearQuery,
  ...lapsedOrder,
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type LapsedQuery = z.infer<typeof LapsedQuery>;
/** The same list as a file: every row, no page. */
export const LapsedExportQuery = z.object({ ...yearQuery, ...lapsedOrder });
export type LapsedExportQuery = z.infer<typeof LapsedExportQuery>;

export const LapsedDonor = z.object({
  supporterId: z.uuid(),
  supporterNumber: z.string(),
  kind: z.enum(['individual', 'organisation']),
  /** 山田 太郎, or 株式会社〇〇 総務部 (no honorific). */
  name: z.string(),
  /** The katakana reading: ヤマダ タロウ. */
  kana: z.string(),
  lastGiftOn: z.string(),
  /** The last gift's amount (the latest recorded when two fall on that day). */
  lastGiftYen: Yen,
  /** Given in year Y−1 (0 for everyone on SYBUNT, by definition). */
  lastYearYen: Yen,
  /** Given up to the end of year Y. */
  lifetimeYen: Yen,
  giftCount: z.number().int(),
});
export type LapsedDonor = z.infer<typeof LapsedDonor>;

export const LapsedList = z.object({
  kind: LapsedKind,
  yearKind: YearKind,
  year: z.number().int(),
  /** Year Y and year Y−1, as dates. */
  yearFrom: z.string(),
  yearTo: z.string(),
  lastYearFrom: z.string(),
  lastYearTo: z.string(),
  sort: LapsedSort,
  order: z.enum(['asc', 'desc']),
  /** Every supporter on the list (not only this page). */
  total: z.number().int(),
  /** What they gave last year (LYBUNT) or in all (SYBUNT), every supporter on the list. */
  totalYen: Yen,
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(LapsedDonor),
});
export type LapsedList = z.infer<typeof LapsedList>;

// --- Retention -------------------------------------------------------------------------------------

export const RetentionQuery = z
  .object({
    yearKind: YearKind.default('fiscal'),
    /** First and last year shown; default: the five years ending with this one. */
    from: ReportYear.optional(),
    to: ReportYear.optional(),
  })
  .superRefine((q, issue) => {
    if (q.from !== undefined && q.to !== undefined) {
      if (q.to < q.from) issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'fundraising_report_years_order' }, message: 'to before from' });
      else if (q.to - q.from + 1 > MAX_RETENTION_YEARS) issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'fundraising_report_years_too_many' }, message: 'too many years' });
    }
  });
export type RetentionQuery = z.infer<typeof RetentionQuery>;

/**
 * One year Y against Y−1.
 * - donorRetention = retained / donors of Y−1 (null when Y−1 had none);
 * - valueRetention = what the retained donors gave in Y / what all donors of Y−1 gave in Y−1 (the
 *   share of last year's giving that came back; above 1 when retained donors gave more). The other
 *   standard definition, what the retained donors had given in Y−1 over the same denominator, is
 *   retainedLastYearYen / lastYearYen.
 * - new: first gift ever in Y; retained: gave in Y−1 and Y; recaptured: gave before Y−1, not in Y−1,
 *   gave in Y; lapsed: gave in Y−1, not in Y. donors = new + retained + recaptured;
 *   lastYearDonors = retained + lapsed.
 */
export const RetentionYear = z.object({
  year: z.number().int(),
  from: z.string(),
  to: z.string(),
  donors: z.number().int(),
  givingYen: Yen,
  lastYearDonors: z.number().int(),
  lastYearYen: Yen,
  new: z.number().int(),
  retained: z.number().int(),
  recaptured: z.number().int(),
  lapsed: z.number().int(),
  /** What the retained donors gave in Y, and had given in Y−1. */
  retainedYen: Yen,
  retainedLastYearYen: Yen,
  donorRetention: Rate,
  valueRetention: Rate,
});
export type RetentionYear = z.infer<typeof RetentionYear>;

export const Retention = z.object({
  yearKind: YearKind,
  from: z.number().int(),
  to: z.number().int(),
  years: z.array(RetentionYear),
});
export type Retention = z.infer<typeof Retention>;

// --- Recurring health ------------------------------------------------------------------------------

export const RecurringQuery = z
  .object({
    /** First and last month (YYYY-MM); default: the 12 months ending with this one. */
    from: YearMonth.optional(),
    to: YearMonth.optional(),
  })
  .superRefine((q, issue) => {
    if (q.from !== undefined && q.to === undefined) issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'required' }, message: 'required' });
    if (q.to !== undefined && q.from === undefined) issue.addIssue({ code: 'custom', path: ['from'], params: { key: 'required' }, message: 'required' });
    // A month already refused (2026-13) is not compared again.
    if (q.from === undefined || q.to === undefined || !YearMonth.safeParse(q.from).success || !YearMonth.safeParse(q.to).success) return;
    if (q.to < q.from) issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'report_range_before_from' }, message: 'to before from' });
    else if (monthsBetween(q.from, q.to).length > MAX_RECURRING_MONTHS) {
      issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'fundraising_report_months_too_many' }, message: 'too many months' });
    }
  });
export type RecurringQuery = z.infer<typeof RecurringQuery>;

export const CommitmentStatus = z.enum(['active', 'paused', 'failing', 'cancelled']);
export const GiftMethod = z.enum(['card', 'bank_transfer', 'direct_debit', 'cash', 'convenience_store', 'in_kind', 'other']);

/**
 * A month of monthly and yearly giving. A commitment is due on its day of the month (the month's
 * last day when shorter; a yearly one in its month) between starts_on and ends_on, while it was
 * active or failing on that day (paused and cancelled ones are not due). A due is paid when a gift
 * linked to the commitment was received in the same calendar month.
 * - liveAtStart: commitments active or failing on the month's first day (started on or before
 *   it, not ended before it); churnRate = cancelled (cancellations dated in the month) / liveAtStart.
 * - expected / expectedYen: dues in the month (at the amount on the due day); paid: of those, the
 *   paid ones; missed = expected − paid, counting only dues before today.
 * - receivedGifts / receivedYen: every gift linked to a commitment received in the month.
 */
export const RecurringMonth = z.object({
  month: YearMonth,
  liveAtStart: z.number().int(),
  cancelled: z.number().int(),
  churnRate: Rate,
  expected: z.number().int(),
  expectedYen: Yen,
  paid: z.number().int(),
  missed: z.number().int(),
  receivedGifts: z.number().int(),
  receivedYen: Yen,
});
export type RecurringMonth = z.infer<typeof RecurringMonth>;

export const MissedPayment = z.object({
  commitmentId: z.uuid(),
  supporterId: z.uuid(),
  supporterNumber: z.string(),
  name: z.string(),
  kana: z.string(),
  frequency: z.enum(['monthly', 'yearly']),
  method: GiftMethod,
  /** The commitment's status now: only active and failing ones are listed. */
  status: CommitmentStatus,
  dueOn: z.string(),
  amountYen: Yen,
});
export type MissedPayment = z.infer<typeof MissedPayment>;

export const RecurringHealth = z.object({
  /** Today (Tokyo): the counts, MRR and missed payments are as of it. */
  asOf: z.string(),
  from: YearMonth,
  to: YearMonth,
  /** Commitments by status now (started, not ended). */
  byStatus: z.object({ active: z.number().int(), paused: z.number().int(), failing: z.number().int(), cancelled: z.number().int() }),
  activeCommitments: z.number().int(),
  /** Monthly recurring revenue: active monthly amounts + active yearly amounts / 12, rounded to the yen. */
  mrrYen: Yen,
  months: z.array(RecurringMonth),
  /** Dues in the months shown, before today, not paid, of commitments active or failing now (oldest first). */
  missedPayments: z.array(MissedPayment),
});
export type RecurringHealth = z.infer<typeof RecurringHealth>;

// --- Breakdowns of a year -------------------------------------------------------------------------

export const BreakdownQuery = z.object({
  ...yearQuery,
  /** How many of the year's largest gifts to list. */
  top: z.coerce.number().int().min(1).max(100).default(10),
});
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;

/**
 * One group of the year's gifts. gifts, donors and givingYen are of giving; netYen is the books'
 * sum (received and refunded entries, reversals included) of the group in the year.
 */
export const BreakdownRow = z.object({
  /** The campaign or fund id, the method or prefecture; null: no campaign / unknown prefecture. */
  key: z.string().nullable(),
  code: z.string().nullable(),
  labelJa: z.string().nullable(),
  labelEn: z.string().nullable(),
  gifts: z.number().int(),
  /** Distinct supporters (gifts without a supporter, such as a collection box, count no donor). */
  donors: z.number().int(),
  givingYen: Yen,
  netYen: Yen,
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const TopGift = z.object({
  giftId: z.uuid(),
  receivedOn: z.string(),
  amountYen: Yen,
  method: GiftMethod,
  supporterId: z.uuid().nullable(),
  supporterNumber: z.string().nullable(),
  name: z.string().nullable(),
  campaignCode: z.string().nullable(),
  fundCode: z.string(),
});
export type TopGift = z.infer<typeof TopGift>;

export const Breakdowns = z.object({
  yearKind: YearKind,
  year: z.number().int(),
  from: z.string(),
  to: z.string(),
  totals: z.object({ gifts: z.number().int(), donors: z.number().int(), givingYen: Yen, netYen: Yen, averageGiftYen: Yen.nullable() }),
  byCampaign: z.array(BreakdownRow),
  byFund: z.array(BreakdownRow),
  byMethod: z.array(BreakdownRow),
  /** By the prefecture of the supporter's current address (null: none on file, or no supporter). */
  byPrefecture: z.array(BreakdownRow),
  topGifts: z.array(TopGift),
});
export type Breakdowns = z.infer<typeof Breakdowns>;

// --- Campaign progress ----------------------------------------------------------------------------

export const CampaignProgressQuery = z.object({
  /** day, or week (weeks start on Monday). */
  interval: z.enum(['day', 'week']).default('day'),
});
export type CampaignProgressQuery = z.infer<typeof CampaignProgressQuery>;

/** One day or week of a campaign, with the running totals the chart draws. */
export const CampaignPoint = z.object({
  /** The day, or the Monday of the week. */
  start: z.string(),
  gifts: z.number().int(),
  raisedYen: Yen,
  cumulativeYen: Yen,
  donors: z.number().int(),
  cumulativeDonors: z.number().int(),
  averageGiftYen: Yen.nullable(),
  /** Donors whose first gift ever (to the organisation) was to this campaign in this period. */
  newDonors: z.number().int(),
});
export type CampaignPoint = z.infer<typeof CampaignPoint>;

export const CampaignProgress = z.object({
  campaign: z.object({
    id: z.uuid(),
    code: z.string(),
    nameJa: z.string(),
    nameEn: z.string(),
    goalYen: Yen.nullable(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
  }),
  interval: z.enum(['day', 'week']),
  /** From the campaign's start (or its first gift, when earlier) to its end, today, or its last gift. */
  from: z.string(),
  to: z.string(),
  totals: z.object({
    gifts: z.number().int(),
    raisedYen: Yen,
    donors: z.number().int(),
    newDonors: z.number().int(),
    averageGiftYen: Yen.nullable(),
    /** raisedYen / goalYen (null without a goal). */
    goalShare: Rate,
  }),
  points: z.array(CampaignPoint),
});
export type CampaignProgress = z.infer<typeof CampaignProgress>;

// --- Donor register 寄附者名簿 ----------------------------------------------------------------------

export const RegisterQuery = z.object({
  yearKind: YearKind.default('fiscal'),
  /** The year of the register; default: the last finished year. */
  year: ReportYear.optional(),
});
export type RegisterQuery = z.infer<typeof RegisterQuery>;
export const RegisterPageQuery = RegisterQuery.extend({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type RegisterPageQuery = z.infer<typeof RegisterPageQuery>;

/** One gift of the register: every gift (giving) of the year from a supporter on file, oldest first. */
export const RegisterRow = z.object({
  giftId: z.uuid(),
  receivedOn: z.string(),
  amountYen: Yen,
  supporterId: z.uuid(),
  supporterNumber: z.string(),
  name: z.string(),
  kana: z.string(),
  /** The supporter's current address (the row not replaced); empty when none is on file. */
  postalCode: z.string(),
  prefecture: z.string(),
  city: z.string(),
  line1: z.string(),
  line2: z.string(),
});
export type RegisterRow = z.infer<typeof RegisterRow>;

export const RegisterPreparation = z.object({
  preparedAt: z.string(),
  preparedByName: z.string().nullable(),
  giftCount: z.number().int(),
  totalYen: Yen,
});
export type RegisterPreparation = z.infer<typeof RegisterPreparation>;

export const Register = z.object({
  yearKind: YearKind,
  year: z.number().int(),
  from: z.string(),
  to: z.string(),
  deadline: z.string(),
  total: z.number().int(),
  totalYen: Yen,
  /** Gifts of the year without a supporter (a collection box): not in the register. */
  withoutSupporter: z.object({ gifts: z.number().int(), yen: Yen }),
  /** The latest preparation recorded, if any. */
  prepared: RegisterPreparation.nullable(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(RegisterRow),
});
export type Register = z.infer<typeof Register>;

export const RegisterPreparedInput = z.strictObject({ yearKind: YearKind.default('fiscal'), year: z.number().int().refine((y) => y >= MIN_REPORT_YEAR && y <= MAX_REPORT_YEAR, { params: { key: 'fundraising_report_year' } }) });
export type RegisterPreparedInput = z.infer<typeof RegisterPreparedInput>;

export const RegisterStatusQuery = z.object({ yearKind: YearKind.default('fiscal') });

/**
 * Whether the dashboard reminds: the register of the last finished year is not prepared and today
 * is within 3 months after that year's end (isDue); isOverdue once the 3 months have passed.
 */
export const RegisterStatus = z.object({
  yearKind: YearKind,
  /** The last finished year. */
  year: z.number().int(),
  yearEnd: z.string(),
  deadline: z.string(),
  today: z.string(),
  prepared: RegisterPreparation.nullable(),
  isDue: z.boolean(),
  isOverdue: z.boolean(),
  /** Days from today to the deadline (negative when past). */
  daysLeft: z.number().int(),
});
export type RegisterStatus = z.infer<typeof RegisterStatus>;
