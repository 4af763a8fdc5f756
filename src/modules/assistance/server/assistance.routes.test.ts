import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, makeVisit, type TestEnv } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
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
    const caseworker = await env.staff('caseworker');
    const { person, visit } = await makeVisit(env);
    const food = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: person.id, visitId: visit.id, itemCode: 'food_parcel', quantity: 1 } });
    expect(food.statusCode).toBe(201);
    expect(food.json()).toMatchObject({ itemCode: 'food_parcel', itemNameJa: '食料パック', itemNameEn: 'Food parcel', quantity: 1, givenOn: tokyoDate(), givenByName: 'caseworker en' });
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
    expect(items.find((i: { code: string }) => i.code === 'blanket')).toMatchObject({ nameJa: '毛布', nameEn: 'Blanket' });
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
