import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const today = tokyoDate();
const thisMonth = today.slice(0, 7);
const lastMonth = dayjs(today).subtract(1, 'month').format('YYYY-MM');
const missing = '00000000-0000-4000-8000-000000000000';
const line = { nameJa: '交通費基金', nameEn: 'Fares fund', monthlyAmountYen: 10_000 };

async function makeLine(payload: Record<string, unknown> = line) {
  const coordinator = await env.staff('coordinator');
  const res = await env.app.inject({ method: 'POST', url: '/api/budgets/lines', headers: coordinator.headers, payload });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; nameJa: string; nameEn: string; monthlyAmountYen: number; isActive: boolean };
}

/** Paid lodging is the shelter module's; these tests write its row directly (a fixture, not the shelter rules). */
async function paidLodging(personId: string, firstNightOn: string, nights: number, costYen: number, budgetLineId: string | null) {
  const staff = await env.staff('coordinator');
  await env.handle.db.insertInto('paid_lodging').values({
    organisation_id: env.organisationId, person_id: personId, kind: 'hotel', first_night_on: firstNightOn, nights,
    cost_yen: costYen, budget_line_id: budgetLineId, recorded_by: staff.ctx.actor.staffUserId,
  }).execute();
}

describe('budget lines', () => {
  it('answers 401, 403 and 400', async () => {
    const caseworker = await env.staff('caseworker');
    const coordinator = await env.staff('coordinator');
    const fundraiser = await env.staff('fundraiser');
    expect((await env.app.inject({ method: 'GET', url: '/api/budgets/lines' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url: '/api/budgets/lines', payload: line })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'PATCH', url: `/api/budgets/lines/${missing}`, payload: { isActive: false } })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'PUT', url: `/api/budgets/lines/${missing}/months/${thisMonth}`, payload: { amountYen: 1 } })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: '/api/budgets/lines', headers: fundraiser.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'POST', url: '/api/budgets/lines', headers: caseworker.headers, payload: line })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'PATCH', url: `/api/budgets/lines/${missing}`, headers: caseworker.headers, payload: { isActive: false } })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'PUT', url: `/api/budgets/lines/${missing}/months/${thisMonth}`, headers: caseworker.headers, payload: { amountYen: 1 } })).statusCode).toBe(403);

    const bad = await env.app.inject({ method: 'POST', url: '/api/budgets/lines', headers: coordinator.headers, payload: { nameJa: ' ', nameEn: 'x', monthlyAmountYen: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation.failed');
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['monthlyAmountYen', 'nameJa']);
    const fraction = await env.app.inject({ method: 'POST', url: '/api/budgets/lines', headers: coordinator.headers, payload: { ...line, monthlyAmountYen: 10.5 } });
    expect(Object.keys(fraction.json().error.fields)).toEqual(['monthlyAmountYen']);
    const badPatch = await env.app.inject({ method: 'PATCH', url: '/api/budgets/lines/nope', headers: coordinator.headers, payload: { colour: 'red' } });
    expect(badPatch.statusCode).toBe(400);
    expect(Object.keys(badPatch.json().error.fields)).toEqual(['id']);
    const unknownField = await env.app.inject({ method: 'PATCH', url: `/api/budgets/lines/${missing}`, headers: coordinator.headers, payload: { colour: 'red' } });
    expect(unknownField.statusCode).toBe(400);
    expect(Object.keys(unknownField.json().error.fields)).toEqual(['colour']);
    const badMonth = await env.app.inject({ method: 'PUT', url: `/api/budgets/lines/${missing}/months/2026-13`, headers: coordinator.headers, payload: { amountYen: -5 } });
    expect(badMonth.statusCode).toBe(400);
    expect(Object.keys(badMonth.json().error.fields)).toEqual(['month']);
    const badAmount = await env.app.inject({ method: 'PUT', url: `/api/budgets/lines/${missing}/months/${thisMonth}`, headers: coordinator.headers, payload: { amountYen: -5 } });
    expect(badAmount.statusCode).toBe(400);
    expect(Object.keys(badAmount.json().error.fields)).toEqual(['amountYen']);
    expect((await env.app.inject({ method: 'PATCH', url: `/api/budgets/lines/${missing}`, headers: coordinator.headers, payload: { isActive: false } })).json().error.code).toBe('budget_line.not_found');
    expect((await env.app.inject({ method: 'PUT', url: `/api/budgets/lines/${missing}/months/${thisMonth}`, headers: coordinator.headers, payload: { amountYen: 1 } })).statusCode).toBe(404);
  });

  it('a coordinator adds, renames and retires a line; pickers see active lines only; every change is audited', async () => {
    const coordinator = await env.staff('coordinator', 'ja');
    const caseworker = await env.staff('caseworker');
    const created = await makeLine({ nameJa: '医療基金', nameEn: 'Medical fund', monthlyAmountYen: 50_000 });
    expect(created).toMatchObject({ nameJa: '医療基金', nameEn: 'Medical fund', monthlyAmountYen: 50_000, isActive: true });
    // The aid form's picker: a caseworker (assistance.write) reads the active lines.
    const list = await env.app.inject({ method: 'GET', url: '/api/budgets/lines', headers: caseworker.headers });
    expect(list.json().items.map((l: { id: string }) => l.id)).toContain(created.id);

    const renamed = await env.app.inject({ method: 'PATCH', url: `/api/budgets/lines/${created.id}`, headers: coordinator.headers, payload: { nameEn: 'Medical costs', monthlyAmountYen: 60_000 } });
    expect(renamed.json()).toMatchObject({ nameJa: '医療基金', nameEn: 'Medical costs', monthlyAmountYen: 60_000 });
    const retired = await env.app.inject({ method: 'PATCH', url: `/api/budgets/lines/${created.id}`, headers: coordinator.headers, payload: { isActive: false } });
    expect(retired.json().isActive).toBe(false);
    const active = await env.app.inject({ method: 'GET', url: '/api/budgets/lines', headers: caseworker.headers });
    expect(active.json().items.map((l: { id: string }) => l.id)).not.toContain(created.id);
    const all = await env.app.inject({ method: 'GET', url: '/api/budgets/lines?includeRetired=true', headers: caseworker.headers });
    expect(all.json().items.find((l: { id: string }) => l.id === created.id)).toMatchObject({ isActive: false, nameEn: 'Medical costs' });

    // A retired line cannot be paid from (the rule other modules call).
    const p = await makePerson(env);
    const fee = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: coordinator.headers, payload: { personId: p.id, itemCode: 'medical_fee', amountYen: 2000, budgetLineId: created.id } });
    expect(fee.statusCode).toBe(400);
    expect(fee.json().error).toMatchObject({ code: 'budget_line.inactive', message: 'この予算項目は廃止されているため使用できません。' });
    expect(fee.json().error.fields).toHaveProperty('budgetLineId');

    const audited = await env.handle.db.selectFrom('audit_event').select(['action', 'details']).where('entity_type', '=', 'budget_line').where('entity_id', '=', created.id).orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(audited[1]?.details).toEqual({ fields: ['nameEn', 'monthlyAmountYen'] });
  });
});

describe('GET /api/budgets and /api/budgets/spending', () => {
  it('answers 401, 403 and 400 naming the field', async () => {
    const viewer = await env.staff('viewer');
    const caseworker = await env.staff('caseworker');
    expect((await env.app.inject({ method: 'GET', url: '/api/budgets' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: `/api/budgets/spending?from=${thisMonth}&to=${thisMonth}` })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: '/api/budgets', headers: viewer.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: `/api/budgets/spending?from=${thisMonth}&to=${thisMonth}`, headers: viewer.headers })).statusCode).toBe(403);
    const badMonth = await env.app.inject({ method: 'GET', url: '/api/budgets?month=2026-1', headers: caseworker.headers });
    expect(badMonth.statusCode).toBe(400);
    expect(Object.keys(badMonth.json().error.fields)).toEqual(['month']);
    const backwards = await env.app.inject({ method: 'GET', url: '/api/budgets/spending?from=2026-05&to=2026-04', headers: caseworker.headers });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields.to).toBe('To: must not be before the start date');
    const tooLong = await env.app.inject({ method: 'GET', url: '/api/budgets/spending?from=2024-01&to=2026-01', headers: caseworker.headers });
    expect(tooLong.statusCode).toBe(400);
    expect(Object.keys(tooLong.json().error.fields)).toEqual(['to']);
    const missingFrom = await env.app.inject({ method: 'GET', url: '/api/budgets/spending?to=2026-01', headers: caseworker.headers });
    expect(Object.keys(missingFrom.json().error.fields)).toEqual(['from']);
  });

  it('shows budget, spent (aid with an amount + paid lodging), remaining and overspending per line, and spending with no line', async () => {
    const coordinator = await env.staff('coordinator');
    const caseworker = await env.staff('caseworker');
    const fares = await makeLine(line);
    const quiet = await makeLine({ nameJa: '予備費', nameEn: 'Reserve', monthlyAmountYen: 5_000 });
    const p = await makePerson(env);
    const give = (payload: Record<string, unknown>) => env.services.assistance.give(caseworker.ctx, { personId: p.id, quantity: 1, note: '', ...payload } as Parameters<typeof env.services.assistance.give>[1]);
    await give({ itemCode: 'transport_fare', amountYen: 1_280, budgetLineId: fares.id, givenOn: today });
    await give({ itemCode: 'medical_fee', amountYen: 3_000, givenOn: today });
    await paidLodging(p.id, today, 2, 16_000, fares.id);
    // Last month's spending is not this month's.
    await give({ itemCode: 'transport_fare', amountYen: 900, budgetLineId: fares.id, givenOn: `${lastMonth}-15` });

    const res = await env.app.inject({ method: 'GET', url: '/api/budgets', headers: caseworker.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.month).toBe(thisMonth);
    expect(body.lines.find((l: { id: string }) => l.id === fares.id)).toEqual({
      id: fares.id, nameJa: '交通費基金', nameEn: 'Fares fund', isActive: true,
      budgetYen: 10_000, isOverride: false, spentYen: 17_280, remainingYen: -7_280, isOverspent: true,
    });
    expect(body.lines.find((l: { id: string }) => l.id === quiet.id)).toMatchObject({ budgetYen: 5_000, spentYen: 0, remainingYen: 5_000, isOverspent: false });
    expect(body.unassignedSpentYen).toBe(3_000);

    // This month gets more money: the override applies to this month only.
    const set = await env.app.inject({ method: 'PUT', url: `/api/budgets/lines/${fares.id}/months/${thisMonth}`, headers: coordinator.headers, payload: { amountYen: 20_000 } });
    expect(set.json()).toEqual({ lineId: fares.id, month: thisMonth, budgetYen: 20_000, isOverride: true });
    const after = (await env.app.inject({ method: 'GET', url: `/api/budgets?month=${thisMonth}`, headers: caseworker.headers })).json();
    expect(after.lines.find((l: { id: string }) => l.id === fares.id)).toMatchObject({ budgetYen: 20_000, isOverride: true, remainingYen: 2_720, isOverspent: false });
    const previous = (await env.app.inject({ method: 'GET', url: `/api/budgets?month=${lastMonth}`, headers: caseworker.headers })).json();
    expect(previous.lines.find((l: { id: string }) => l.id === fares.id)).toMatchObject({ budgetYen: 10_000, spentYen: 900, isOverspent: false });

    // Retired, the line still shows where money was paid against it.
    await env.app.inject({ method: 'PATCH', url: `/api/budgets/lines/${quiet.id}`, headers: coordinator.headers, payload: { isActive: false } });
    await env.app.inject({ method: 'PATCH', url: `/api/budgets/lines/${fares.id}`, headers: coordinator.headers, payload: { isActive: false } });
    const retired = (await env.app.inject({ method: 'GET', url: '/api/budgets', headers: caseworker.headers })).json();
    expect(retired.lines.map((l: { id: string }) => l.id)).toContain(fares.id);
    expect(retired.lines.map((l: { id: string }) => l.id)).not.toContain(quiet.id);

    const spending = await env.app.inject({ method: 'GET', url: `/api/budgets/spending?from=${lastMonth}&to=${thisMonth}`, headers: caseworker.headers });
    expect(spending.statusCode).toBe(200);
    const fund = spending.json().lines.find((l: { id: string }) => l.id === fares.id);
    expect(spending.json().months).toEqual([lastMonth, thisMonth]);
    expect(fund.months).toEqual([{ month: lastMonth, budgetYen: 10_000, spentYen: 900 }, { month: thisMonth, budgetYen: 20_000, spentYen: 17_280 }]);
    expect(fund).toMatchObject({ totalBudgetYen: 30_000, totalSpentYen: 18_180 });
    expect(spending.json().unassigned).toEqual([{ month: lastMonth, spentYen: 0 }, { month: thisMonth, spentYen: 3_000 }]);

    // Removing the override brings back the monthly amount.
    const cleared = await env.app.inject({ method: 'PUT', url: `/api/budgets/lines/${fares.id}/months/${thisMonth}`, headers: coordinator.headers, payload: { amountYen: null } });
    expect(cleared.json()).toMatchObject({ budgetYen: 10_000, isOverride: false });
  });
});
