import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { invalidField, notFound } from '../../../server/http/errors';
import { addDays, tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import {
  monthsBetween, nextMonthStart,
  type BudgetLine, type BudgetLinesQuery, type BudgetMonth, type CreateBudgetLineInput, type MonthAmount,
  type MoneyByLine, type SetMonthAmountInput, type Spending, type SpendingQuery, type UpdateBudgetLineInput,
} from '../contract';
import * as repo from './budgets.repository';

function presentLine(r: repo.BudgetLineRow): BudgetLine {
  return { id: r.id, nameJa: r.name_ja, nameEn: r.name_en, monthlyAmountYen: r.monthly_amount_yen, isActive: r.is_active, sortOrder: r.sort_order };
}

/** Budgets and spending of the months from..to ('YYYY-MM'), keyed `${lineId}|${month}` (lineId '' = no line). */
async function loadMonths(db: DbOrTx, organisationId: string, from: string, to: string) {
  const fromStart = `${from}-01`;
  const toExclusive = nextMonthStart(to);
  const [lines, overrides, spending] = await Promise.all([
    repo.listLines(db, organisationId, true),
    repo.listMonthAmounts(db, organisationId, fromStart, toExclusive),
    repo.spending(db, organisationId, fromStart, toExclusive, true),
  ]);
  const override = new Map(overrides.map((o) => [`${o.budget_line_id}|${o.month}`, o.amount_yen]));
  const spent = new Map(spending.map((s) => [`${s.budget_line_id ?? ''}|${s.month ?? ''}`, s.aid_yen + s.lodging_yen]));
  const budgetOf = (line: repo.BudgetLineRow, month: string) => {
    const amount = override.get(`${line.id}|${month}`);
    return { budgetYen: amount ?? line.monthly_amount_yen, isOverride: amount !== undefined };
  };
  const spentOf = (lineId: string | null, month: string) => spent.get(`${lineId ?? ''}|${month}`) ?? 0;
  const lineIdsWithSpending = new Set(spending.map((s) => s.budget_line_id).filter((id): id is string => id !== null));
  // Retired lines still appear where money was paid against them in the period.
  const shown = lines.filter((l) => l.is_active || lineIdsWithSpending.has(l.id));
  return { shown, budgetOf, spentOf };
}

export function createBudgetsService(db: Db, audit: AuditService) {
  return {
    /**
     * Money paid per budget line between two dates (inclusive), aid and paid lodging apart, lines in
     * display order and money without a line last: what the reports show.
     */
    async spendingByLine(organisationId: string, from: string, to: string): Promise<MoneyByLine[]> {
      const rows = await repo.spending(db, organisationId, from, addDays(to, 1), false);
      return rows.map((r) => ({
        lineId: r.budget_line_id, nameJa: r.name_ja, nameEn: r.name_en,
        aidYen: r.aid_yen, lodgingYen: r.lodging_yen, totalYen: r.aid_yen + r.lodging_yen,
      }));
    },

    /** Refuses (400, naming `field`) a budget line that is not this organisation's or is retired. */
    async assertUsableLine(tx: DbOrTx, ctx: RequestContext, id: string, field = 'budgetLineId'): Promise<void> {
      const line = await repo.findLine(tx, ctx.actor.organisationId, id);
      if (!line) throw invalidField('budget_line.not_found', field, 'invalid_choice');
      if (!line.is_active) throw invalidField('budget_line.inactive', field, 'invalid_choice');
    },

    /** The organisation's budget lines in display order: active ones, or all with includeRetired. */
    async listLines(ctx: RequestContext, query: BudgetLinesQuery): Promise<BudgetLine[]> {
      return (await repo.listLines(db, ctx.actor.organisationId, query.includeRetired)).map(presentLine);
    },

    /** Adds a budget line with its monthly amount. */
    async createLine(ctx: RequestContext, input: CreateBudgetLineInput): Promise<BudgetLine> {
      return db.transaction().execute(async (tx) => {
        const row = await repo.insertLine(tx, {
          organisation_id: ctx.actor.organisationId, name_ja: input.nameJa, name_en: input.nameEn,
          monthly_amount_yen: input.monthlyAmountYen, sort_order: input.sortOrder,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'budget_line', entityId: row.id, details: { monthlyAmountYen: input.monthlyAmountYen } });
        return presentLine(row);
      });
    },

    /** Renames a line, changes its monthly amount or order, or retires (re-activates) it. */
    async updateLine(ctx: RequestContext, id: string, input: UpdateBudgetLineInput): Promise<BudgetLine> {
      return db.transaction().execute(async (tx) => {
        const row = await repo.updateLine(tx, ctx.actor.organisationId, id, {
          ...(input.nameJa !== undefined && { name_ja: input.nameJa }),
          ...(input.nameEn !== undefined && { name_en: input.nameEn }),
          ...(input.monthlyAmountYen !== undefined && { monthly_amount_yen: input.monthlyAmountYen }),
          ...(input.isActive !== undefined && { is_active: input.isActive }),
          ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
        });
        if (!row) throw notFound('budget_line.not_found');
        await audit.record(tx, ctx, { action: 'update', entityType: 'budget_line', entityId: id, details: { fields: Object.keys(input) } });
        return presentLine(row);
      });
    },

    /** Sets (or with null, removes) the amount of one line for one month. */
    async setMonthAmount(ctx: RequestContext, id: string, month: string, input: SetMonthAmountInput): Promise<MonthAmount> {
      return db.transaction().execute(async (tx) => {
        const line = await repo.findLine(tx, ctx.actor.organisationId, id);
        if (!line) throw notFound('budget_line.not_found');
        if (input.amountYen === null) await repo.deleteMonthAmount(tx, id, `${month}-01`);
        else await repo.upsertMonthAmount(tx, id, `${month}-01`, input.amountYen);
        await audit.record(tx, ctx, { action: 'update', entityType: 'budget_line', entityId: id, details: { month, amountYen: input.amountYen } });
        return input.amountYen === null
          ? { lineId: id, month, budgetYen: line.monthly_amount_yen, isOverride: false }
          : { lineId: id, month, budgetYen: input.amountYen, isOverride: true };
      });
    },

    /** One month (default: this month in Tokyo): each line's budget, spending, remainder; and spending with no line. */
    async month(ctx: RequestContext, month: string = tokyoDate().slice(0, 7)): Promise<BudgetMonth> {
      const { shown, budgetOf, spentOf } = await loadMonths(db, ctx.actor.organisationId, month, month);
      const lines = shown.map((l) => {
        const { budgetYen, isOverride } = budgetOf(l, month);
        const spentYen = spentOf(l.id, month);
        return {
          id: l.id, nameJa: l.name_ja, nameEn: l.name_en, isActive: l.is_active,
          budgetYen, isOverride, spentYen, remainingYen: budgetYen - spentYen, isOverspent: spentYen > budgetYen,
        };
      });
      const unassignedSpentYen = spentOf(null, month);
      return {
        month,
        lines,
        unassignedSpentYen,
        totalBudgetYen: lines.reduce((sum, l) => sum + l.budgetYen, 0),
        totalSpentYen: lines.reduce((sum, l) => sum + l.spentYen, 0) + unassignedSpentYen,
      };
    },

    /** Budget and spending per line per month over a span of months (at most two years). */
    async spending(ctx: RequestContext, query: SpendingQuery): Promise<Spending> {
      const months = monthsBetween(query.from, query.to);
      const { shown, budgetOf, spentOf } = await loadMonths(db, ctx.actor.organisationId, query.from, query.to);
      return {
        from: query.from,
        to: query.to,
        months,
        lines: shown.map((l) => {
          const perMonth = months.map((month) => ({ month, budgetYen: budgetOf(l, month).budgetYen, spentYen: spentOf(l.id, month) }));
          return {
            id: l.id, nameJa: l.name_ja, nameEn: l.name_en, isActive: l.is_active, months: perMonth,
            totalBudgetYen: perMonth.reduce((sum, m) => sum + m.budgetYen, 0),
            totalSpentYen: perMonth.reduce((sum, m) => sum + m.spentYen, 0),
          };
        }),
        unassigned: months.map((month) => ({ month, spentYen: spentOf(null, month) })),
      };
    },
  };
}
export type BudgetsService = ReturnType<typeof createBudgetsService>;
