import ExcelJS from 'exceljs';
import { toCsv, withBom } from '../../../../server/http/csv';
import { translatorFor } from '../../../../server/http/i18n';
import type { Breakdowns, BreakdownRow, CampaignProgress, LapsedList, RecurringHealth, Register, Retention, YearKind } from '../contract';

/**
 * The fundraising reports as files: a CSV (UTF-8 with a byte-order mark, every text cell
 * neutralised by the house writer) and an Excel workbook, each table under a title with bilingual
 * headers ("金額（円） / Amount (yen)"), as the advocacy exports are. The about block says which year
 * and which definitions the figures follow; the notes say how they were counted.
 */

const ja = translatorFor('ja');
const en = translatorFor('en');
type Vars = Record<string, string | number>;
const ui = (key: string) => `ui.fundraisingReports.${key}`;
/** A text in both languages, Japanese first. */
const both = (key: string, vars?: Vars) => `${ja(ui(key), vars)} / ${en(ui(key), vars)}`;
const column = (key: string) => both(`columns.${key}`);

type Cell = string | number;
/** How a column is shown in Excel: yen with thousands separators, percentages with one decimal. */
type Kind = 'text' | 'int' | 'yen' | 'pct';

export interface ReportTable {
  /** Excel sheet name (≤ 31 characters, none of : \ / ? * [ ]). */
  sheet: string;
  title: string;
  headers: string[];
  kinds: Kind[];
  rows: Cell[][];
}

/** A report's tables: an about block first, then the figures, then the notes. */
export interface ReportFile {
  about: Array<[string, Cell]>;
  tables: ReportTable[];
  notes: string[];
}

function table(sheet: string, titleKey: string, columns: Array<[string, Kind]>, rows: Cell[][], titleVars?: Vars): ReportTable {
  return { sheet, title: both(`titles.${titleKey}`, titleVars), headers: columns.map(([c]) => column(c)), kinds: columns.map(([, k]) => k), rows };
}

const yearKindLabel = (kind: YearKind) => both(`yearKind.${kind}`);
/** A ratio as a percentage with one decimal (33.3), or empty when there is nothing to divide by. */
const pct = (r: number | null): Cell => (r === null ? '' : Math.round(r * 1000) / 10);
const method = (m: string) => both(`method.${m}`);
const notes = (...keys: string[]) => keys.flatMap((k) => [ja(ui(`notes.${k}`)), en(ui(`notes.${k}`))]);
const yearAbout = (kind: YearKind, year: number, from: string, to: string): Array<[string, Cell]> => [
  [both('about.yearKind'), yearKindLabel(kind)],
  [both('about.year'), year],
  [both('about.period'), `${from} – ${to}`],
];

// --- The reports' tables -------------------------------------------------------------------------

export function lapsedTables(list: LapsedList): ReportFile {
  const isLybunt = list.kind === 'lybunt';
  return {
    about: [
      [both('about.report'), both(`titles.${list.kind}`)],
      ...yearAbout(list.yearKind, list.year, list.yearFrom, list.yearTo),
      [both('about.lastYear'), `${list.lastYearFrom} – ${list.lastYearTo}`],
      [both('about.supporters'), list.total],
      [both(isLybunt ? 'about.lastYearTotal' : 'about.lifetimeTotal'), list.totalYen],
    ],
    tables: [table(isLybunt ? 'LYBUNT' : 'SYBUNT', list.kind, [
      ['supporterNumber', 'text'], ['name', 'text'], ['kana', 'text'], ['lastGiftOn', 'text'], ['lastGiftYen', 'yen'],
      ['lastYearYen', 'yen'], ['lifetimeYen', 'yen'], ['giftCount', 'int'],
    ], list.items.map((d) => [d.supporterNumber, d.name, d.kana, d.lastGiftOn, d.lastGiftYen, d.lastYearYen, d.lifetimeYen, d.giftCount]))],
    notes: notes('giving', isLybunt ? 'lybunt' : 'sybunt', 'asOfYearEnd'),
  };
}

export function retentionTables(r: Retention): ReportFile {
  return {
    about: [[both('about.report'), both('titles.retention')], [both('about.yearKind'), yearKindLabel(r.yearKind)], [both('about.years'), `${r.from} – ${r.to}`]],
    tables: [table('継続率 Retention', 'retention', [
      ['year', 'int'], ['from', 'text'], ['to', 'text'], ['donors', 'int'], ['givingYen', 'yen'], ['lastYearDonors', 'int'], ['lastYearYen', 'yen'],
      ['new', 'int'], ['retained', 'int'], ['recaptured', 'int'], ['lapsed', 'int'], ['retainedYen', 'yen'], ['retainedLastYearYen', 'yen'],
      ['donorRetention', 'pct'], ['valueRetention', 'pct'],
    ], r.years.map((y) => [
      y.year, y.from, y.to, y.donors, y.givingYen, y.lastYearDonors, y.lastYearYen, y.new, y.retained, y.recaptured, y.lapsed, y.retainedYen,
      y.retainedLastYearYen, pct(y.donorRetention), pct(y.valueRetention),
    ]))],
    notes: notes('giving', 'retention', 'valueRetention', 'donorKinds'),
  };
}

export function recurringTables(r: RecurringHealth): ReportFile {
  return {
    about: [
      [both('about.report'), both('titles.recurring')],
      [both('about.asOf'), r.asOf],
      [both('about.months'), `${r.from} – ${r.to}`],
      [both('about.activeCommitments'), r.activeCommitments],
      [both('about.mrr'), r.mrrYen],
      ...(['active', 'paused', 'failing', 'cancelled'] as const).map((s): [string, Cell] => [both(`status.${s}`), r.byStatus[s]]),
    ],
    tables: [
      table('月別 By month', 'recurringMonths', [
        ['month', 'text'], ['liveAtStart', 'int'], ['cancelled', 'int'], ['churnRate', 'pct'], ['expected', 'int'], ['expectedYen', 'yen'],
        ['paid', 'int'], ['missed', 'int'], ['receivedGifts', 'int'], ['receivedYen', 'yen'],
      ], r.months.map((m) => [m.month, m.liveAtStart, m.cancelled, pct(m.churnRate), m.expected, m.expectedYen, m.paid, m.missed, m.receivedGifts, m.receivedYen])),
      table('未入金 Missed payments', 'missedPayments', [
        ['dueOn', 'text'], ['supporterNumber', 'text'], ['name', 'text'], ['kana', 'text'], ['amountYen', 'yen'], ['frequency', 'text'], ['method', 'text'], ['status', 'text'],
      ], r.missedPayments.map((m) => [m.dueOn, m.supporterNumber, m.name, m.kana, m.amountYen, both(`frequency.${m.frequency}`), method(m.method), both(`status.${m.status}`)])),
    ],
    notes: notes('mrr', 'dues', 'churn'),
  };
}

const breakdownColumns: Array<[string, Kind]> = [['code', 'text'], ['gifts', 'int'], ['donors', 'int'], ['givingYen', 'yen'], ['netYen', 'yen']];
const breakdownCells = (r: BreakdownRow): Cell[] => [r.code ?? '', r.gifts, r.donors, r.givingYen, r.netYen];

export function breakdownTables(b: Breakdowns): ReportFile {
  const labelled = (r: BreakdownRow, none: string) => (r.labelJa !== null && r.labelEn !== null ? `${r.labelJa} / ${r.labelEn}` : both(none));
  return {
    about: [
      [both('about.report'), both('titles.breakdowns')],
      ...yearAbout(b.yearKind, b.year, b.from, b.to),
      [both('columns.gifts'), b.totals.gifts],
      [both('columns.donors'), b.totals.donors],
      [both('columns.givingYen'), b.totals.givingYen],
      [both('columns.netYen'), b.totals.netYen],
      [both('columns.averageGiftYen'), b.totals.averageGiftYen ?? ''],
    ],
    tables: [
      table('キャンペーン別 By campaign', 'byCampaign', [['campaign', 'text'], ...breakdownColumns], b.byCampaign.map((r) => [labelled(r, 'noCampaign'), ...breakdownCells(r)])),
      table('基金別 By fund', 'byFund', [['fund', 'text'], ...breakdownColumns], b.byFund.map((r) => [labelled(r, 'unknown'), ...breakdownCells(r)])),
      table('方法別 By method', 'byMethod', [['method', 'text'], ...breakdownColumns], b.byMethod.map((r) => [r.key ? method(r.key) : both('unknown'), ...breakdownCells(r)])),
      table('都道府県別 By prefecture', 'byPrefecture', [['prefecture', 'text'], ...breakdownColumns],
        b.byPrefecture.map((r) => [r.key ?? both('unknown'), ...breakdownCells(r)])),
      table('高額寄付 Top gifts', 'topGifts', [
        ['receivedOn', 'text'], ['amountYen', 'yen'], ['supporterNumber', 'text'], ['name', 'text'], ['method', 'text'], ['campaign', 'text'], ['fund', 'text'],
      ], b.topGifts.map((g) => [g.receivedOn, g.amountYen, g.supporterNumber ?? '', g.name ?? both('anonymous'), method(g.method), g.campaignCode ?? '', g.fundCode])),
    ],
    notes: notes('giving', 'books', 'prefecture'),
  };
}

export function campaignTables(c: CampaignProgress): ReportFile {
  return {
    about: [
      [both('about.report'), both('titles.campaign')],
      [both('columns.campaign'), `${c.campaign.nameJa} / ${c.campaign.nameEn}`],
      [both('columns.code'), c.campaign.code],
      [both('about.period'), `${c.from} – ${c.to}`],
      [both('about.goal'), c.campaign.goalYen ?? ''],
      [both('columns.raisedYen'), c.totals.raisedYen],
      [both('columns.gifts'), c.totals.gifts],
      [both('columns.donors'), c.totals.donors],
      [both('columns.newDonors'), c.totals.newDonors],
      [both('columns.averageGiftYen'), c.totals.averageGiftYen ?? ''],
      [both('about.goalShare'), pct(c.totals.goalShare)],
    ],
    tables: [table(c.interval === 'day' ? '日別 By day' : '週別 By week', c.interval === 'day' ? 'campaignDays' : 'campaignWeeks', [
      ['start', 'text'], ['gifts', 'int'], ['raisedYen', 'yen'], ['cumulativeYen', 'yen'], ['donors', 'int'], ['cumulativeDonors', 'int'],
      ['averageGiftYen', 'yen'], ['newDonors', 'int'],
    ], c.points.map((p) => [p.start, p.gifts, p.raisedYen, p.cumulativeYen, p.donors, p.cumulativeDonors, p.averageGiftYen ?? '', p.newDonors]))],
    notes: notes('giving', 'newDonors'),
  };
}

export function registerTables(r: Register): ReportFile {
  return {
    about: [
      [both('about.report'), both('titles.register')],
      ...yearAbout(r.yearKind, r.year, r.from, r.to),
      [both('about.deadline'), r.deadline],
      [both('columns.gifts'), r.total],
      [both('about.registerTotal'), r.totalYen],
      [both('about.withoutSupporterGifts'), r.withoutSupporter.gifts],
      [both('about.withoutSupporterYen'), r.withoutSupporter.yen],
    ],
    tables: [table('寄附者名簿 Donor register', 'register', [
      ['receivedOn', 'text'], ['supporterNumber', 'text'], ['name', 'text'], ['kana', 'text'], ['postalCode', 'text'], ['prefecture', 'text'],
      ['city', 'text'], ['line1', 'text'], ['line2', 'text'], ['amountYen', 'yen'],
    ], r.items.map((g) => [g.receivedOn, g.supporterNumber, g.name, g.kana, g.postalCode, g.prefecture, g.city, g.line1, g.line2, g.amountYen]))],
    notes: notes('register', 'giving'),
  };
}

// --- Writing -------------------------------------------------------------------------------------

/** Every table one after another (title, bilingual headers, rows), the about block first and the notes last. */
export function csvOf(file: ReportFile): string {
  const blocks = [
    toCsv([[both('titles.about')], [column('item'), column('value')], ...file.about]),
    ...file.tables.map((t) => toCsv([[t.title], t.headers, ...t.rows])),
    toCsv([[both('titles.notes')], ...file.notes.map((n) => [n])]),
  ];
  return withBom(`${blocks.join('\r\n\r\n')}\r\n`);
}

/** A sheet name Excel accepts: ≤ 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
const NUMBER_FORMAT: Record<Kind, string | undefined> = { text: undefined, int: '#,##0', yen: '#,##0', pct: '0.0' };

/**
 * An .xlsx workbook: the about sheet, one sheet per table (title, then the bold, frozen header
 * row) and the notes. Text is written as text cells: Excel never runs a name such as "=1+2".
 */
export async function xlsxOf(file: ReportFile): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tobira';
  const about = workbook.addWorksheet(sheetName('概要 About'));
  about.addRow([both('titles.about')]).font = { bold: true, size: 12 };
  for (const [item, value] of file.about) about.addRow([item, value]);
  about.getColumn(1).width = 40;
  about.getColumn(2).width = 40;
  for (const t of file.tables) {
    const sheet = workbook.addWorksheet(sheetName(t.sheet), { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.addRow([t.title]).font = { bold: true, size: 12 };
    sheet.addRow(t.headers).font = { bold: true };
    for (const row of t.rows) sheet.addRow(row);
    t.headers.forEach((header, i) => {
      const col = sheet.getColumn(i + 1);
      const widest = Math.max(header.length, ...t.rows.map((r) => String(r[i] ?? '').length));
      col.width = Math.min(60, Math.max(10, widest + 2));
      const format = NUMBER_FORMAT[t.kinds[i] ?? 'text'];
      if (format) col.numFmt = format;
    });
  }
  const noteSheet = workbook.addWorksheet(sheetName('注記 Notes'));
  noteSheet.getColumn(1).width = 120;
  noteSheet.addRow([both('titles.notes')]).font = { bold: true, size: 12 };
  for (const n of file.notes) noteSheet.addRow([n]).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function render(file: ReportFile, format: 'csv' | 'xlsx'): Promise<string | Buffer> {
  return format === 'csv' ? Promise.resolve(csvOf(file)) : xlsxOf(file);
}

/** The download's file name (ASCII, for a plain Content-Disposition): fundraising-lybunt_fiscal2026.csv. */
export function fileName(report: string, what: string, format: 'csv' | 'xlsx'): string {
  return `fundraising-${report}_${what.replace(/[^A-Za-z0-9_-]/g, '-')}.${format}`;
}
