import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_FORMULA_START } from '../../../server/http/csv';
import { readPdf, squash } from '../../../server/test/pdf-text';
import { Evidence } from '../contract';
import { band } from '../suppression';
import { evidenceBriefPdf, evidenceCsv, evidenceFileName, evidenceXlsx, methodologyNote } from './advocacy.export';

const K = 5;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const ids = {
  allowance: '11111111-1111-4111-8111-111111111111',
  shelter: '22222222-2222-4222-8222-222222222222',
  language: '33333333-3333-4333-8333-333333333333',
  formula: '44444444-4444-4444-8444-444444444444',
  quoteAllowance: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  quoteShelter: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  quoteUnselected: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
};
const FORMULA = '=HYPERLINK("http://x","y")';

/** Monthly counts of people banded as the service publishes them. */
const banded = (counts: number[]) => counts.map((n) => band(n, K));
const monthly = (counts: number[], total: number) => ({ months: banded(counts), total: band(total, K) });
const days = (people: number, median: number | null, p90: number | null, longest: number | null) => ({ people: band(people, K), medianDays: median, p90Days: p90, longestDays: longest });
const barrier = (barrierId: string, code: string, labelJa: string, labelEn: string, counts: number[], total: number, isRetired = false) =>
  ({ barrierId, code, labelJa, labelEn, isRetired, months: banded(counts), total: band(total, K) });

/** A year of evidence as the service would publish it (k = 5), checked against the contract. */
const evidence = Evidence.parse({
  from: '2026-01',
  to: '2026-12',
  months: MONTHS,
  minimumCell: K,
  barrierId: null,
  barriers: [
    barrier(ids.allowance, 'b01', '保護費の遅延・不支給', 'Protection-allowance delay or denial', [12, 14, 11, 9, 8, 10, 13, 15, 12, 11, 17, 21], 64),
    barrier(ids.shelter, 'b02', '住居喪失・シェルター不足', 'Homelessness, shelter shortage', [6, 7, 5, 3, 2, 4, 5, 6, 8, 9, 12, 16], 41),
    barrier(ids.language, 'b10', '言語・通訳の壁', 'Language and interpretation gaps', [2, 0, 3, 1, 4, 2, 0, 1, 3, 2, 4, 3], 13),
    barrier(ids.formula, 'b99', '@SUM(A1)', FORMULA, [0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 1], 3, true),
  ],
  anyBarrier: monthly([16, 18, 15, 12, 11, 14, 17, 19, 18, 17, 24, 30], 88),
  breakdowns: {
    nationality: [{ group: 'CM', isFolded: false, people: band(23, K) }, { group: 'ET', isFolded: false, people: band(14, K) }, { group: 'unknown', isFolded: false, people: band(6, K) }, { group: null, isFolded: true, people: band(9, K) }],
    sex: [{ group: 'male', isFolded: false, people: band(51, K) }, { group: 'female', isFolded: false, people: band(33, K) }, { group: null, isFolded: true, people: band(4, K) }],
    ageBand: [{ group: '30-44', isFolded: false, people: band(40, K) }, { group: '18-29', isFolded: false, people: band(31, K) }, { group: null, isFolded: true, people: band(3, K) }],
    residenceStatus: [{ group: 'designated_no_work', isFolded: false, people: band(44, K) }, { group: 'temporary_visitor', isFolded: false, people: band(21, K) }, { group: null, isFolded: true, people: band(2, K) }],
    procedureStage: [{ group: 'first_instance', isFolded: false, people: band(50, K) }, { group: 'review_pending', isFolded: false, people: band(27, K) }],
  },
  allowanceWaits: MONTHS.map((month, i) => ({ month, ...(i < 2 ? days(3, null, null, null) : days(6 + i, 40 + i, 70 + i, 90 + i)) })),
  allowanceWaitingNow: days(17, 52, 88, 121),
  roughNightsBeforeBed: days(4, null, null, null),
  shelterTurnAways: monthly([3, 4, 2, 0, 0, 1, 2, 3, 5, 6, 8, 9], 33),
  deadlinesMissed: monthly([1, 0, 2, 1, 0, 0, 1, 2, 1, 0, 1, 3], 12),
  consultationsWithoutInterpreter: monthly([2, 3, 1, 2, 4, 2, 1, 3, 2, 1, 2, 2], 19),
  quotes: [
    { id: ids.quoteAllowance, barrierId: ids.allowance, month: '2026-03', quote: '申請から3か月たっても、保護費は一円も届いていません。' },
    { id: ids.quoteShelter, barrierId: ids.shelter, month: '2026-11', quote: 'I slept in the park for two weeks before a bed was free.' },
    { id: ids.quoteUnselected, barrierId: ids.allowance, month: '2026-12', quote: '=1+1 窓口で「また来週来てください」と言われただけでした。' },
  ],
});

const csvCells = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('methodologyNote', () => {
  it('states the bands, the folding and why differencing cannot reveal a small count, for the k in use', () => {
    const en = methodologyNote(7, 'en').join('\n');
    expect(en).toContain('"< 7"');
    expect(en).toContain('7–13');
    expect(en).toContain('14–20');
    expect(en).toContain('Asia/Tokyo');
    expect(en).toMatch(/fewer than 7 people are combined into one "Other" row/);
    expect(en).toMatch(/overlapping period/);
    expect(en).toMatch(/lower end/);
    const ja = methodologyNote(7, 'ja').join('\n');
    expect(ja).toContain('「< 7」');
    expect(ja).toContain('7–13');
    expect(ja).toContain('その他');
    expect(ja).not.toMatch(/\{\{|\}\}/);
  });
});

describe('evidenceCsv', () => {
  const csv = evidenceCsv(evidence, {});
  const rows = csvCells(csv);
  const cells = rows.flat();

  it('is UTF-8 with a BOM and bilingual headers, counts written as their bands', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const header = rows.find((r) => r[0] === '障壁 / Barrier');
    expect(header).toEqual(['障壁 / Barrier', 'コード / Code', ...MONTHS, '期間全体 / Whole period']);
    const allowance = rows.find((r) => r[0] === '保護費の遅延・不支給 / Protection-allowance delay or denial');
    expect(allowance).toEqual(['保護費の遅延・不支給 / Protection-allowance delay or denial', 'b01', '10–14', '10–14', '10–14', '5–9', '5–9', '10–14', '10–14', '15–19', '10–14', '10–14', '15–19', '20–24', '60–64']);
    const language = rows.find((r) => r[1] === 'b10');
    expect(language?.slice(2, 4)).toEqual(['< 5', '0']);
  });

  it('names breakdown groups in both languages, with the small groups folded into その他 / Other', () => {
    expect(rows).toContainEqual(['カメルーン / Cameroon', 'CM', '20–24']);
    expect(rows).toContainEqual(['不明 / Unknown', 'unknown', '5–9']);
    expect(rows).toContainEqual(['その他 / Other', '', '5–9']);
    expect(rows).toContainEqual(['男性 / Male', 'male', '50–54']);
    expect(rows).toContainEqual(['特定活動(就労不可) / Designated activities (no work)', 'designated_no_work', '40–44']);
    expect(rows).toContainEqual(['一次審査中 / First instance pending', 'first_instance', '50–54']);
    // Days are shown only for groups of at least k people.
    expect(rows).toContainEqual(['2026-01', '< 5', '非表示（5人未満） / not shown (fewer than 5 people)', '非表示（5人未満） / not shown (fewer than 5 people)', '非表示（5人未満） / not shown (fewer than 5 people)']);
    expect(rows).toContainEqual(['2026-12', '15–19', '51', '81', '101']);
  });

  it('writes no cell a spreadsheet would run as a formula', () => {
    expect(cells).toContain(`'@SUM(A1)（廃止） / ${FORMULA} (retired)`);
    expect(cells).toContain('\'=1+1 窓口で「また来週来てください」と言われただけでした。');
    for (const cell of cells) expect(cell, cell).not.toMatch(CSV_FORMULA_START);
  });

  it('adds a row of HXL hashtags under each header only when asked', () => {
    expect(cells.some((c) => c.startsWith('#'))).toBe(false);
    const hxl = csvCells(evidenceCsv(evidence, { hxl: true }));
    const barrierHeader = hxl.findIndex((r) => r[0] === '障壁 / Barrier');
    expect(hxl[barrierHeader + 1]).toEqual(['#indicator+barrier+name', '#indicator+barrier+code', ...MONTHS.map((m) => `#affected+ind+band+m${m.replace('-', '_')}`), '#affected+ind+band+total']);
    const monthHeaders = hxl.flatMap((r, i) => (r[0] === '月 / Month' ? [i] : []));
    expect(monthHeaders).toHaveLength(5);
    for (const i of monthHeaders) expect(hxl[i + 1]?.[0]).toBe('#date+month');
    const nationality = hxl.findIndex((r) => r[0] === '国籍 / Nationality');
    expect(hxl[nationality + 1]).toEqual(['#country+name', '#country+code', '#affected+ind+band']);
  });

  it('ends with the method note in both languages', () => {
    const last = rows.slice(-12).flat().join('\n');
    expect(rows.at(-13)).toEqual(['集計方法と少人数の保護 / Method and small-cell protection']);
    expect(last).toContain('"< 5"');
    expect(last).toContain('「< 5」');
  });
});

describe('evidenceXlsx', () => {
  it('has a sheet per table and the method, bands kept as text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await evidenceXlsx(evidence)) as unknown as ExcelJS.Buffer);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual([
      '概要 About', '障壁別 By barrier', '障壁あり Any barrier', '国籍別 By nationality', '性別 By sex', '年齢層別 By age band',
      '在留資格別 By residence status', '手続段階別 By procedure stage', '保護費待ち Allowance waits', '現在の待ち Waiting now',
      '入所前の野宿 Nights rough', '入所不可 Shelter turn-aways', '期限超過 Deadlines missed', '通訳なし No interpreter', '当事者の声 Quotes', '方法 Method',
    ]);
    for (const name of names) expect(name).toMatch(/^[^:\\/?*[\]]{1,31}$/);
    const sheet = workbook.getWorksheet('障壁別 By barrier');
    expect(sheet?.getRow(2).getCell(1).value).toBe('障壁 / Barrier');
    expect(sheet?.getRow(3).getCell(3).value).toBe('10–14');
    expect(sheet?.getRow(5).getCell(3).value).toBe('< 5');
    // The formula-looking label is a text cell, not a formula.
    expect(sheet?.getRow(6).getCell(1).type).toBe(ExcelJS.ValueType.String);
    const method = workbook.getWorksheet('方法 Method');
    expect(String(method?.getRow(3).getCell(1).value)).toContain('「< 5」');
  });
});

describe('evidenceBriefPdf', () => {
  const brief = (barrierIds: string[]) => evidenceBriefPdf(evidence, {
    barrierIds,
    quoteIds: [ids.quoteAllowance, ids.quoteShelter, 'dddddddd-dddd-4ddd-8ddd-dddddddddddd'],
    organisationName: 'NPO法人 とびら支援ネット',
    generatedAt: new Date('2026-12-31T16:30:00Z'),
  });

  it('is a bilingual brief: title page, key figures, charts in the Japanese font, chosen quotes, method', async () => {
    const pdf = await readPdf(await brief([ids.allowance, ids.language]));
    const text = pdf.squashed;
    expect(text).toContain('制度的障壁に関する資料');
    expect(text).toContain(squash('Systemic barriers: evidence brief'));
    expect(text).toContain(squash('NPO法人 とびら支援ネット'));
    expect(text).toContain('2026年1月〜2026年12月');
    expect(text).toContain(squash('January 2026 – December 2026'));
    // Generated at 01:30 on 1 January in Tokyo, though still 31 December in UTC.
    expect(text).toContain('2027年1月1日');
    expect(text).toContain(squash('1 January 2027'));
    // Key figures: people with any barrier, waiting now with the median.
    expect(text).toContain('85–89');
    expect(text).toContain('中央値52日');
    expect(text).toContain(squash('median 52 days'));
    expect(text).toContain(squash('I slept in the park for two weeks before a bed was free.'));
    expect(text).toContain('申請から3か月たっても、保護費は一円も届いていません。');
    expect(text).not.toContain('また来週来てください');
    expect(text).toContain(squash(methodologyNote(K, 'ja')[1] ?? ''));
    expect(text).toContain(squash(methodologyNote(K, 'en')[5] ?? ''));
    expect(pdf.embeddedFonts).toEqual([expect.stringMatching(/^[A-Z]{6}\+NotoSansJP-Bold$/), expect.stringMatching(/^[A-Z]{6}\+NotoSansJP-Regular$/)]);
  });

  it('draws each chosen barrier\'s chart with its Japanese label, read back from the PDF', async () => {
    const label = '言語・通訳の壁';
    const count = (text: string) => text.split(label).length - 1;
    const without = await readPdf(await brief([]));
    const withChart = await readPdf(await brief([ids.language]));
    // The figure's heading and the chart's legend (SVG text, drawn in Noto Sans JP).
    expect(count(withChart.squashed) - count(without.squashed)).toBe(2);
    expect(withChart.squashed).toContain(squash('人数 / People'));
    expect(withChart.squashed).toContain('1月Jan2026');
  });
});

describe('evidenceFileName', () => {
  it('names the file by its period', () => {
    expect(evidenceFileName(evidence, 'csv')).toBe('advocacy-evidence_2026-01_2026-12.csv');
    expect(evidenceFileName(evidence, 'pdf')).toBe('advocacy-evidence_2026-01_2026-12.pdf');
  });
});
