import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { createTestEnv, makePerson, makeVisit, type TestEnv } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

/** Receives stock through the inventory service, as a coordinator would at the stock page. */
async function receive(itemCode: string, quantity: number, size?: string) {
  const coordinator = await env.staff('coordinator');
  await env.services.inventory.recordMovement(coordinator.ctx, { itemCode, quantity, kind: 'received', size, note: '' });
}
async function stockTotal(itemCode: string) {
  const cw = await env.staff('caseworker');
  return env.services.inventory.available(env.handle.db, cw.ctx, itemCode);
}
async function countAid(personId: string, itemCode: string) {
  const row = await env.handle.db.selectFrom('assistance').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', '=', personId).where('item_code', '=', itemCode).executeTakeFirstOrThrow();
  return Number(row.n);
}
afterAll(async () => env?.close());

describe('POST /api/assistance', () => {
  it('answers 401, 403 and 400', async () => {
    const p = await makePerson(env);
    expect((await env.app.inject({ method: 'POST', url: '/api/assistance', payload: { personId: p.id, itemCode: 'food_parcel' } })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'POST', url: '/api/assistance', headers: reception.headers, payload: { personId: p.id, itemCode: 'food_parcel' } })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    const bad = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: p.id, itemCode: 'food_parcel', quantity: 0, amountYen: -5 } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['amountYen', 'quantity']);
  });

  it('refuses an item not in the catalogue, and money without an amount, naming the field', async () => {
    const caseworker = await env.staff('caseworker', 'ja');
    const p = await makePerson(env);
    const unknown = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: p.id, itemCode: 'yacht' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'aid_item.not_found' });
    expect(unknown.json().error.fields).toHaveProperty('itemCode');
    const noAmount = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: p.id, itemCode: 'transport_fare' } });
    expect(noAmount.statusCode).toBe(400);
    expect(noAmount.json().error.message).toBe('金銭の支援には金額（円）が必要です。');
    expect(noAmount.json().error.fields.amountYen).toContain('金額');
  });

  it('records a food parcel for a visit and a transport fare in yen', async () => {
    await receive('food_parcel', 5);
    const caseworker = await env.staff('caseworker');
    const { person, visit } = await makeVisit(env);
    const food = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: person.id, visitId: visit.id, itemCode: 'food_parcel', quantity: 1 } });
    expect(food.statusCode).toBe(201);
    expect(food.json()).toMatchObject({ itemCode: 'food_parcel', itemNameJa: '食料パック', itemNameEn: 'Food parcel', quantity: 1, givenOn: tokyoDate(), givenByName: 'caseworker en', size: null, budgetLineId: null, ruleOverrideReason: null });
    expect(food.json().locationId).toEqual(expect.any(String));
    expect(await stockTotal('food_parcel')).toBe(4);
    const fare = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: person.id, itemCode: 'transport_fare', amountYen: 1280, note: 'Shinagawa immigration bureau' } });
    expect(fare.json()).toMatchObject({ amountYen: 1280, category: 'transport' });
  });
});

describe('aid catalogue', () => {
  it('lists the default catalogue with bilingual names', async () => {
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url: '/api/aid-items' })).statusCode).toBe(401);
    const fundraiser = await env.staff('fundraiser');
    expect((await env.app.inject({ method: 'GET', url: '/api/aid-items', headers: fundraiser.headers })).statusCode).toBe(403);
    const items = (await env.app.inject({ method: 'GET', url: '/api/aid-items', headers: reception.headers })).json().items;
    const codes = items.map((i: { code: string }) => i.code);
    for (const code of ['food_parcel', 'rice_5kg', 'winter_coat', 'blanket', 'transport_fare', 'cash']) expect(codes).toContain(code);
    expect(items.find((i: { code: string }) => i.code === 'blanket')).toMatchObject({ nameJa: '毛布', nameEn: 'Blanket', isStockTracked: true, lowStockThreshold: 10, unit: 'piece' });
    expect(items.find((i: { code: string }) => i.code === 'food_parcel')).toMatchObject({ isStockTracked: true, lowStockThreshold: 20, unit: 'pack', limitQuantity: null, limitDays: null });
    expect(items.find((i: { code: string }) => i.code === 'rice_5kg')).toMatchObject({ isStockTracked: true, lowStockThreshold: 10, unit: 'bag' });
    expect(items.find((i: { code: string }) => i.code === 'hygiene_kit')).toMatchObject({ isStockTracked: false, unit: 'set' });
    expect(items.find((i: { code: string }) => i.code === 'cash')).toMatchObject({ isStockTracked: false, isMoney: true });
  });

  it('an admin adds and retires items; a retired item cannot be given', async () => {
    const admin = await env.staff('admin');
    const caseworker = await env.staff('caseworker');
    const item = { code: 'sim_card', nameJa: 'SIMカード', nameEn: 'SIM card', category: 'other' };
    expect((await env.app.inject({ method: 'POST', url: '/api/aid-items', headers: caseworker.headers, payload: item })).statusCode).toBe(403);
    const bad = await env.app.inject({ method: 'POST', url: '/api/aid-items', headers: admin.headers, payload: { ...item, code: 'SIM CARD', category: 'gadgets' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['category', 'code']);
    expect((await env.app.inject({ method: 'POST', url: '/api/aid-items', headers: admin.headers, payload: item })).statusCode).toBe(201);
    expect((await env.app.inject({ method: 'POST', url: '/api/aid-items', headers: admin.headers, payload: item })).statusCode).toBe(409);
    const p = await makePerson(env);
    expect((await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: p.id, itemCode: 'sim_card' } })).statusCode).toBe(201);
    const retired = await env.app.inject({ method: 'PATCH', url: '/api/aid-items/sim_card', headers: admin.headers, payload: { isActive: false } });
    expect(retired.json().isActive).toBe(false);
    const refused = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: p.id, itemCode: 'sim_card' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('aid_item.inactive');
    expect((await env.app.inject({ method: 'PATCH', url: '/api/aid-items/nothing', headers: admin.headers, payload: { isActive: false } })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'PATCH', url: '/api/aid-items/sim_card', payload: { isActive: false } })).statusCode).toBe(401);
  });
});

describe('catalogue stock settings', () => {
  it('an admin sets unit, sizes, tracking, threshold and a limit; money cannot be tracked; a limit needs both parts', async () => {
    const admin = await env.staff('admin', 'ja');
    const money = await env.app.inject({ method: 'POST', url: '/api/aid-items', headers: admin.headers, payload: { code: 'gift_card', nameJa: 'ギフト券', nameEn: 'Gift card', category: 'money', isMoney: true, isStockTracked: true } });
    expect(money.statusCode).toBe(400);
    expect(money.json().error).toMatchObject({ code: 'aid_item.money_not_stock', message: '金銭の支援は在庫管理の対象にできません。' });
    expect(money.json().error.fields).toHaveProperty('isStockTracked');
    const patchMoney = await env.app.inject({ method: 'PATCH', url: '/api/aid-items/cash', headers: admin.headers, payload: { isStockTracked: true } });
    expect(patchMoney.statusCode).toBe(400);
    expect(patchMoney.json().error.fields).toHaveProperty('isStockTracked');
    const half = await env.app.inject({ method: 'PATCH', url: '/api/aid-items/hygiene_kit', headers: admin.headers, payload: { limitQuantity: 1 } });
    expect(half.statusCode).toBe(400);
    expect(half.json().error).toMatchObject({ code: 'aid_item.limit_incomplete' });
    expect(half.json().error.fields).toHaveProperty('limitDays');
    const badUnit = await env.app.inject({ method: 'PATCH', url: '/api/aid-items/hygiene_kit', headers: admin.headers, payload: { unit: 'litre', sizes: ['M', 'M'] } });
    expect(badUnit.statusCode).toBe(400);
    expect(Object.keys(badUnit.json().error.fields).sort()).toEqual(['sizes', 'unit']);
    const socks = await env.app.inject({
      method: 'POST', url: '/api/aid-items', headers: admin.headers,
      payload: { code: 'socks', nameJa: '靴下', nameEn: 'Socks', category: 'clothing', unit: 'pair', sizes: ['S', 'M', 'L'], isStockTracked: true, lowStockThreshold: 5, limitQuantity: 2, limitDays: 30 },
    });
    expect(socks.statusCode).toBe(201);
    expect(socks.json()).toMatchObject({ unit: 'pair', sizes: ['S', 'M', 'L'], isStockTracked: true, lowStockThreshold: 5, limitQuantity: 2, limitDays: 30 });
    const cleared = await env.app.inject({ method: 'PATCH', url: '/api/aid-items/socks', headers: admin.headers, payload: { limitQuantity: null, limitDays: null, lowStockThreshold: 3 } });
    expect(cleared.json()).toMatchObject({ limitQuantity: null, limitDays: null, lowStockThreshold: 3 });
  });
});

describe('giving stock-tracked items', () => {
  it('takes a winter coat out of stock with a given movement linked to the person and the aid record', async () => {
    await receive('winter_coat', 2);
    const cw = await env.staff('caseworker');
    const p = await makePerson(env);
    const res = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'winter_coat' } });
    expect(res.statusCode).toBe(201);
    expect(await stockTotal('winter_coat')).toBe(1);
    const movement = await env.handle.db.selectFrom('stock_movement').select(['kind', 'quantity', 'person_id', 'assistance_id', 'location_id'])
      .where('assistance_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(movement).toEqual({ kind: 'given', quantity: 1, person_id: p.id, assistance_id: res.json().id, location_id: res.json().locationId });
  });

  it('refuses with 409 stock.insufficient and writes nothing when there is not enough', async () => {
    const cw = await env.staff('caseworker', 'ja');
    const p = await makePerson(env);
    await receive('rice_5kg', 1);
    const res = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'rice_5kg', quantity: 2 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'stock.insufficient', message: '在庫が足りません（残り1）。' });
    expect(await countAid(p.id, 'rice_5kg')).toBe(0);
    expect(await stockTotal('rice_5kg')).toBe(1);
  });

  it('takes from another location when the default one is empty', async () => {
    const coordinator = await env.staff('coordinator');
    const shelf = await env.services.inventory.createLocation(coordinator.ctx, { nameJa: '倉庫', nameEn: 'Store', isDefault: false, sortOrder: 1 });
    await env.services.inventory.recordMovement(coordinator.ctx, { itemCode: 'blanket', quantity: 1, kind: 'received', locationId: shelf.id, note: '' });
    const cw = await env.staff('caseworker');
    const p = await makePerson(env);
    const res = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'blanket' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().locationId).toBe(shelf.id);
    const untracked = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'hygiene_kit', locationId: shelf.id } });
    expect(untracked.statusCode).toBe(400);
    expect(untracked.json().error.fields).toHaveProperty('locationId');
  });

  it('needs a valid size for a sized item', async () => {
    const admin = await env.staff('admin');
    await env.app.inject({ method: 'POST', url: '/api/aid-items', headers: admin.headers, payload: { code: 'boots', nameJa: 'ブーツ', nameEn: 'Boots', category: 'clothing', unit: 'pair', sizes: ['25', '27'], isStockTracked: true } });
    await receive('boots', 1, '27');
    const cw = await env.staff('caseworker');
    const p = await makePerson(env);
    const noSize = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'boots' } });
    expect(noSize.statusCode).toBe(400);
    expect(noSize.json().error).toMatchObject({ code: 'aid_item.size_required' });
    expect(noSize.json().error.fields).toHaveProperty('size');
    const other = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'boots', size: '25' } });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('stock.insufficient');
    const ok = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'boots', size: '27' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().size).toBe('27');
  });

  it('accepts a budget line only for money items and checks it exists', async () => {
    const cw = await env.staff('caseworker');
    const p = await makePerson(env);
    const line = '00000000-0000-4000-8000-000000000000';
    const notMoney = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'hygiene_kit', budgetLineId: line } });
    expect(notMoney.statusCode).toBe(400);
    expect(notMoney.json().error).toMatchObject({ code: 'assistance.budget_line_money_only' });
    const unknown = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'cash', amountYen: 3000, budgetLineId: line } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'budget_line.not_found' });
    expect(unknown.json().error.fields).toHaveProperty('budgetLineId');
    const budgetLine = await env.handle.db.insertInto('budget_line').values({ organisation_id: env.organisationId, name_ja: '交通費基金', name_en: 'Fares fund', monthly_amount_yen: 50_000 }).returning('id').executeTakeFirstOrThrow();
    const paid = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'transport_fare', amountYen: 1280, budgetLineId: budgetLine.id } });
    expect(paid.statusCode).toBe(201);
    expect(paid.json().budgetLineId).toBe(budgetLine.id);
  });
});

describe('per-person limits', () => {
  it('refuses the second parcel in a week with the last date given, and accepts an override with a reason', async () => {
    const admin = await env.staff('admin');
    await env.app.inject({ method: 'POST', url: '/api/aid-items', headers: admin.headers, payload: { code: 'bento', nameJa: '弁当', nameEn: 'Lunch box', category: 'food', limitQuantity: 1, limitDays: 7 } });
    const cw = await env.staff('caseworker');
    const p = await makePerson(env);
    const threeDaysAgo = dayjs(tokyoDate()).subtract(3, 'day').format('YYYY-MM-DD');
    expect((await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'bento', givenOn: threeDaysAgo } })).statusCode).toBe(201);
    const refused = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'bento' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('assistance.limit_reached');
    expect(refused.json().error.message).toContain(threeDaysAgo);
    expect(refused.json().error.message).toContain('at most 1 per person in 7 days');
    expect(refused.json().error.fields).toHaveProperty('overrideReason');
    expect(await countAid(p.id, 'bento')).toBe(1);
    const blank = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'bento', overrideReason: '   ' } });
    expect(blank.statusCode).toBe(409);
    const overridden = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'bento', overrideReason: 'Family of four' } });
    expect(overridden.statusCode).toBe(201);
    expect(overridden.json().ruleOverrideReason).toBe('Family of four');
    const audit = await env.handle.db.selectFrom('audit_event').select('details').where('entity_type', '=', 'assistance').where('entity_id', '=', overridden.json().id).executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ ruleOverridden: true, limitQuantity: 1, limitDays: 7 });
    expect(JSON.stringify(audit.details)).not.toContain('Family of four');
    // Someone else is not limited by this person's parcels; eight days ago is outside the week.
    const q = await makePerson(env);
    const eightDaysAgo = dayjs(tokyoDate()).subtract(8, 'day').format('YYYY-MM-DD');
    expect((await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: q.id, itemCode: 'bento', givenOn: eightDaysAgo } })).statusCode).toBe(201);
    expect((await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: q.id, itemCode: 'bento' } })).statusCode).toBe(201);
  });
});

describe('GET /api/assistance/check', () => {
  it('answers 401, 403 and 400, then gives stock, last date and the limit, audited as a read of the person', async () => {
    const p = await makePerson(env);
    const url = `/api/assistance/check?personId=${p.id}&itemCode=winter_coat`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url, headers: reception.headers })).statusCode).toBe(403);
    const cw = await env.staff('caseworker');
    const bad = await env.app.inject({ method: 'GET', url: '/api/assistance/check?personId=nope&itemCode=winter_coat', headers: cw.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('personId');
    const unknown = await env.app.inject({ method: 'GET', url: `/api/assistance/check?personId=${p.id}&itemCode=yacht`, headers: cw.headers });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toHaveProperty('itemCode');

    const coat = await env.app.inject({ method: 'GET', url, headers: cw.headers });
    expect(coat.statusCode).toBe(200);
    expect(coat.json()).toEqual({ isStockTracked: true, available: await stockTotal('winter_coat'), lastGivenOn: null, limit: null });
    expect((await env.app.inject({ method: 'GET', url: `/api/assistance/check?personId=${p.id}&itemCode=cash`, headers: cw.headers })).json()).toMatchObject({ isStockTracked: false, available: null });

    const admin = await env.staff('admin');
    await env.app.inject({ method: 'POST', url: '/api/aid-items', headers: admin.headers, payload: { code: 'phone_card', nameJa: 'テレホンカード', nameEn: 'Phone card', category: 'other', limitQuantity: 2, limitDays: 30 } });
    await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'phone_card', quantity: 2 } });
    const limited = await env.app.inject({ method: 'GET', url: `/api/assistance/check?personId=${p.id}&itemCode=phone_card`, headers: cw.headers });
    expect(limited.json()).toEqual({ isStockTracked: false, available: null, lastGivenOn: tokyoDate(), limit: { quantity: 2, days: 30, givenInPeriod: 2, isReached: true } });
    const audit = await env.handle.db.selectFrom('audit_event').select(['action', 'entity_id', 'details']).where('actor_staff_user_id', '=', cw.ctx.actor.staffUserId)
      .where('entity_id', '=', p.id).where('action', '=', 'read').execute();
    expect(audit.map((a) => a.details)).toContainEqual({ view: 'assistance_check', itemCode: 'phone_card' });
  });
});
