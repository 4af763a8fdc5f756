import ExcelJS from 'exceljs';
import { toCsv, withBom } from '../../../server/http/csv';
import { translatorFor } from '../../../server/http/i18n';
import { displayName } from '../../../shared/codes';
import type { ReportFigures, ReportSummary } from '../contract';

/** null: a count hidden by small-cell suppression, written as 「5人未満 / fewer than 5」. */
type Cell = string | number | null;

/** One table of the export: a sheet in Excel, a titled block in CSV. */
export interface ExportTable {
  /** Excel sheet name (≤ 31 characters, none of : \ / ? * [ ]). */
  sheet: string;
  title: string;
  headers: string[];
  rows: Cell[][];
}

const ja = translatorFor('ja');
const en = translatorFor('en');
/** Every header and label in both languages, Japanese first: "人数 / People helped". */
const both = (key: string) => `${ja(key)} / ${en(key)}`;
const h = (key: string) => both(`ui.reports.columns.${key}`);

function nationality(code: string | null, isFolded: boolean): string {
  if (isFolded) return both('ui.reports.foldedGroups');
  if (!code) return both('ui.reports.unknownNationality');
  return `${displayName('region', code, 'ja')} / ${displayName('region', code, 'en')} (${code})`;
}

function groupColumns() {
  return [h('peopleHelped'), h('visits'), h('aidQuantity'), h('nights')];
}

function figureTables(f: ReportFigures): ExportTable[] {
  return [
    {
      sheet: '品目別 By item', title: both('ui.reports.aidByItem'),
      headers: [h('item'), h('category'), h('quantity'), h('people'), h('amountYen')],
      rows: f.aidByItem.map((a) => [`${a.nameJa} / ${a.nameEn}`, both(`ui.aidCategory.${a.category}`), a.quantity, a.people, a.amountYen]),
    },
    {
      sheet: '分類別 By category', title: both('ui.reports.aidByCategory'),
      headers: [h('category'), h('quantity'), h('people'), h('amountYen')],
      rows: f.aidByCategory.map((a) => [both(`ui.aidCategory.${a.category}`), a.quantity, a.people, a.amountYen]),
    },
    {
      sheet: '予算別 By budget line', title: both('ui.reports.moneyByLine'),
      headers: [h('budgetLine'), h('aidYen'), h('lodgingYen'), h('totalYen')],
      rows: [
        ...f.moneyByLine.map((m) => [m.lineId ? `${m.nameJa ?? ''} / ${m.nameEn ?? ''}` : both('ui.reports.unassigned'), m.aidYen, m.lodgingYen, m.totalYen]),
        [both('ui.reports.total'), f.moneyByLine.reduce((s, m) => s + m.aidYen, 0), f.moneyByLine.reduce((s, m) => s + m.lodgingYen, 0), f.moneyTotalYen],
      ],
    },
    {
      sheet: '国籍別 By nationality', title: both('ui.reports.byNationality'),
      headers: [h('nationality'), ...groupColumns()],
      rows: f.byNationality.map((g) => [nationality(g.nationality, g.isFolded), g.peopleHelped, g.visits, g.aidQuantity, g.nights]),
    },
    {
      sheet: '性別 By sex', title: both('ui.reports.bySex'),
      headers: [h('sex'), ...groupColumns()],
      rows: f.bySex.map((g) => [g.isFolded ? both('ui.reports.foldedGroups') : both(`ui.sex.${g.sex}`), g.peopleHelped, g.visits, g.aidQuantity, g.nights]),
    },
  ];
}

/** The tables of a report, in the order they are exported. */
export function exportTables(report: ReportSummary): ExportTable[] {
  const f = report.figures;
  const summary: ExportTable = {
    sheet: '概要 Summary', title: both('ui.reports.summary'),
    headers: [h('figure'), h('value')],
    rows: [
      [h('from'), report.from],
      [h('to'), report.to],
      [h('peopleHelped'), f.peopleHelped],
      [h('visits'), f.visits],
      [h('consultations'), f.consultations],
      [h('aidQuantity'), f.aidQuantity],
      [h('shelterNights'), f.nights.shelter],
      [h('lodgingNights'), f.nights.paidLodging],
      [h('nights'), f.nights.total],
      [h('totalYen'), f.moneyTotalYen],
    ],
  };
  if (report.suppression) summary.rows.push([both('ui.reports.suppressedNote'), report.suppression.minimumCell]);
  const tables = [summary, ...figureTables(f)];
  if (report.months) {
    tables.push({
      sheet: '月別 By month', title: both('ui.reports.byMonth'),
      headers: [h('month'), h('peopleHelped'), h('visits'), h('consultations'), h('aidQuantity'), h('shelterNights'), h('lodgingNights'), h('nights'), h('totalYen')],
      rows: report.months.map((m) => [
        m.month, m.figures.peopleHelped, m.figures.visits, m.figures.consultations, m.figures.aidQuantity,
        m.figures.nights.shelter, m.figures.nights.paidLodging, m.figures.nights.total, m.figures.moneyTotalYen,
      ]),
    });
  }
  return tables.map((t) => ({ ...t, rows: t.rows.map((r) => r.map((c) => (c === null ? HIDDEN : c))) }));
}

const HIDDEN = both('ui.reports.hidden');

/** UTF-8 with a byte-order mark, so Excel opens the Japanese correctly; tables separated by an empty line. */
export function reportCsv(report: ReportSummary): string {
  const blocks = exportTables(report).map((t) => toCsv([[t.title], t.headers, ...t.rows]));
  return withBom(`${blocks.join('\r\n\r\n')}\r\n`);
}

/** An .xlsx workbook with one sheet per table; the header row bold and frozen. */
export async function reportXlsx(report: ReportSummary): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tobira';
  for (const table of exportTables(report)) {
    const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    table.headers.forEach((header, i) => {
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(12, header.length + 4));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The download's file name, the range in it (ASCII only, so a plain Content-Disposition filename): tobira-report_2026-01-01_2026-01-31.csv. */
export function exportFileName(report: ReportSummary, extension: 'csv' | 'xlsx'): string {
  return `tobira-report_${report.from}_${report.to}.${extension}`;
}
