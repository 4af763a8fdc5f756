import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../../server/test/factories';
import { tokyoDate } from '../../../../shared/time';
import type { Breakdowns, CampaignProgress, LapsedList, RecurringHealth, Register, RegisterPreparation, RegisterStatus, Retention } from '../contract';
import { seedHandWorked, type HandWorked } from './fundraising-reports.fixtures';
import { registerReminder } from './fundraising-reports.service';

// The routes over HTTP (app.inject): 401 / 403 / 400 first, then what a fundraiser gets, the files
// and their audit trail. The figures themselves are worked out in fundraising-reports.service.test.ts.

let env: TestEnv;
let fundraiser: TestStaff;
let fundraiserJa: TestStaff;
let admin: TestStaff;
let caseworker: TestStaff;
let data: HandWorked;
const BASE = '/api/fundraising/reports';

beforeAll(async () => {
  env = await createTestEnv();
  [fundraiser, fundraiserJa, admin, caseworker] = [await env.staff('fundraiser'), await env.staff('fundraiser', 'ja'), await env.staff('admin'), await env.staff('caseworker')];
  data = await seedHandWorked(env.handle.db, env.organisationId);
});
afterAll(async () => env.close());

const get = (url: string, staff?: TestStaff) => env.app.inject({ method: 'GET', url: `${BASE}${url}`, headers: staff?.headers ?? {} });
const json = <T>(res: { json: () => unknown }) => res.json() as T;
const problem = (res: { json: () => unknown }) => (res.json() as { error: { code: string; message: string; fields: Record<string, string> } }).error;
const csvCells = (body: string) => Papa.parse<string[]>(body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}
async function auditEvents(action: string) {
  return env.handle.db.selectFrom('audit_event').select(['action', 'entity_type', 'details', 'actor_staff_user_id'])
    .where('entity_type', '=', 'fundraising_report').where('action', '=', action).orderBy('id').execute();
}

const reportUrls = [
  '/lybunt?year=2026', '/lybunt.csv?year=2026', '/lybunt.xlsx?year=2026', '/sybunt?year=2026', '/sybunt.csv', '/sybunt.xlsx',
  '/retention', '/retention.csv', '/retention.xlsx', '/recurring', '/recurring.csv', '/recurring.xlsx',
  '/breakdowns', '/breakdowns.csv', '/breakdowns.xlsx', '/register', '/register.csv', '/register.xlsx', '/register/status',
];

describe('access', () => {
  it('is 401 without a login, 403 for a caseworker, 200 for a fundraiser and an administrator, on every report', async () => {
    const urls = [...reportUrls, `/campaigns/${data.summer}/progress`, `/campaigns/${data.summer}/progress.csv`, `/campaigns/${data.summer}/progress.xlsx`];
    for (const url of urls) {
      expect((await get(url)).statusCode, url).toBe(401);
      const refused = await get(url, caseworker);
      expect(refused.statusCode, url).toBe(403);
      expect(problem(refused).code).toBe('auth.forbidden');
      expect((await get(url, fundraiser)).statusCode, url).toBe(200);
    }
    expect((await get('/lybunt', admin)).statusCode).toBe(200);
  });

  it('records a preparation only for those who write fundraising data', async () => {
    const body = { yearKind: 'fiscal', year: 2025 };
    expect((await env.app.inject({ method: 'POST', url: `${BASE}/register/prepared`, payload: body })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url: `${BASE}/register/prepared`, headers: caseworker.headers, payload: body })).statusCode).toBe(403);
  });
});

describe('validation', () => {
  it('refuses a year that is not one, naming the field in the staff member\'s language', async () => {
    const en = await get('/lybunt?year=1999', fundraiser);
    expect(en.statusCode).toBe(400);
    expect(problem(en)).toMatchObject({ code: 'validation.failed', message: 'Please check these fields: Year', fields: { year: 'Year: enter a year such as 2026 (2000–2100)' } });
    const ja = await get('/breakdowns.csv?year=20266', fundraiserJa);
    expect(ja.statusCode).toBe(400);
    expect(problem(ja).fields).toEqual({ year: '年度: 2026 のように年を入力してください（2000〜2100）' });
    const text = await get('/register?year=abc', fundraiser);
    expect(text.statusCode).toBe(400);
    expect(Object.keys(problem(text).fields)).toEqual(['year']);
  });

  it('refuses unknown choices, reversed or too long ranges, and bad pages', async () => {
    expect(Object.keys(problem(await get('/lybunt?yearKind=lunar', fundraiser)).fields)).toEqual(['yearKind']);
    expect(Object.keys(problem(await get('/sybunt?sort=name', fundraiser)).fields)).toEqual(['sort']);
    expect(Object.keys(problem(await get('/lybunt?limit=0', fundraiser)).fields)).toEqual(['limit']);
    const reversed = await get('/retention?from=2026&to=2024', fundraiser);
    expect(reversed.statusCode).toBe(400);
    expect(problem(reversed).fields).toEqual({ to: 'To: must not be before the first year' });
    expect(problem(await get('/retention?from=2000&to=2030', fundraiser)).fields).toEqual({ to: 'To: too many years (at most 20)' });
    expect(Object.keys(problem(await get('/recurring?from=2026-01', fundraiser)).fields)).toEqual(['to']);
    expect(Object.keys(problem(await get('/recurring?from=2026-13&to=2026-12', fundraiser)).fields)).toEqual(['from']);
    expect(problem(await get('/recurring?from=2020-01&to=2026-12', fundraiser)).fields).toEqual({ to: 'To: too many months (at most 36)' });
    expect((await get('/campaigns/not-a-uuid/progress', fundraiser)).statusCode).toBe(400);
    const prepared = await env.app.inject({ method: 'POST', url: `${BASE}/register/prepared`, headers: fundraiser.headers, payload: { year: 1999 } });
    expect(prepared.statusCode).toBe(400);
    expect(Object.keys(problem(prepared).fields)).toEqual(['year']);
  });

  it('is 404 with a message for a campaign that does not exist', async () => {
    const res = await get('/campaigns/00000000-0000-4000-8000-000000000000/progress', fundraiser);
    expect(res.statusCode).toBe(404);
    expect(problem(res)).toMatchObject({ code: 'fundraising_reports.campaign_not_found', message: 'That campaign was not found.' });
  });
});

describe('the reports over HTTP', () => {
  it('LYBUNT and SYBUNT FY2026 (hand-worked in the service test: S2, S6 and S4, S5), audited as reads', async () => {
    const before = (await auditEvents('read')).length;
    const lybunt = json<LapsedList>(await get('/lybunt?yearKind=fiscal&year=2026', fundraiser));
    expect(lybunt.items.map((d) => [d.supporterNumber, d.name, d.lastGiftOn, d.lastGiftYen, d.lastYearYen, d.lifetimeYen])).toEqual([
      ['S-000002', '伊藤 花子', '2026-03-31', 30_000, 30_000, 50_000], ['S-000006', '加藤 美紀', '2025-11-01', 4_000, 4_000, 4_000],
    ]);
    const sybunt = json<LapsedList>(await get('/sybunt?year=2026&sort=lifetimeYen&order=asc&limit=1', fundraiser));
    expect(sybunt).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(sybunt.items.map((d) => d.supporterNumber)).toEqual(['S-000005']);
    const events = await auditEvents('read');
    expect(events.length).toBe(before + 2);
    expect(events.at(-1)).toMatchObject({ actor_staff_user_id: fundraiser.ctx.actor.staffUserId, details: { report: 'sybunt', format: 'view', year: 2026, total: 2 } });
  });

  it('retention, recurring, breakdowns and campaign progress answer with their declared shape', async () => {
    const retention = json<Retention>(await get('/retention?from=2024&to=2026', fundraiser));
    expect(retention.years.map((y) => [y.year, y.donors, y.new, y.retained, y.recaptured, y.lapsed])).toEqual([[2024, 3, 2, 1, 0, 2], [2025, 4, 2, 2, 0, 1], [2026, 5, 2, 2, 1, 2]]);
    const recurring = json<RecurringHealth>(await get('/recurring?from=2026-04&to=2026-11', fundraiser));
    expect(recurring).toMatchObject({ activeCommitments: 2, mrrYen: 3_833 });
    expect(recurring.missedPayments.map((m) => [m.supporterNumber, m.dueOn, m.amountYen])).toEqual([['S-000010', '2026-06-25', 2_000], ['S-000008', '2026-11-10', 5_000]]);
    const breakdowns = json<Breakdowns>(await get('/breakdowns?year=2026&top=1', fundraiser));
    expect(breakdowns.totals).toEqual({ gifts: 18, donors: 5, givingYen: 83_000, netYen: 33_000, averageGiftYen: 4_611 });
    expect(breakdowns.topGifts.map((g) => g.amountYen)).toEqual([25_000]);
    const progress = json<CampaignProgress>(await get(`/campaigns/${data.summer}/progress?interval=week`, fundraiser));
    expect(progress.points.map((p) => p.cumulativeYen).at(-1)).toBe(32_000);
  });

  it('the register status is the reminder rule applied to today', async () => {
    const status = json<RegisterStatus>(await get('/register/status', fundraiser));
    expect(status).toEqual(registerReminder('fiscal', tokyoDate(), null));
    const res = await env.app.inject({ method: 'POST', url: `${BASE}/register/prepared`, headers: fundraiser.headers, payload: { yearKind: 'fiscal', year: status.year } });
    expect(res.statusCode).toBe(201);
    expect(json<RegisterPreparation>(res)).toMatchObject({ preparedByName: 'fundraiser en' });
    const after = json<RegisterStatus>(await get('/register/status', fundraiser));
    expect(after).toMatchObject({ year: status.year, isDue: false, isOverdue: false });
    expect(after.prepared).not.toBeNull();
  });
});

describe('files', () => {
  it('the register as CSV: UTF-8 with BOM, bilingual headers, one row per gift, a formula-looking address neutralised; audited as an export', async () => {
    const before = (await auditEvents('export')).length;
    const res = await get('/register.csv?yearKind=fiscal&year=2025', fundraiser);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="fundraising-donor-register_fiscal2025.csv"');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const cells = csvCells(res.body);
    const header = cells.findIndex((r) => r[0] === '受領日 / Date received');
    expect(cells[header]).toEqual([
      '受領日 / Date received', '支援者番号 / Supporter number', '氏名・名称 / Name', 'フリガナ / Reading (katakana)', '郵便番号 / Postal code',
      '都道府県 / Prefecture', '市区町村 / City', '住所1 / Address line 1', '住所2 / Address line 2', '金額（円） / Amount (yen)',
    ]);
    const rows = cells.slice(header + 1, header + 6);
    expect(rows.map((r) => [r[0], r[1], r[9]])).toEqual([
      ['2025-04-01', 'S-000003', '8000'], ['2025-06-10', 'S-000001', '10000'], ['2025-09-01', 'S-000001', '5000'], ['2025-11-01', 'S-000006', '4000'], ['2026-03-31', 'S-000002', '30000'],
    ]);
    // The house CSV writer puts an apostrophe before a cell a spreadsheet would run.
    expect(rows[4]?.[8]).toBe("'=1+2 メゾン");
    expect(cells.some((r) => r[0] === '寄附者名簿 / Donor register')).toBe(true);
    const events = await auditEvents('export');
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ details: { report: 'donor_register', format: 'csv', year: 2025, total: 5 } });
  });

  it('the register as Excel: a sheet with a bilingual header, numbers as numbers, the address as text (never a formula)', async () => {
    const res = await get('/register.xlsx?year=2025', fundraiser);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要 About', '寄附者名簿 Donor register', '注記 Notes']);
    const sheet = wb.getWorksheet('寄附者名簿 Donor register');
    expect(sheet?.getRow(2).getCell(1).value).toBe('受領日 / Date received');
    const last = sheet?.getRow(7);
    expect(last?.getCell(2).value).toBe('S-000002');
    expect(last?.getCell(10).value).toBe(30_000);
    expect(last?.getCell(9).value).toBe('=1+2 メゾン');
    expect(last?.getCell(9).type).toBe(ExcelJS.ValueType.String);
    expect(last?.getCell(9).formula).toBeUndefined();
    expect((await auditEvents('export')).at(-1)).toMatchObject({ details: { report: 'donor_register', format: 'xlsx' } });
  });

  it('each report as CSV and Excel with bilingual headers and the figures of the page', async () => {
    const lybunt = csvCells((await get('/lybunt.csv?year=2026', fundraiser)).body);
    const head = lybunt.findIndex((r) => r[0] === '支援者番号 / Supporter number');
    expect(lybunt[head]?.[4]).toBe('最終寄付額（円） / Last gift (yen)');
    expect(lybunt.slice(head + 1, head + 3).map((r) => [r[0], r[1], r[5], r[6]])).toEqual([['S-000002', '伊藤 花子', '30000', '50000'], ['S-000006', '加藤 美紀', '4000', '4000']]);

    const retention = csvCells((await get('/retention.csv?from=2024&to=2026', fundraiser)).body);
    const rHead = retention.findIndex((r) => r[0] === '年度 / Year' && r[1] === '開始日 / From');
    // FY2026: donor retention 2/4 = 50.0 %, value retention 21,000 / 57,000 = 36.8 %.
    expect(retention[rHead + 3]?.slice(0, 4)).toEqual(['2026', '2026-04-01', '2027-03-31', '5']);
    expect(retention[rHead + 3]?.slice(13)).toEqual(['50', '36.8']);

    const recurring = csvCells((await get('/recurring.csv?from=2026-04&to=2026-11', fundraiser)).body);
    expect(recurring.find((r) => r[0] === '2026-08')?.slice(0, 4)).toEqual(['2026-08', '3', '1', '33.3']);
    expect(recurring.find((r) => r[0] === '2026-06-25')).toEqual(['2026-06-25', 'S-000010', '田中 愛', 'タナカ アイ', '2000', '毎月 / Monthly', 'クレジットカード / Card', '有効 / Active']);

    const breakdowns = csvCells((await get('/breakdowns.csv?year=2026', fundraiser)).body);
    expect(breakdowns.find((r) => r[0] === '夏の緊急募金 / Summer emergency appeal')).toEqual(['夏の緊急募金 / Summer emergency appeal', 'summer-2026', '3', '2', '32000', '32000']);
    expect(breakdowns.find((r) => r[0] === 'キャンペーンなし / No campaign')?.slice(2)).toEqual(['15', '5', '51000', '1000']);
    expect(breakdowns.find((r) => r[0] === '不明 / Unknown' && r[2] === '8')?.slice(4)).toEqual(['20000', '20000']);

    const xlsx = await workbook((await get('/breakdowns.xlsx?year=2026', fundraiser)).rawPayload);
    expect(xlsx.worksheets.map((w) => w.name)).toEqual(['概要 About', 'キャンペーン別 By campaign', '基金別 By fund', '方法別 By method', '都道府県別 By prefecture', '高額寄付 Top gifts', '注記 Notes']);
    const funds = xlsx.getWorksheet('基金別 By fund');
    expect(funds?.getRow(2).getCell(5).value).toBe('寄付額（円） / Giving (yen)');
    expect([funds?.getRow(3).getCell(1).value, funds?.getRow(3).getCell(5).value, funds?.getRow(3).getCell(6).value]).toEqual(['一般寄付 / General fund', 42_000, -8_000]);

    const campaign = csvCells((await get(`/campaigns/${data.summer}/progress.csv?interval=week`, fundraiser)).body);
    expect(campaign.find((r) => r[0] === '2026-08-03')?.slice(0, 4)).toEqual(['2026-08-03', '1', '25000', '32000']);
    for (const url of ['/lybunt.xlsx?year=2026', '/sybunt.xlsx?year=2026', '/retention.xlsx', '/recurring.xlsx', `/campaigns/${data.summer}/progress.xlsx`]) {
      const wb = await workbook((await get(url, fundraiser)).rawPayload);
      expect(wb.worksheets[0]?.name, url).toBe('概要 About');
      expect(wb.worksheets[1]?.getRow(2).getCell(1).value, url).toMatch(/ \/ /);
    }
  });

  it('a name a spreadsheet would run stays text in the LYBUNT CSV', async () => {
    // A supporter whose name starts with "=": the CSV cell gets the apostrophe, the name in the page does not.
    const db = env.handle.db;
    const s = await db.insertInto('supporter').values({ organisation_id: env.organisationId, supporter_number: 'S-000099', kind: 'individual', honorific: 'sama', family_name: '=HYPERLINK("http://x")', given_name: '' })
      .returning('id').executeTakeFirstOrThrow();
    await db.insertInto('gift').values({ organisation_id: env.organisationId, supporter_id: s.id, amount_yen: 1_000, received_on: '2025-05-05', method: 'cash', fund_id: data.funds.general, status: 'received' }).execute();
    const page = json<LapsedList>(await get('/lybunt?year=2026&sort=lifetimeYen&order=asc', fundraiser));
    expect(page.items[0]?.name).toBe('=HYPERLINK("http://x")');
    const cells = csvCells((await get('/lybunt.csv?year=2026&sort=lifetimeYen&order=asc', fundraiser)).body);
    expect(cells.find((r) => r[0] === 'S-000099')?.[1]).toBe('\'=HYPERLINK("http://x")');
  });

  it('the register page reports its preparation', async () => {
    const register = json<Register>(await get('/register?year=2026&limit=2', fundraiser));
    expect(register).toMatchObject({ year: 2026, total: 17, limit: 2 });
    expect(register.items).toHaveLength(2);
  });
});
