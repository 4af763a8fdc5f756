import { z } from 'zod';
import { IsoDate } from '../../shared/codes';
import { monthsBetween, YearMonth } from '../budgets/contract';

// Advocacy evidence (issue 12): systemic barriers seen in cases (../../../shared/DOMAIN.md
// "Systemic barriers"), tagged on consultations and case files, counted as distinct people and
// published only through small-cell suppression (./suppression.ts).

/** The longest evidence range: ten years of months. */
export const MAX_EVIDENCE_MONTHS = 120;
/** The longest anonymised quote. */
export const MAX_QUOTE_LENGTH = 500;

// --- Barrier taxonomy (data, not an enum) ---------------------------------------------------

const Label = z.string().trim().min(1).max(100);
const Description = z.string().trim().max(500);

export const Barrier = z.object({
  id: z.uuid(),
  /** A short stable code (seeded ones are `b01`…`b15`). */
  code: z.string(),
  labelJa: z.string(),
  labelEn: z.string(),
  descriptionJa: z.string(),
  descriptionEn: z.string(),
  sortOrder: z.number().int(),
  /** Retired barriers stay on old tags and in history; no new tag may use them. */
  retiredAt: z.string().nullable(),
  /** When merged, the barrier its tags are counted under (and it is retired). */
  mergedIntoId: z.uuid().nullable(),
});
export type Barrier = z.infer<typeof Barrier>;

export const CreateBarrierInput = z.strictObject({
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9_]{1,40}$/).optional(),
  labelJa: Label,
  labelEn: Label,
  descriptionJa: Description.default(''),
  descriptionEn: Description.default(''),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});
export type CreateBarrierInput = z.infer<typeof CreateBarrierInput>;

export const UpdateBarrierInput = z.strictObject({
  labelJa: Label.optional(),
  labelEn: Label.optional(),
  descriptionJa: Description.optional(),
  descriptionEn: Description.optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  /** true retires the barrier, false brings it back (a merged barrier cannot come back). */
  retired: z.boolean().optional(),
});
export type UpdateBarrierInput = z.infer<typeof UpdateBarrierInput>;

export const MergeBarrierInput = z.strictObject({ intoId: z.uuid() });

export const BarrierChangeAction = z.enum(['created', 'edited', 'retired', 'restored', 'merged']);
export const BarrierChange = z.object({
  id: z.uuid(),
  barrierId: z.uuid(),
  action: BarrierChangeAction,
  /** The barrier's labels and descriptions before and after (null before creation). */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  changedByName: z.string(),
  changedAt: z.string(),
});
export type BarrierChange = z.infer<typeof BarrierChange>;

export const BarrierList = z.object({ barriers: z.array(Barrier) });

// --- Tags --------------------------------------------------------------------------------------

const Quote = z.string().trim().max(MAX_QUOTE_LENGTH);

export const TagInput = z.strictObject({
  barrierId: z.uuid(),
  /** The day the barrier was observed; default today in Tokyo (or the consultation's day). */
  observedOn: IsoDate.optional(),
  /** A short anonymised quote: no name, phone, card or file number (warned, not refused). */
  quote: Quote.nullish(),
});
export type TagInput = z.infer<typeof TagInput>;

export const CreateTagsInput = z.strictObject({
  personId: z.uuid(),
  /** Tags from a consultation carry it; without it the tag is on the case file. */
  consultationId: z.uuid().nullish(),
  tags: z.array(TagInput).min(1).max(20),
});
export type CreateTagsInput = z.infer<typeof CreateTagsInput>;

export const BulkTagInput = z.strictObject({
  personIds: z.array(z.uuid()).min(1).max(500),
  barrierId: z.uuid(),
  observedOn: IsoDate.optional(),
});
export type BulkTagInput = z.infer<typeof BulkTagInput>;

export const UpdateTagInput = z.strictObject({
  /** The day the barrier stopped affecting the person; null re-opens it. */
  resolvedOn: IsoDate.nullable().optional(),
  quote: Quote.nullable().optional(),
});
export type UpdateTagInput = z.infer<typeof UpdateTagInput>;

/** What a quote seems to contain of the person: each is a reason to rewrite it before saving. */
export const QuoteWarning = z.enum(['name', 'phone', 'card_number', 'file_number']);
export type QuoteWarning = z.infer<typeof QuoteWarning>;

export const QuoteCheckInput = z.strictObject({ personId: z.uuid(), quote: Quote });
export const QuoteCheck = z.object({ warnings: z.array(QuoteWarning) });

export const BarrierTag = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  consultationId: z.uuid().nullable(),
  barrierId: z.uuid(),
  barrierLabelJa: z.string(),
  barrierLabelEn: z.string(),
  barrierRetired: z.boolean(),
  observedOn: z.string(),
  quote: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  taggedByName: z.string(),
  taggedAt: z.string(),
});
export type BarrierTag = z.infer<typeof BarrierTag>;

export const TagsResult = z.object({
  tags: z.array(BarrierTag),
  /** Per tag id with a quote: what the quote seems to contain of the person. */
  quoteWarnings: z.record(z.string(), z.array(QuoteWarning)),
});
export const BulkTagResult = z.object({ tagged: z.number().int(), alreadyTagged: z.number().int() });

export const SuggestionReason = z.enum(['allowance_wait', 'rough_sleeping', 'no_work_permission', 'uninsured', 'no_interpreter']);
export type SuggestionReason = z.infer<typeof SuggestionReason>;
/** A barrier the facts on file point to; never applied until a person confirms it. */
export const Suggestion = z.object({
  barrierId: z.uuid(),
  barrierLabelJa: z.string(),
  barrierLabelEn: z.string(),
  reason: SuggestionReason,
  /** For allowance_wait: the days waited so far. */
  days: z.number().int().nullable(),
});
export type Suggestion = z.infer<typeof Suggestion>;
export const SuggestionQuery = z.object({ personId: z.uuid(), consultationId: z.uuid().optional() });

// --- Evidence ----------------------------------------------------------------------------------

/**
 * The period of the evidence, in whole months (Asia/Tokyo): `from`–`to` (YYYY-MM), a calendar
 * `year`, or a `fiscalYear` (April to March, named by its April). Neither: the last 12 months.
 * `barrierId` narrows the breakdowns to one barrier.
 */
export const EvidenceQuery = z
  .object({
    from: YearMonth.optional(),
    to: YearMonth.optional(),
    year: z.coerce.number().int().min(1900).max(2199).optional(),
    fiscalYear: z.coerce.number().int().min(1900).max(2199).optional(),
    barrierId: z.uuid().optional(),
  })
  .superRefine((q, issue) => {
    const kinds = [q.from !== undefined || q.to !== undefined, q.year !== undefined, q.fiscalYear !== undefined].filter(Boolean).length;
    if (kinds > 1) {
      issue.addIssue({ code: 'custom', path: ['year'], params: { key: 'evidence_one_period' }, message: 'one period' });
      return;
    }
    if (q.from !== undefined && q.to === undefined) issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'required' }, message: 'required' });
    if (q.to !== undefined && q.from === undefined) issue.addIssue({ code: 'custom', path: ['from'], params: { key: 'required' }, message: 'required' });
    if (q.from === undefined || q.to === undefined) return;
    if (q.to < q.from) issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'report_range_before_from' }, message: 'to before from' });
    else if (monthsBetween(q.from, q.to).length > MAX_EVIDENCE_MONTHS) {
      issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'evidence_range_too_long' }, message: 'too long' });
    }
  });
export type EvidenceQuery = z.infer<typeof EvidenceQuery>;

/** The months a valid query covers; `today` (YYYY-MM-DD, Tokyo) decides the default. */
export function resolvePeriod(query: EvidenceQuery, today: string): { from: string; to: string } {
  if (query.from !== undefined && query.to !== undefined) return { from: query.from, to: query.to };
  if (query.year !== undefined) return { from: `${query.year}-01`, to: `${query.year}-12` };
  if (query.fiscalYear !== undefined) return { from: `${query.fiscalYear}-04`, to: `${query.fiscalYear + 1}-03` };
  const to = today.slice(0, 7);
  const months = monthsBetween(`${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}`, to);
  return { from: months[1] ?? to, to };
}

/**
 * A published count of distinct people (./suppression.ts): exactly 0, or a band `low`–`high` of
 * width k: 1–(k−1) is "< k", then k–(2k−1), 2k–(3k−1)… The true count is never published.
 */
export const Count = z.object({ low: z.number().int(), high: z.number().int() });
export type Count = z.infer<typeof Count>;

/** Days (waiting, sleeping rough) over a group: shown only when the group counts at least k people. */
export const DaysFigures = z.object({
  people: Count,
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
  longestDays: z.number().nullable(),
});
export type DaysFigures = z.infer<typeof DaysFigures>;

export const BarrierRow = z.object({
  barrierId: z.uuid(),
  code: z.string(),
  labelJa: z.string(),
  labelEn: z.string(),
  isRetired: z.boolean(),
  /** Distinct people per month of the period (same order as Evidence.months). */
  months: z.array(Count),
  /** Distinct people over the whole period. */
  total: Count,
});
export type BarrierRow = z.infer<typeof BarrierRow>;

export const BreakdownDimension = z.enum(['nationality', 'sex', 'ageBand', 'residenceStatus', 'procedureStage']);
export type BreakdownDimension = z.infer<typeof BreakdownDimension>;
export const BreakdownRow = z.object({
  /** The group's code (a country, a sex, an age band, a status or stage), 'unknown' when not recorded; null for the folded row. */
  group: z.string().nullable(),
  /** This row sums every group of fewer than k people. */
  isFolded: z.boolean(),
  people: Count,
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const MonthlyCount = z.object({ months: z.array(Count), total: Count });
export type MonthlyCount = z.infer<typeof MonthlyCount>;

export const EvidenceQuote = z.object({ barrierId: z.uuid(), month: YearMonth, quote: z.string(), id: z.uuid() });

export const Evidence = z.object({
  from: YearMonth,
  to: YearMonth,
  months: z.array(YearMonth),
  /** The smallest count shown as itself (k). */
  minimumCell: z.number().int(),
  /** The barrier the breakdowns are narrowed to, or null for people with any barrier. */
  barrierId: z.uuid().nullable(),
  barriers: z.array(BarrierRow),
  /** People with at least one barrier, per month and over the period. */
  anyBarrier: MonthlyCount,
  breakdowns: z.record(BreakdownDimension, z.array(BreakdownRow)),
  /** Protection-allowance waits, as of each month's end: people waiting, and their days waited so far. */
  allowanceWaits: z.array(DaysFigures.extend({ month: YearMonth })),
  /** People waiting for the allowance today, with their days waited so far. */
  allowanceWaitingNow: DaysFigures,
  /** People who got their first shelter bed in the period after sleeping rough: nights rough before the bed. */
  roughNightsBeforeBed: DaysFigures,
  /** People whose shelter waiting-list entry ended without a bed, per month. */
  shelterTurnAways: MonthlyCount,
  /** People with a reporting date, interview or task due in the month and not done by then. */
  deadlinesMissed: MonthlyCount,
  /** People who needed an interpreter (no Japanese) and had a consultation without one in their language. */
  consultationsWithoutInterpreter: MonthlyCount,
  /** Quotes shown only for a barrier counting at least k people in the period. */
  quotes: z.array(EvidenceQuote),
});
export type Evidence = z.infer<typeof Evidence>;

/** Selections for the PDF brief: barriers to chart (default: the five largest) and quotes to include. */
export const BriefQuery = EvidenceQuery.and(z.object({
  barriers: z.string().max(2000).optional(),
  quotes: z.string().max(4000).optional(),
}));

// --- Settings and public figures ----------------------------------------------------------------

export const PublicFigureKey = z.enum(['shelter_nights', 'people_fed', 'people_helped', 'people_waiting_allowance', 'median_allowance_wait_days']);
export type PublicFigureKey = z.infer<typeof PublicFigureKey>;
export const PublicPeriod = z.enum(['winter', 'fiscal_year', 'calendar_year']);

export const AdvocacySettings = z.object({
  /** k: the smallest count shown as itself; never below 3. */
  minimumCell: z.number().int().min(3).max(50),
  publicFigures: z.array(PublicFigureKey),
  publicPeriod: PublicPeriod,
});
export type AdvocacySettings = z.infer<typeof AdvocacySettings>;
export const UpdateAdvocacySettingsInput = AdvocacySettings.partial().strict();
export type UpdateAdvocacySettingsInput = z.infer<typeof UpdateAdvocacySettingsInput>;

export const PublicFigures = z.object({
  from: z.string(),
  to: z.string(),
  period: PublicPeriod,
  minimumCell: z.number().int(),
  figures: z.array(z.object({ key: PublicFigureKey, value: Count.nullable(), days: z.number().nullable() })),
});
export type PublicFigures = z.infer<typeof PublicFigures>;
