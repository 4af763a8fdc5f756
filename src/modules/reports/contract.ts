import { z } from 'zod';
import { IsoDate } from '../../shared/codes';
import { AidCategory } from '../assistance/contract';
import { Sex } from '../people/contract';
import { MoneyByLine, monthEnd, YearMonth } from '../budgets/contract';

/** The longest range a report covers, in days (two years, a leap day included). */
export const MAX_REPORT_DAYS = 731;

/** Days from `from` to `to` inclusive (both `YYYY-MM-DD`). */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * A report's range: `from` and `to` (dates, inclusive), or a `month`; neither means this month.
 * `groupBy=month` adds the same figures for each calendar month of the range.
 */
export const ReportQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    month: YearMonth.optional(),
    groupBy: z.enum(['month']).optional(),
  })
  .superRefine((q, issue) => {
    if (q.month !== undefined && (q.from !== undefined || q.to !== undefined)) {
      issue.addIssue({ code: 'custom', path: ['month'], params: { key: 'report_range_month_or_dates' }, message: 'month or from/to' });
      return;
    }
    if (q.from !== undefined && q.to === undefined) issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'required' }, message: 'required' });
    if (q.to !== undefined && q.from === undefined) issue.addIssue({ code: 'custom', path: ['from'], params: { key: 'required' }, message: 'required' });
    if (q.from === undefined || q.to === undefined) return;
    if (q.to < q.from) issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'report_range_before_from' }, message: 'to before from' });
    else if (daysInRange(q.from, q.to) > MAX_REPORT_DAYS) issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'report_range_too_long' }, message: 'too long' });
  });
export type ReportQuery = z.infer<typeof ReportQuery>;

/** The dates a valid query covers (`today` decides "this month"). */
export function resolveRange(query: ReportQuery, today: string): { from: string; to: string } {
  if (query.from !== undefined && query.to !== undefined) return { from: query.from, to: query.to };
  const month = query.month ?? today.slice(0, 7);
  return { from: `${month}-01`, to: monthEnd(month) };
}

const Count = z.number().int();
/** A count of people: null where small-cell suppression hides it (fewer than 5, for roles outside case work). */
const PeopleCount = z.number().int().nullable();

export const AidByItem = z.object({
  itemCode: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  category: AidCategory,
  quantity: Count,
  /** Different people who received it. */
  people: PeopleCount,
  amountYen: z.number(),
});
export type AidByItem = z.infer<typeof AidByItem>;

export const AidByCategory = z.object({ category: AidCategory, quantity: Count, people: PeopleCount, amountYen: z.number() });
export type AidByCategory = z.infer<typeof AidByCategory>;

export { MoneyByLine };

const GroupFigures = {
  peopleHelped: PeopleCount,
  visits: PeopleCount,
  aidQuantity: PeopleCount,
  /** Shelter and paid-lodging nights. */
  nights: PeopleCount,
  /**
   * Under small-cell suppression: this row sums every group of fewer than 5 people (its nationality
   * or sex is then not one group's); its figures are null when it still counts fewer than 5.
   */
  isFolded: z.boolean(),
};

export const ByNationality = z.object({ nationality: z.string().nullable(), ...GroupFigures });
export type ByNationality = z.infer<typeof ByNationality>;
export const BySex = z.object({ sex: Sex, ...GroupFigures });
export type BySex = z.infer<typeof BySex>;

export const ReportFigures = z.object({
  /** Different people with a visit, consultation, aid, shelter night or paid-lodging night in the range. */
  peopleHelped: PeopleCount,
  visits: Count,
  consultations: Count,
  aidQuantity: Count,
  nights: z.object({ shelter: Count, paidLodging: Count, total: Count }),
  aidByItem: z.array(AidByItem),
  aidByCategory: z.array(AidByCategory),
  moneyByLine: z.array(MoneyByLine),
  moneyTotalYen: z.number(),
  byNationality: z.array(ByNationality),
  bySex: z.array(BySex),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportSummary = z.object({
  from: IsoDate,
  to: IsoDate,
  figures: ReportFigures,
  /** With groupBy=month: the same figures for each calendar month, clipped to the range. */
  months: z.array(z.object({ month: YearMonth, from: IsoDate, to: IsoDate, figures: ReportFigures })).nullable(),
  /** For roles without exact counts (reports.exact): counts of people below this are hidden. */
  suppression: z.object({ minimumCell: z.number().int() }).nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;
