import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, setPlatformAPI, use } from 'echarts/core';
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
import ExcelJS from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Language } from '../../../i18n';
import { toCsv, withBom } from '../../../server/http/csv';
import { translatorFor } from '../../../server/http/i18n';
import { NOTO_SANS_JP } from '../../../server/pdf/fonts';
import { CONTENT_WIDTH, renderPdf, textWidth } from '../../../server/pdf/pdf';
import { displayName } from '../../../shared/codes';
import { OFFICE_TIME_ZONE } from '../../../shared/time';
import { barrierTrendOption, largestBarriers, type ChartTexts } from '../charts';
import { BreakdownDimension, type BarrierRow, type Count, type DaysFigures, type Evidence, type MonthlyCount } from '../contract';
import { formatCount } from '../suppression';

/**
 * The advocacy evidence as files for people outside the office: a CSV (optionally with HXL
 * hashtags, for humanitarian data tools), an Excel workbook and a bilingual PDF brief for
 * lawmakers. Every count leaves here as the band the suppression gave it (./suppression.ts), and
 * every file carries the method note saying what a band means and why it protects people.
 */

const ja = translatorFor('ja');
const en = translatorFor('en');
const translators = { ja, en } as const;
type Vars = Record<string, string | number>;
/** A text in both languages, Japanese first: "人数 / People". */
const both = (key: string, vars?: Vars) => `${ja(key, vars)} / ${en(key, vars)}`;
const ui = (key: string) => `ui.advocacyBrief.${key}`;
const column = (key: string) => both(ui(`columns.${key}`));

// --- Method note ---------------------------------------------------------------------------------

const METHOD_PARAGRAPHS = ['counts', 'bands', 'folding', 'daysAndQuotes', 'charts', 'whySafe'] as const;

/** The method and its small-cell protection in plain words, one string per paragraph, for k. */
export function methodologyNote(k: number, language: Language): string[] {
  const t = translators[language];
  const vars = { k, kMinus1: k - 1, twoK: 2 * k, twoKMinus1: 2 * k - 1, threeKMinus1: 3 * k - 1 };
  return METHOD_PARAGRAPHS.map((p) => t(ui(`method.${p}`), vars));
}

// --- Labels --------------------------------------------------------------------------------------

const monthFormat = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', year: 'numeric', month: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long' }),
};
const shortMonth = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short' });
const monthDate = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
/** A month `YYYY-MM` as a reader says it: 「2026年1月」, "January 2026". */
const monthName = (month: string, language: Language) => monthFormat[language].format(monthDate(month));
/** The period in one language: 「2026年1月〜2026年12月」, "January 2026 – December 2026". */
function periodName(evidence: Evidence, language: Language): string {
  const from = monthName(evidence.from, language);
  if (evidence.from === evidence.to) return from;
  return `${from}${language === 'ja' ? '〜' : ' – '}${monthName(evidence.to, language)}`;
}

function barrierLabel(row: Pick<BarrierRow, 'labelJa' | 'labelEn' | 'isRetired'>): string {
  if (!row.isRetired) return `${row.labelJa} / ${row.labelEn}`;
  return `${ja(ui('retired'), { label: row.labelJa })} / ${en(ui('retired'), { label: row.labelEn })}`;
}

/** A text of the catalogue in both languages, or null when the catalogue has no such key. */
function known(key: string): string | null {
  const j = ja(key, { defaultValue: '' });
  const e = en(key, { defaultValue: '' });
  return j && e ? `${j} / ${e}` : null;
}

const UNKNOWN = 'unknown';

/** A breakdown group as a reader knows it; the group's raw code stays in its own column. */
function groupLabel(dimension: BreakdownDimension, group: string | null, isFolded: boolean): string {
  if (isFolded || group === null) return both(ui('folded'));
  const unknown = () => both(ui('unknown'));
  switch (dimension) {
    case 'nationality':
      return group === UNKNOWN ? unknown() : `${displayName('region', group, 'ja')} / ${displayName('region', group, 'en')}`;
    case 'sex':
      return known(`ui.sex.${group}`) ?? (group === UNKNOWN ? unknown() : group);
    case 'residenceStatus':
      return known(`ui.cases.residenceStatus.${group}`) ?? (group === UNKNOWN ? unknown() : group);
    case 'procedureStage':
      return known(`ui.cases.procedureStage.${group}`) ?? (group === UNKNOWN ? unknown() : group);
    case 'ageBand':
      // Age bands are written the same in both languages ("18-29", "65+").
      return group === UNKNOWN ? unknown() : group;
  }
}

// --- Tables --------------------------------------------------------------------------------------

type Cell = string | number;

/** One table of the evidence: a titled block in the CSV, a sheet in Excel. */
interface EvidenceTable {
  /** Excel sheet name (≤ 31 characters, none of : \ / ? * [ ]). */
  sheet: string;
  title: string;
  headers: string[];
  /** HXL 1.1 hashtags, one per column. Bands are text ("10–14"), so no column says +num. */
  hxl: string[];
  rows: Cell[][];
}

/** A month as an HXL attribute (attributes are lowercase letters, digits and _): +m2026_01. */
const hxlMonth = (month: string) => `+m${month.replace('-', '_')}`;
const PEOPLE_HXL = '#affected+ind+band';

const BREAKDOWN_SHEETS: Record<BreakdownDimension, string> = {
  nationality: '国籍別 By nationality',
  sex: '性別 By sex',
  ageBand: '年齢層別 By age band',
  residenceStatus: '在留資格別 By residence status',
  procedureStage: '手続段階別 By procedure stage',
};
const BREAKDOWN_HXL: Record<BreakdownDimension, [string, string]> = {
  nationality: ['#country+name', '#country+code'],
  sex: ['#group+sex+name', '#group+sex+code'],
  ageBand: ['#group+age+name', '#group+age+code'],
  residenceStatus: ['#group+residence_status+name', '#group+residence_status+code'],
  procedureStage: ['#group+procedure_stage+name', '#group+procedure_stage+code'],
};

/** A figure of days: a number, or why it is not shown (a group of fewer than k people). */
function daysCell(days: number | null, people: Count, k: number): Cell {
  if (days !== null) return days;
  return people.high === 0 ? '' : both(ui('hidden'), { k });
}

const DAYS_HEADERS = ['medianDays', 'p90Days', 'longestDays'].map(column);
const DAYS_HXL = ['#value+days+median', '#value+days+p90', '#value+days+max'];
const daysCells = (f: DaysFigures, k: number): Cell[] => [daysCell(f.medianDays, f.people, k), daysCell(f.p90Days, f.people, k), daysCell(f.longestDays, f.people, k)];

function monthlyTable(evidence: Evidence, sheet: string, titleKey: string, counts: MonthlyCount): EvidenceTable {
  return {
    sheet,
    title: both(ui(`tables.${titleKey}`)),
    headers: [column('month'), column('people')],
    hxl: ['#date+month', PEOPLE_HXL],
    rows: [
      ...evidence.months.map((month, i) => [month, formatCount(counts.months[i] ?? { low: 0, high: 0 })]),
      [both(ui('periodTotal')), formatCount(counts.total)],
    ],
  };
}

/** Whom the breakdowns count: one barrier, or everybody with any barrier. */
function scopeLabel(evidence: Evidence): string {
  const row = evidence.barriers.find((b) => b.barrierId === evidence.barrierId);
  return row ? barrierLabel(row) : both(ui('anyBarrier'));
}

/** The tables of the evidence, in the order every format shows them. */
function evidenceTables(evidence: Evidence): EvidenceTable[] {
  const k = evidence.minimumCell;
  const scope = scopeLabel(evidence);
  const labelOf = new Map(evidence.barriers.map((b) => [b.barrierId, b]));
  const tables: EvidenceTable[] = [
    {
      sheet: '概要 About',
      title: both(ui('tables.about')),
      headers: [column('item'), column('value')],
      hxl: ['#meta+item', '#meta+value'],
      rows: [
        [both(ui('period')), `${evidence.from} – ${evidence.to}`],
        [both(ui('months')), evidence.months.length],
        [both(ui('minimumCell')), k],
        [both(ui('scope')), scope],
      ],
    },
    {
      sheet: '障壁別 By barrier',
      title: both(ui('tables.barriersByMonth')),
      headers: [column('barrier'), column('code'), ...evidence.months, column('total')],
      hxl: ['#indicator+barrier+name', '#indicator+barrier+code', ...evidence.months.map((m) => PEOPLE_HXL + hxlMonth(m)), `${PEOPLE_HXL}+total`],
      rows: evidence.barriers.map((b) => [barrierLabel(b), b.code, ...b.months.map(formatCount), formatCount(b.total)]),
    },
    monthlyTable(evidence, '障壁あり Any barrier', 'anyBarrier', evidence.anyBarrier),
    ...BreakdownDimension.options.map((dimension): EvidenceTable => ({
      sheet: BREAKDOWN_SHEETS[dimension],
      title: `${both(ui(`tables.breakdown.${dimension}`))} — ${scope}`,
      headers: [column(dimension), column('code'), column('people')],
      hxl: [...BREAKDOWN_HXL[dimension], PEOPLE_HXL],
      rows: (evidence.breakdowns[dimension] ?? []).map((r) => [groupLabel(dimension, r.group, r.isFolded), r.isFolded ? '' : (r.group ?? ''), formatCount(r.people)]),
    })),
    {
      sheet: '保護費待ち Allowance waits',
      title: both(ui('tables.allowanceWaits')),
      headers: [column('month'), column('peopleWaiting'), ...DAYS_HEADERS],
      hxl: ['#date+month', `${PEOPLE_HXL}+waiting`, ...DAYS_HXL],
      rows: evidence.allowanceWaits.map((w) => [w.month, formatCount(w.people), ...daysCells(w, k)]),
    },
    {
      sheet: '現在の待ち Waiting now',
      title: both(ui('tables.allowanceWaitingNow')),
      headers: [column('peopleWaiting'), ...DAYS_HEADERS],
      hxl: [`${PEOPLE_HXL}+waiting`, ...DAYS_HXL],
      rows: [[formatCount(evidence.allowanceWaitingNow.people), ...daysCells(evidence.allowanceWaitingNow, k)]],
    },
    {
      sheet: '入所前の野宿 Nights rough',
      title: both(ui('tables.roughNightsBeforeBed')),
      headers: [column('people'), ...DAYS_HEADERS],
      hxl: [`${PEOPLE_HXL}+rough_sleeping`, ...DAYS_HXL],
      rows: [[formatCount(evidence.roughNightsBeforeBed.people), ...daysCells(evidence.roughNightsBeforeBed, k)]],
    },
    monthlyTable(evidence, '入所不可 Shelter turn-aways', 'shelterTurnAways', evidence.shelterTurnAways),
    monthlyTable(evidence, '期限超過 Deadlines missed', 'deadlinesMissed', evidence.deadlinesMissed),
    monthlyTable(evidence, '通訳なし No interpreter', 'consultationsWithoutInterpreter', evidence.consultationsWithoutInterpreter),
    {
      sheet: '当事者の声 Quotes',
      title: both(ui('tables.quotes')),
      headers: [column('barrier'), column('code'), column('month'), column('quote')],
      hxl: ['#indicator+barrier+name', '#indicator+barrier+code', '#date+month', '#description+quote'],
      rows: evidence.quotes.map((q) => {
        const b = labelOf.get(q.barrierId);
        return [b ? barrierLabel(b) : '', b?.code ?? '', q.month, q.quote];
      }),
    },
  ];
  return tables;
}

const methodTitle = () => both(ui('tables.methodology'));
const methodParagraphs = (k: number) => [...methodologyNote(k, 'ja'), ...methodologyNote(k, 'en')];

/**
 * Every table one after another (title, bilingual headers, with `hxl` a row of HXL hashtags, the
 * rows), then the method note; UTF-8 with a byte-order mark, and no cell a spreadsheet would run.
 */
export function evidenceCsv(evidence: Evidence, options: { hxl?: boolean } = {}): string {
  const blocks = evidenceTables(evidence).map((t) => toCsv([[t.title], t.headers, ...(options.hxl ? [t.hxl] : []), ...t.rows]));
  blocks.push(toCsv([[methodTitle()], ...methodParagraphs(evidence.minimumCell).map((p) => [p])]));
  return withBom(`${blocks.join('\r\n\r\n')}\r\n`);
}

/** A sheet name Excel accepts: ≤ 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

/** An .xlsx workbook: one sheet per table (title, then the bold, frozen header row), and the method. */
export async function evidenceXlsx(evidence: Evidence): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tobira';
  for (const table of evidenceTables(evidence)) {
    const sheet = workbook.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.addRow([table.title]).font = { bold: true, size: 12 };
    sheet.addRow(table.headers).font = { bold: true };
    // Bands stay text ("10–14", "< 5"): Excel must not read them as numbers or dates.
    for (const row of table.rows) sheet.addRow(row);
    table.headers.forEach((header, i) => {
      const widest = Math.max(header.length, ...table.rows.map((r) => String(r[i] ?? '').length));
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, widest + 2));
    });
  }
  const method = workbook.addWorksheet(sheetName('方法 Method'));
  method.getColumn(1).width = 120;
  method.addRow([methodTitle()]).font = { bold: true, size: 12 };
  for (const paragraph of methodParagraphs(evidence.minimumCell)) method.addRow([paragraph]).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The download's file name (ASCII, for a plain Content-Disposition): advocacy-evidence_2026-01_2026-12.csv. */
export function evidenceFileName(evidence: Pick<Evidence, 'from' | 'to'>, extension: 'csv' | 'xlsx' | 'pdf'): string {
  return `advocacy-evidence_${evidence.from}_${evidence.to}.${extension}`;
}

// --- PDF brief -----------------------------------------------------------------------------------

// The trend chart is drawn by ECharts on the server as SVG, from the same option as the web page.
// ECharts measures text to lay out axes and legends; without a canvas it would guess widths, so it
// measures with the font the PDF draws in (fontkit), and labels land where they are drawn. The
// components are those the web page registers (web/EChart.tsx), so both lay the chart out alike.
use([LineChart, GridComponent, LegendComponent, TooltipComponent, LegacyGridContainLabel, SVGRenderer]);
setPlatformAPI({
  measureText: (text: string, font?: string) => {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
    return { width: textWidth(text, size, /\bbold\b|\b[6-9]00\b/.test(font ?? '')) };
  },
});

/** The chart's size in SVG pixels; drawn CONTENT_WIDTH points wide, so 12px labels print at about 9pt. */
const CHART_WIDTH = 680;
const CHART_HEIGHT = 300;
const GREY = '#555555';

const chartTexts: ChartTexts = {
  people: both(ui('charts.people')),
  barrier: (row) => `${row.labelJa} / ${row.labelEn}`,
  // "1月 / Jan" on two lines, with the year under the first month and under each January.
  month: (month) => {
    const line = `${Number(month.slice(5, 7))}月\n${shortMonth.format(monthDate(month))}`;
    return month.endsWith('-01') ? `${line}\n${month.slice(0, 4)}` : line;
  },
};

/** The trend chart of one barrier as an SVG document. */
function trendSvg(evidence: Evidence, barrierId: string): string {
  const texts: ChartTexts = {
    ...chartTexts,
    month: (month) => (month === evidence.from && !month.endsWith('-01') ? `${chartTexts.month(month)}\n${month.slice(0, 4)}` : chartTexts.month(month)),
  };
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption(barrierTrendOption(evidence, [barrierId], texts, { animation: false, fontFamily: NOTO_SANS_JP.name }));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const generatedFormat = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: OFFICE_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: OFFICE_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }),
};

/** A heading: Japanese, then the English in grey. */
const heading = (key: string, vars?: Vars): Content => ({
  text: [{ text: ja(ui(key), vars), bold: true }, { text: `  ${en(ui(key), vars)}`, color: GREY }],
  fontSize: 13,
  margin: [0, 16, 0, 6],
  headlineLevel: 1,
});

/** A label: Japanese, and the English in smaller grey type beneath. */
const label = (key: string, vars?: Vars): Content => ({
  stack: [{ text: ja(ui(key), vars), bold: true }, { text: en(ui(key), vars), fontSize: 7.5, color: GREY }],
});

/** Days of a group in both languages, or that they are hidden below k people. */
function daysNote(days: number | null, key: string, people: Count, k: number): Content | null {
  if (people.high === 0) return null;
  if (days === null) return { text: both(ui('figures.daysHidden'), { k }), color: GREY, fontSize: 8 };
  return { text: both(ui(key), { days }), color: GREY, fontSize: 8 };
}

function keyFigures(evidence: Evidence): Content {
  const k = evidence.minimumCell;
  const band = (count: Count): Content => ({ text: formatCount(count), fontSize: 14, bold: true });
  const byId = new Map(evidence.barriers.map((b) => [b.barrierId, b]));
  const top = largestBarriers(evidence, 3).flatMap((id) => {
    const b = byId.get(id);
    return b ? [b] : [];
  });
  const rows: TableCell[][] = [
    [label('figures.anyBarrier'), band(evidence.anyBarrier.total)],
    [label('figures.topBarriers'), {
      table: {
        widths: ['*', 'auto'],
        body: top.map((b): TableCell[] => [{ text: barrierLabel(b) }, { text: formatCount(b.total), bold: true, alignment: 'right' }]),
      },
      layout: 'noBorders',
    }],
    [label('figures.waitingNow'), { stack: [band(evidence.allowanceWaitingNow.people), daysNote(evidence.allowanceWaitingNow.medianDays, 'figures.waitingNowDays', evidence.allowanceWaitingNow.people, k) ?? ''] }],
    [label('figures.roughNights'), { stack: [band(evidence.roughNightsBeforeBed.people), daysNote(evidence.roughNightsBeforeBed.medianDays, 'figures.roughNightsDays', evidence.roughNightsBeforeBed.people, k) ?? ''] }],
    [label('figures.turnAways'), band(evidence.shelterTurnAways.total)],
    [label('figures.deadlinesMissed'), band(evidence.deadlinesMissed.total)],
    [label('figures.withoutInterpreter'), band(evidence.consultationsWithoutInterpreter.total)],
  ];
  return {
    table: { widths: [220, '*'], body: rows, dontBreakRows: true },
    layout: { hLineColor: () => '#bbbbbb', hLineWidth: (i: number) => (i === 0 ? 0 : 0.5), vLineWidth: () => 0, paddingTop: () => 5, paddingBottom: () => 5, paddingLeft: () => 0 },
  };
}

/**
 * The brief for lawmakers as a PDF: a title page, the key figures, a trend chart per chosen
 * barrier (the web page's chart, drawn as SVG in the house font), the chosen quotes, and the method.
 * Ids that are not in the evidence (a barrier with no row, a quote withheld below k) are skipped.
 */
export async function evidenceBriefPdf(
  evidence: Evidence,
  options: { barrierIds: string[]; quoteIds: string[]; organisationName: string; generatedAt: Date },
): Promise<Buffer> {
  const k = evidence.minimumCell;
  const title = both(ui('title'));
  const generated = `${ja(ui('generatedOn'), { date: generatedFormat.ja.format(options.generatedAt) })}\n${en(ui('generatedOn'), { date: generatedFormat.en.format(options.generatedAt) })}`;
  const meta = (key: string, value: string): TableCell[] => [label(key), { text: value }];

  const titlePage: Content[] = [
    { text: ja(ui('title')), fontSize: 24, bold: true, margin: [0, 150, 0, 4] },
    { text: en(ui('title')), fontSize: 16, color: GREY, margin: [0, 0, 0, 24] },
    { text: `${ja(ui('lead'))}\n${en(ui('lead'))}`, margin: [0, 0, 0, 24] },
    {
      table: {
        widths: [110, '*'],
        body: [
          meta('organisation', options.organisationName),
          meta('period', `${periodName(evidence, 'ja')}\n${periodName(evidence, 'en')}`),
          meta('scope', scopeLabel(evidence)),
          meta('minimumCell', String(k)),
          meta('generatedAt', generated),
        ],
      },
      layout: 'noBorders',
      pageBreak: 'after',
    },
  ];

  const byId = new Map(evidence.barriers.map((b) => [b.barrierId, b]));
  const charted = options.barrierIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
  const charts: Content[] = charted.length === 0 ? [] : [
    heading('charts.heading'),
    { text: both(ui('charts.note'), { k }), color: GREY, fontSize: 8, margin: [0, 0, 0, 6] },
    ...charted.map((row, i): Content => ({
      unbreakable: true,
      margin: [0, 6, 0, 10],
      stack: [
        { text: [{ text: `${ja(ui('charts.figure'), { n: i + 1 })} / ${en(ui('charts.figure'), { n: i + 1 })}  `, bold: true }, { text: barrierLabel(row) }] },
        { text: both(ui('charts.total'), { count: formatCount(row.total) }), color: GREY, fontSize: 8 },
        { svg: trendSvg(evidence, row.barrierId), width: CONTENT_WIDTH },
      ],
    })),
  ];

  const chosen = new Set(options.quoteIds);
  const quotes = evidence.quotes.filter((q) => chosen.has(q.id));
  const quoteBlocks: Content[] = quotes.length === 0 ? [] : [
    heading('quotes.heading'),
    ...quotes.map((q): Content => {
      const b = byId.get(q.barrierId);
      const barrier = (language: Language) => (b ? (language === 'ja' ? b.labelJa : b.labelEn) : '');
      return {
        table: {
          widths: ['*'],
          dontBreakRows: true,
          body: [[{
            stack: [
              { text: q.quote, fontSize: 10.5 },
              { text: `— ${ja(ui('quotes.source'), { barrier: barrier('ja'), month: monthName(q.month, 'ja') })} / ${en(ui('quotes.source'), { barrier: barrier('en'), month: monthName(q.month, 'en') })}`, color: GREY, fontSize: 8, margin: [0, 3, 0, 0] },
            ],
          }]],
        },
        layout: { hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 2 : 0), vLineColor: () => '#999999', paddingLeft: () => 10 },
        margin: [0, 4, 0, 8],
      };
    }),
  ];

  const method: Content[] = [
    heading('tables.methodology'),
    ...methodologyNote(k, 'ja').map((p): Content => ({ text: p, margin: [0, 0, 0, 5] })),
    ...methodologyNote(k, 'en').map((p): Content => ({ text: p, margin: [0, 0, 0, 5], color: '#333333' })),
  ];

  return renderPdf({
    title: `${title} — ${options.organisationName}`,
    footerText: `${options.organisationName} · ${title} · ${evidence.from} – ${evidence.to}`,
    content: [...titlePage, heading('figures.heading'), keyFigures(evidence), ...charts, ...quoteBlocks, ...method],
  });
}
