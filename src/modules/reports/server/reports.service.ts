import type { Db } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { foldSmallGroups, maskCount, MIN_CELL } from '../../../shared/small-cells';
import { tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import type { BudgetsService } from '../../budgets/server/budgets.service';
import { monthEnd, monthsBetween } from '../../budgets/contract';
import { resolveRange, type AidByItem, type BySex, type ReportFigures, type ReportQuery, type ReportSummary } from '../contract';
import { reportCsv, reportXlsx } from './reports.export';
import * as repo from './reports.repository';

async function figures(db: Db, budgets: BudgetsService, range: repo.Range): Promise<ReportFigures> {
  const [groups, aid, moneyByLine] = await Promise.all([
    repo.activityGroups(db, range), repo.aidGroups(db, range), budgets.spendingByLine(range.organisationId, range.from, range.to),
  ]);
  const total = groups.find((g) => g.by_nationality === 1 && g.by_sex === 1);
  const group = (g: repo.GroupRow) => ({
    peopleHelped: g.people_helped, visits: g.visits, aidQuantity: g.aid_quantity, nights: g.shelter_nights + g.lodging_nights, isFolded: false,
  });
  const byCount = <T extends { peopleHelped: number | null }>(a: T, b: T) => (b.peopleHelped ?? 0) - (a.peopleHelped ?? 0);
  return {
    peopleHelped: total?.people_helped ?? 0,
    visits: total?.visits ?? 0,
    consultations: total?.consultations ?? 0,
    aidQuantity: total?.aid_quantity ?? 0,
    nights: {
      shelter: total?.shelter_nights ?? 0,
      paidLodging: total?.lodging_nights ?? 0,
      total: (total?.shelter_nights ?? 0) + (total?.lodging_nights ?? 0),
    },
    aidByItem: aid.filter((a) => a.is_category === 0).map((a) => ({
      itemCode: a.item_code ?? '', nameJa: a.name_ja ?? '', nameEn: a.name_en ?? '',
      category: a.category as AidByItem['category'], quantity: a.quantity, people: a.people, amountYen: a.amount_yen,
    })),
    aidByCategory: aid.filter((a) => a.is_category === 1).map((a) => ({
      category: a.category as AidByItem['category'], quantity: a.quantity, people: a.people, amountYen: a.amount_yen,
    })),
    moneyByLine,
    moneyTotalYen: moneyByLine.reduce((sum, m) => sum + m.totalYen, 0),
    byNationality: groups.filter((g) => g.by_nationality === 0).map((g) => ({ nationality: g.nationality, ...group(g) })).sort(byCount),
    bySex: groups.filter((g) => g.by_sex === 0).map((g) => ({ sex: (g.sex ?? 'unknown') as BySex['sex'], ...group(g) })).sort(byCount),
  };
}

/**
 * The figures as a role outside case work may see them (small-cell suppression, src/shared/small-cells.ts):
 * counts of fewer than 5 people hidden, nationalities and sexes with fewer than 5 people folded into one row.
 */
export function suppressSmallCells(f: ReportFigures): ReportFigures {
  const groupFigures = (g: { peopleHelped: number | null; visits: number | null; aidQuantity: number | null; nights: number | null }) =>
    ({ peopleHelped: g.peopleHelped, visits: g.visits, aidQuantity: g.aidQuantity, nights: g.nights });
  const folded = (figures: ReturnType<typeof groupFigures> | null) =>
    ({ peopleHelped: null, visits: null, aidQuantity: null, nights: null, ...figures, isFolded: true });
  return {
    ...f,
    peopleHelped: f.peopleHelped === null ? null : maskCount(f.peopleHelped),
    aidByItem: f.aidByItem.map((a) => ({ ...a, people: a.people === null ? null : maskCount(a.people) })),
    aidByCategory: f.aidByCategory.map((a) => ({ ...a, people: a.people === null ? null : maskCount(a.people) })),
    byNationality: foldSmallGroups(f.byNationality, groupFigures, (figures) => ({ nationality: null, ...folded(figures) })),
    bySex: foldSmallGroups(f.bySex, groupFigures, (figures) => ({ sex: 'unknown' as const, ...folded(figures) })),
  };
}

export function createReportsService(db: Db, audit: AuditService, budgets: BudgetsService) {
  /** The report for a query: totals for the range, and with groupBy=month the same per month. */
  async function summary(ctx: RequestContext, query: ReportQuery): Promise<ReportSummary> {
    const today = tokyoDate();
    const { from, to } = resolveRange(query, today);
    const organisationId = ctx.actor.organisationId;
    // Exact counts only for the roles that work with the people themselves (reports.exact).
    const exact = ctx.actor.permissions.has('reports.exact');
    const shown = (f: ReportFigures) => (exact ? f : suppressSmallCells(f));
    const result: ReportSummary = {
      from, to, figures: shown(await figures(db, budgets, { organisationId, from, to, today })), months: null,
      suppression: exact ? null : { minimumCell: MIN_CELL },
    };
    if (query.groupBy === 'month') {
      result.months = [];
      for (const month of monthsBetween(from.slice(0, 7), to.slice(0, 7))) {
        const monthFrom = `${month}-01` < from ? from : `${month}-01`;
        const monthTo = monthEnd(month) > to ? to : monthEnd(month);
        result.months.push({ month, from: monthFrom, to: monthTo, figures: shown(await figures(db, budgets, { organisationId, from: monthFrom, to: monthTo, today })) });
      }
    }
    return result;
  }

  /** Records that a staff member took the figures out of Tobira. */
  async function auditExport(ctx: RequestContext, report: ReportSummary, format: 'csv' | 'xlsx') {
    await audit.record(db, ctx, { action: 'export', entityType: 'report', details: { from: report.from, to: report.to, format } });
  }

  return {
    summary,

    /** The report as CSV (UTF-8 with BOM for Excel), every table one after another, headers in Japanese and English. Audited. */
    async csv(ctx: RequestContext, query: ReportQuery): Promise<{ report: ReportSummary; content: string }> {
      const report = await summary(ctx, query);
      await auditExport(ctx, report, 'csv');
      return { report, content: reportCsv(report) };
    },

    /** The report as an Excel workbook, one sheet per table, headers in Japanese and English. Audited. */
    async xlsx(ctx: RequestContext, query: ReportQuery): Promise<{ report: ReportSummary; content: Buffer }> {
      const report = await summary(ctx, query);
      await auditExport(ctx, report, 'xlsx');
      return { report, content: await reportXlsx(report) };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
