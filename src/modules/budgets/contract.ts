import { z } from 'zod';

/** A calendar month `YYYY-MM`. */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** The longest span the spending table covers: two years of months. */
export const MAX_SPENDING_MONTHS = 24;

const Name = z.string().trim().min(1).max(100);
const Yen = z.number().int().min(0).max(1_000_000_000);

/** A budget line (fund) that money given is paid against. */
export const BudgetLine = z.object({
  id: z.uuid(),
  nameJa: z.string(),
  nameEn: z.string(),
  monthlyAmountYen: z.number(),
  isActive: z.boolean(),
  sortOrder: z.number(),
});
export type BudgetLine = z.infer<typeof BudgetLine>;

export const BudgetLineList = z.object({ items: z.array(BudgetLine) });

export const BudgetLinesQuery = z.object({
  /** Also the retired lines (for the management table); default: active lines only, as pickers need. */
  includeRetired: z.stringbool().default(false),
});
export type BudgetLinesQuery = z.infer<typeof BudgetLinesQuery>;

export const CreateBudgetLineInput = z.strictObject({
  nameJa: Name,
  nameEn: Name,
  monthlyAmountYen: Yen,
  sortOrder: z.number().int().min(0).max(10_000).default(100),
});
export type CreateBudgetLineInput = z.infer<typeof CreateBudgetLineInput>;

export const UpdateBudgetLineInput = z.strictObject({
  nameJa: Name.optional(),
  nameEn: Name.optional(),
  monthlyAmountYen: Yen.optional(),
  /** false retires the line: it stays in reports but can no longer be chosen. */
  isActive: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});
export type UpdateBudgetLineInput = z.infer<typeof UpdateBudgetLineInput>;

export const MonthParams = z.object({ id: z.uuid(), month: YearMonth });

export const SetMonthAmountInput = z.strictObject({
  /** The amount for that month only; null removes the override (the monthly amount applies again). */
  amountYen: Yen.nullable(),
});
export type SetMonthAmountInput = z.infer<typeof SetMonthAmountInput>;

export const MonthAmount = z.object({
  lineId: z.uuid(),
  month: YearMonth,
  /** What the line has this month: the override if any, else its monthly amount. */
  budgetYen: z.number(),
  isOverride: z.boolean(),
});
export type MonthAmount = z.infer<typeof MonthAmount>;

export const BudgetMonthQuery = z.object({ month: YearMonth.optional() });

export const BudgetMonthLine = z.object({
  id: z.uuid(),
  nameJa: z.string(),
  nameEn: z.string(),
  isActive: z.boolean(),
  budgetYen: z.number(),
  isOverride: z.boolean(),
  spentYen: z.number(),
  remainingYen: z.number(),
  isOverspent: z.boolean(),
});
export type BudgetMonthLine = z.infer<typeof BudgetMonthLine>;

export const BudgetMonth = z.object({
  month: YearMonth,
  lines: z.array(BudgetMonthLine),
  /** Money given in the month without a budget line. */
  unassignedSpentYen: z.number(),
  totalBudgetYen: z.number(),
  totalSpentYen: z.number(),
});
export type BudgetMonth = z.infer<typeof BudgetMonth>;

export const SpendingQuery = z
  .object({ from: YearMonth, to: YearMonth })
  .superRefine((q, issue) => {
    if (q.to < q.from) issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'report_range_before_from' }, message: 'to before from' });
    else if (monthsBetween(q.from, q.to).length > MAX_SPENDING_MONTHS) {
      issue.addIssue({ code: 'custom', path: ['to'], params: { key: 'report_range_too_long' }, message: 'range too long' });
    }
  });
export type SpendingQuery = z.infer<typeof SpendingQuery>;

export const SpendingMonth = z.object({ month: YearMonth, budgetYen: z.number(), spentYen: z.number() });

export const Spending = z.object({
  from: YearMonth,
  to: YearMonth,
  months: z.array(YearMonth),
  lines: z.array(z.object({
    id: z.uuid(),
    nameJa: z.string(),
    nameEn: z.string(),
    isActive: z.boolean(),
    months: z.array(SpendingMonth),
    totalBudgetYen: z.number(),
    totalSpentYen: z.number(),
  })),
  unassigned: z.array(z.object({ month: YearMonth, spentYen: z.number() })),
});
export type Spending = z.infer<typeof Spending>;

/** Every month from `from` to `to` inclusive, `YYYY-MM` (empty when to < from). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  // Bounded so a mistyped year cannot loop for long.
  while ((y < ty || (y === ty && m <= tm)) && out.length <= 1200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The first day of the month after `month`, `YYYY-MM-DD`. */
export function nextMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The last day of `month`, `YYYY-MM-DD`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** Money paid against one budget line over a period (reports). */
export const MoneyByLine = z.object({
  /** null: money given without a budget line. */
  lineId: z.uuid().nullable(),
  nameJa: z.string().nullable(),
  nameEn: z.string().nullable(),
  /** Aid with an amount (fares, cash, fees…), by the day given. */
  aidYen: z.number(),
  /** Paid lodging, by its first night. */
  lodgingYen: z.number(),
  totalYen: z.number(),
});
export type MoneyByLine = z.infer<typeof MoneyByLine>;
