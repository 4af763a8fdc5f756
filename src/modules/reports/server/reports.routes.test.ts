import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';
import type { CreateAssistanceInput } from '../../assistance/contract';

let env: TestEnv;
const today = tokyoDate();
/** The day `n` days before today, YYYY-MM-DD. */
const ago = (n: number) => dayjs(today).subtract(n, 'day').format('YYYY-MM-DD');
const from = ago(20);
const to = today;
const url = (path: string, q = `from=${from}&to=${to}`) => `/api/reports/${path}?${q}`;

const ids: { p1: string; p2: string; line: string } = { p1: '', p2: '', line: '' };

/**
 * The office's last three weeks, built through the services where they exist (people, visits,
 * consultations, aid) and with direct inserts for the shelter tables and one past date each
 * (the shelter module is another's; the services only record "today" for visits).
 *
 * In the range [today-20, today]:
 *  P1 (female, CD): visits today-3 and today; a winter coat today-2; a medical fee ¥3,000 without a
 *    line today; a stay today-10 → checked out today-7 (3 nights); a hotel today-5, 2 nights, ¥16,000
 *    on the fares line; and, through P3 merged into P1, a hygiene kit today-1.
 *  P2 (male, ET): a visit today; a consultation; 2 hygiene kits today; a fare ¥1,280 on the fares
 *    line today; a stay today-25 → out today-18 (2 nights in range: today-20, today-19); a stay from
 *    today-1 still open until today+5 (2 nights so far: today-1, today); a net café today-21 for 3
 *    nights, ¥6,000 (2 nights in range; its money counts on today-21, outside).
 *  P4: only a visit today-30 and cash ¥5,000 today-25: outside the range, not counted.
 */
async function setUp() {
  const caseworker = await env.staff('caseworker');
  const reception = await env.staff('reception');
  const db = env.handle.db;
  const staffId = caseworker.ctx.actor.staffUserId;
  const coordinator = await env.staff('coordinator');
  ids.line = (await env.services.budgets.createLine(coordinator.ctx, { nameJa: '交通費基金', nameEn: 'Fares fund', monthlyAmountYen: 50_000, sortOrder: 1 })).id;

  const p1 = await makePerson(env, { sex: 'female', nationality: 'CD' });
  const p2 = await makePerson(env, { sex: 'male', nationality: 'ET' });
  const p3 = await makePerson(env, { sex: 'unknown' });
  const p4 = await makePerson(env, { sex: 'male', nationality: 'CD' });
  ids.p1 = p1.id;
  ids.p2 = p2.id;

  const visit = async (personId: string, on: string) => {
    const v = await env.services.reception.checkIn(reception.ctx, { personId, reason: '', priority: 'normal', priorityReasons: [] });
    if (on !== today) await db.updateTable('visit').set({ visit_date: on, status: 'done' }).where('id', '=', v.id).execute();
  };
  await visit(p1.id, ago(3));
  await visit(p1.id, today);
  await visit(p2.id, today);
  await visit(p4.id, ago(30));
  await env.services.consultations.create(caseworker.ctx, { personId: p2.id, mode: 'in_person', topics: [], note: '', needs: '', actions: '' });

  // Coats are stock-tracked: put some in the default location first.
  const location = await db.selectFrom('stock_location').select('id').where('organisation_id', '=', env.organisationId).where('is_default', '=', true).executeTakeFirstOrThrow();
  await db.insertInto('stock_level').values({ organisation_id: env.organisationId, item_code: 'winter_coat', location_id: location.id, size: '', quantity: 5 }).execute();
  const give = (input: Partial<CreateAssistanceInput> & Pick<CreateAssistanceInput, 'personId' | 'itemCode'>) =>
    env.services.assistance.give(caseworker.ctx, { quantity: 1, note: '', ...input });
  await give({ personId: p1.id, itemCode: 'winter_coat', givenOn: ago(2) });
  await give({ personId: p1.id, itemCode: 'medical_fee', amountYen: 3_000, givenOn: today });
  await give({ personId: p3.id, itemCode: 'hygiene_kit', givenOn: ago(1) });
  await give({ personId: p2.id, itemCode: 'hygiene_kit', quantity: 2, givenOn: today });
  await give({ personId: p2.id, itemCode: 'transport_fare', amountYen: 1_280, budgetLineId: ids.line, givenOn: today });
  await give({ personId: p4.id, itemCode: 'cash', amountYen: 5_000, givenOn: ago(25) });
  // P3 turns out to be P1: merged files count as their survivor.
  await db.updateTable('person').set({ merged_into_id: p1.id }).where('id', '=', p3.id).execute();

  const facility = await db.insertInto('shelter_facility').values({ organisation_id: env.organisationId, name_ja: '第一シェルター', name_en: 'Shelter 1' }).returning('id').executeTakeFirstOrThrow();
  const room = await db.insertInto('shelter_room').values({ organisation_id: env.organisationId, facility_id: facility.id, name: '101', allowed_use: 'any' }).returning('id').executeTakeFirstOrThrow();
  const [bed1, bed2] = await db.insertInto('shelter_bed').values([
    { organisation_id: env.organisationId, room_id: room.id, label: 'A' },
    { organisation_id: env.organisationId, room_id: room.id, label: 'B' },
  ]).returning('id').execute();
  const stay = (personId: string, bedId: string, checkInOn: string, expectedCheckOutOn: string, checkedOutOn: string | null) =>
    db.insertInto('shelter_stay').values({
      organisation_id: env.organisationId, person_id: personId, bed_id: bedId, check_in_on: checkInOn,
      expected_check_out_on: expectedCheckOutOn, checked_out_on: checkedOutOn, created_by: staffId,
    }).execute();
  await stay(p1.id, bed1!.id, ago(10), ago(5), ago(7));
  await stay(p2.id, bed2!.id, ago(25), ago(18), ago(18));
  await stay(p2.id, bed2!.id, ago(1), dayjs(today).add(5, 'day').format('YYYY-MM-DD'), null);

  const lodging = (personId: string, kind: 'hotel' | 'net_cafe', firstNightOn: string, nights: number, costYen: number, budgetLineId: string | null) =>
    db.insertInto('paid_lodging').values({ organisation_id: env.organisationId, person_id: personId, kind, first_night_on: firstNightOn, nights, cost_yen: costYen, budget_line_id: budgetLineId, recorded_by: staffId }).execute();
  await lodging(p1.id, 'hotel', ago(5), 2, 16_000, ids.line);
  await lodging(p2.id, 'net_cafe', ago(21), 3, 6_000, null);
}

beforeAll(async () => {
  env = await createTestEnv();
  await setUp();
});
afterAll(async () => env?.close());

describe('GET /api/reports/summary (and its exports)', () => {
  it('answers 401, 403 and 400 naming the field', async () => {
    const caseworker = await env.staff('caseworker', 'ja');
    const reception = await env.staff('reception');
    for (const path of ['summary', 'summary.csv', 'summary.xlsx']) {
      expect((await env.app.inject({ method: 'GET', url: url(path) })).statusCode).toBe(401);
      expect((await env.app.inject({ method: 'GET', url: url(path), headers: reception.headers })).statusCode).toBe(403);
      const backwards = await env.app.inject({ method: 'GET', url: url(path, 'from=2026-03-01&to=2026-02-28'), headers: caseworker.headers });
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().error.fields).toEqual({ to: '終了日: 開始日より前の日付は指定できません' });
    }
    const bad = async (q: string) => {
      const res = await env.app.inject({ method: 'GET', url: url('summary', q), headers: caseworker.headers });
      expect(res.statusCode).toBe(400);
      return Object.keys(res.json().error.fields);
    };
    expect(await bad('from=2024-01-01&to=2026-01-02')).toEqual(['to']);
    expect(await bad('from=2026-02-30&to=2026-03-01')).toEqual(['from']);
    expect(await bad('from=2026-01-01')).toEqual(['to']);
    expect(await bad('month=2026-13')).toEqual(['month']);
    expect(await bad('month=2026-01&from=2026-01-01&to=2026-01-31')).toEqual(['month']);
    expect(await bad(`${'from=2026-01-01&to=2026-01-31'}&groupBy=week`)).toEqual(['groupBy']);
    // Exactly two years (731 days, a leap day included) is accepted.
    expect((await env.app.inject({ method: 'GET', url: url('summary', 'from=2024-01-01&to=2025-12-31'), headers: caseworker.headers })).statusCode).toBe(200);
  });

  it('counts people, visits, consultations, aid, nights and money in the range, by nationality and sex', async () => {
    const coordinator = await env.staff('coordinator');
    const res = await env.app.inject({ method: 'GET', url: url('summary'), headers: coordinator.headers });
    expect(res.statusCode).toBe(200);
    const { figures, months } = res.json();
    expect(months).toBeNull();
    expect(figures).toMatchObject({ peopleHelped: 2, visits: 3, consultations: 1, aidQuantity: 6, nights: { shelter: 7, paidLodging: 4, total: 11 }, moneyTotalYen: 20_280 });
    expect(figures.aidByItem).toEqual([
      { itemCode: 'winter_coat', nameJa: '冬用コート', nameEn: 'Winter coat', category: 'clothing', quantity: 1, people: 1, amountYen: 0 },
      { itemCode: 'hygiene_kit', nameJa: '衛生用品セット', nameEn: 'Hygiene kit', category: 'hygiene', quantity: 3, people: 2, amountYen: 0 },
      { itemCode: 'transport_fare', nameJa: '交通費', nameEn: 'Transport fare', category: 'transport', quantity: 1, people: 1, amountYen: 1_280 },
      { itemCode: 'medical_fee', nameJa: '医療費支援', nameEn: 'Medical fee support', category: 'money', quantity: 1, people: 1, amountYen: 3_000 },
    ]);
    const categories = Object.fromEntries(figures.aidByCategory.map((c: { category: string }) => [c.category, c]));
    expect(categories).toEqual({
      clothing: { category: 'clothing', quantity: 1, people: 1, amountYen: 0 },
      hygiene: { category: 'hygiene', quantity: 3, people: 2, amountYen: 0 },
      transport: { category: 'transport', quantity: 1, people: 1, amountYen: 1_280 },
      money: { category: 'money', quantity: 1, people: 1, amountYen: 3_000 },
    });
    expect(figures.moneyByLine).toEqual([
      { lineId: ids.line, nameJa: '交通費基金', nameEn: 'Fares fund', aidYen: 1_280, lodgingYen: 16_000, totalYen: 17_280 },
      { lineId: null, nameJa: null, nameEn: null, aidYen: 3_000, lodgingYen: 0, totalYen: 3_000 },
    ]);
    expect(figures.byNationality).toEqual(expect.arrayContaining([
      { nationality: 'CD', peopleHelped: 1, visits: 2, aidQuantity: 3, nights: 5, isFolded: false },
      { nationality: 'ET', peopleHelped: 1, visits: 1, aidQuantity: 3, nights: 6, isFolded: false },
    ]));
    expect(figures.byNationality).toHaveLength(2);
    expect(figures.bySex).toEqual(expect.arrayContaining([
      { sex: 'female', peopleHelped: 1, visits: 2, aidQuantity: 3, nights: 5, isFolded: false },
      { sex: 'male', peopleHelped: 1, visits: 1, aidQuantity: 3, nights: 6, isFolded: false },
    ]));
    expect(figures.bySex).toHaveLength(2);
  });

  it('clips nights to the range end, and splits the figures per month with groupBy=month', async () => {
    const coordinator = await env.staff('coordinator');
    // Ending yesterday: P2's open stay gives 1 night (today-1), the hotel still 2, today's visits and aid drop out.
    const yesterday = (await env.app.inject({ method: 'GET', url: url('summary', `from=${from}&to=${ago(1)}`), headers: coordinator.headers })).json();
    expect(yesterday.figures).toMatchObject({ peopleHelped: 2, visits: 1, consultations: 0, nights: { shelter: 6, paidLodging: 4, total: 10 } });
    const grouped = (await env.app.inject({ method: 'GET', url: url('summary', `from=${from}&to=${to}&groupBy=month`), headers: coordinator.headers })).json();
    const expectedMonths = [...new Set([from.slice(0, 7), to.slice(0, 7)])];
    expect(grouped.months.map((m: { month: string }) => m.month)).toEqual(expectedMonths);
    expect(grouped.months[0].from).toBe(from);
    expect(grouped.months.at(-1).to).toBe(to);
    const sum = (pick: (f: { visits: number; nights: { total: number }; moneyTotalYen: number }) => number) =>
      grouped.months.reduce((s: number, m: { figures: Parameters<typeof pick>[0] }) => s + pick(m.figures), 0);
    expect(sum((f) => f.visits)).toBe(3);
    expect(sum((f) => f.nights.total)).toBe(11);
    expect(sum((f) => f.moneyTotalYen)).toBe(20_280);
    // A month's report: the whole calendar month.
    const month = (await env.app.inject({ method: 'GET', url: url('summary', `month=${today.slice(0, 7)}`), headers: coordinator.headers })).json();
    expect(month.from).toBe(`${today.slice(0, 7)}-01`);
    expect(month.figures.visits).toBeGreaterThanOrEqual(2);
  });

  it('hides counts of fewer than 5 people from roles outside case work (fundraiser, viewer), in the API and the exports', async () => {
    for (const role of ['fundraiser', 'viewer'] as const) {
      const staff = await env.staff(role);
      const res = await env.app.inject({ method: 'GET', url: url('summary', `from=${today}&to=${today}`), headers: staff.headers });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.suppression, role).toEqual({ minimumCell: 5 });
      // Two people today: the total is hidden, and no nationality or sex names a group of 1 or 2.
      expect(body.figures.peopleHelped, role).toBeNull();
      expect(body.figures.byNationality).toEqual([{ nationality: null, peopleHelped: null, visits: null, aidQuantity: null, nights: null, isFolded: true }]);
      for (const g of body.figures.bySex) expect(g.isFolded || g.peopleHelped === 0 || g.peopleHelped >= 5, JSON.stringify(g)).toBe(true);
      for (const a of [...body.figures.aidByItem, ...body.figures.aidByCategory]) expect(a.people === null || a.people === 0 || a.people >= 5).toBe(true);
      const csv = await env.app.inject({ method: 'GET', url: url('summary.csv', `from=${today}&to=${today}`), headers: staff.headers });
      const rows = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      expect(rows, role).toContainEqual(['人数 / People helped', '5人未満 / fewer than 5']);
      expect(rows.find((r) => r[0]?.includes('(CD)') || r[0]?.includes('(ET)')), role).toBeUndefined();
      expect(rows).toContainEqual(['その他（5人未満の集団をまとめたもの） / Other (groups of fewer than 5 combined)', '5人未満 / fewer than 5', '5人未満 / fewer than 5', '5人未満 / fewer than 5', '5人未満 / fewer than 5']);
    }
    // The roles that work with the people see the same day exactly.
    const coordinator = await env.staff('coordinator');
    const exact = (await env.app.inject({ method: 'GET', url: url('summary', `from=${today}&to=${today}`), headers: coordinator.headers })).json();
    expect(exact.suppression).toBeNull();
    expect(exact.figures.peopleHelped).toBe(2);
  });

  it('exports CSV (UTF-8 with BOM, bilingual headers) and Excel (one sheet per table), each export audited', async () => {
    const coordinator = await env.staff('coordinator');
    const csv = await env.app.inject({ method: 'GET', url: url('summary.csv'), headers: coordinator.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="tobira-report_${from}_${to}.csv"`);
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['概要 / Summary']);
    expect(rows[1]).toEqual(['項目 / Figure', '値 / Value']);
    expect(rows).toContainEqual(['人数 / People helped', '2']);
    expect(rows).toContainEqual(['宿泊数（合計） / Nights (total)', '11']);
    expect(rows).toContainEqual(['品目 / Item', '分類 / Category', '数量 / Quantity', '人数 / People', '金額（円） / Amount (yen)']);
    expect(rows).toContainEqual(['衛生用品セット / Hygiene kit', '衛生用品 / Hygiene', '3', '2', '0']);
    expect(rows).toContainEqual(['交通費基金 / Fares fund', '1280', '16000', '17280']);
    expect(rows.find((r) => r[0]?.includes('(CD)'))).toEqual(['コンゴ民主共和国(キンシャサ) / Congo - Kinshasa (CD)', '1', '2', '3', '5']);

    const xlsx = await env.app.inject({ method: 'GET', url: url('summary.xlsx', `from=${from}&to=${to}&groupBy=month`), headers: coordinator.headers });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="tobira-report_${from}_${to}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概要 Summary', '品目別 By item', '分類別 By category', '予算別 By budget line', '国籍別 By nationality', '性別 By sex', '月別 By month']);
    const summary = workbook.getWorksheet('概要 Summary')!;
    expect(summary.getRow(1).values).toEqual([undefined, '項目 / Figure', '値 / Value']);
    const people = summary.getRows(2, summary.rowCount - 1)!.find((r) => r.getCell(1).value === '人数 / People helped');
    expect(people?.getCell(2).value).toBe(2);
    const bySex = workbook.getWorksheet('性別 By sex')!;
    expect(bySex.getRow(1).getCell(1).value).toBe('性別 / Sex');
    const female = bySex.getRows(2, bySex.rowCount - 1)!.find((r) => r.getCell(1).value === '女性 / Female');
    expect(female?.getCell(5).value).toBe(5);

    const audited = await env.handle.db.selectFrom('audit_event').select(['action', 'entity_type', 'details', 'actor_staff_user_id'])
      .where('action', '=', 'export').where('actor_staff_user_id', '=', coordinator.ctx.actor.staffUserId).orderBy('id').execute();
    expect(audited).toEqual([
      { action: 'export', entity_type: 'report', details: { from, to, format: 'csv' }, actor_staff_user_id: coordinator.ctx.actor.staffUserId },
      { action: 'export', entity_type: 'report', details: { from, to, format: 'xlsx' }, actor_staff_user_id: coordinator.ctx.actor.staffUserId },
    ]);
  });
});
