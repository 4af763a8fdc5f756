import type { Db } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
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
    peopleHelped: g.people_helped, visits: g.visits, aidQuantity: g.aid_quantity, nights: g.shelter_nights + g.lodging_nights,
  });
  const byCount = <T extends { peopleHelped: number }>(a: T, b: T) => b.peopleHelped - a.peopleHelped;
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

export function createReportsService(db: Db, audit: AuditService, budgets: BudgetsService) {
  /** The report for a query: totals for the range, and with groupBy=month the same per month. */
  async function summary(ctx: RequestContext, query: ReportQuery): Promise<ReportSummary> {
    const today = tokyoDate();
    const { from, to } = resolveRange(query, today);
    const organisationId = ctx.actor.organisationId;
    const result: ReportSummary = { from, to, figures: await figures(db, budgets, { organisationId, from, to, today }), months: null };
    if (query.groupBy === 'month') {
      result.months = [];
      for (const month of monthsBetween(from.slice(0, 7), to.slice(0, 7))) {
        const monthFrom = `${month}-01` < from ? from : `${month}-01`;
        const monthTo = monthEnd(month) > to ? to : monthEnd(month);
        result.months.push({ month, from: monthFrom, to: monthTo, figures: await figures(db, budgets, { organisationId, from: monthFrom, to: monthTo, today }) });
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
