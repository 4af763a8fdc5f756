import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';

// Two desks giving the last coat at the same moment: only one may succeed (issue 4, "stock can
// never go below zero"). Run on PGlite and, with DATABASE_URL, on PostgreSQL, where the requests
// really run in parallel transactions.
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

async function count(table: 'assistance' | 'stock_movement', itemCode: string, kind?: 'given' | 'adjusted') {
  let q = env.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('organisation_id', '=', env.organisationId).where('item_code', '=', itemCode);
  if (kind) q = q.where('kind' as never, '=', kind as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('concurrent giving of the last item', () => {
  it('ten desks give the last winter coat at once: one 201, nine 409 stock.insufficient, stock 0', async () => {
    const coordinator = await env.staff('coordinator');
    await env.services.inventory.recordMovement(coordinator.ctx, { itemCode: 'winter_coat', quantity: 1, kind: 'received', note: '' });
    const cw = await env.staff('caseworker');
    const people = await Promise.all(Array.from({ length: 10 }, () => makePerson(env)));
    const answers = await Promise.all(people.map((p) =>
      env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: p.id, itemCode: 'winter_coat' } })));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error.code).toBe('stock.insufficient');
    expect(await env.services.inventory.available(env.handle.db, cw.ctx, 'winter_coat')).toBe(0);
    expect(await count('assistance', 'winter_coat')).toBe(1);
    expect(await count('stock_movement', 'winter_coat', 'given')).toBe(1);
  });

  it('two concurrent negative adjustments of 3 blankets when 4 are left: one succeeds, stock 1', async () => {
    const coordinator = await env.staff('coordinator');
    await env.services.inventory.recordMovement(coordinator.ctx, { itemCode: 'blanket', quantity: 4, kind: 'received', note: '' });
    const cw = await env.staff('caseworker');
    const answers = await Promise.all([0, 1].map(() =>
      env.app.inject({ method: 'POST', url: '/api/stock/movements', headers: cw.headers, payload: { itemCode: 'blanket', quantity: -3, kind: 'adjusted', reason: 'Damp' } })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json().error).toMatchObject({ code: 'stock.insufficient' });
    expect(await env.services.inventory.available(env.handle.db, cw.ctx, 'blanket')).toBe(1);
    expect(await count('stock_movement', 'blanket', 'adjusted')).toBe(1);
  });

  it('two desks give the same person a food parcel at once under a one-a-week limit: one 201, one 409 limit_reached', async () => {
    const coordinator = await env.staff('coordinator');
    await env.services.inventory.recordMovement(coordinator.ctx, { itemCode: 'food_parcel', quantity: 10, kind: 'received', note: '' });
    const admin = await env.staff('admin');
    const limited = await env.app.inject({ method: 'PATCH', url: '/api/aid-items/food_parcel', headers: admin.headers, payload: { limitQuantity: 1, limitDays: 7 } });
    expect(limited.statusCode).toBe(200);
    const cw = await env.staff('caseworker');
    const person = await makePerson(env);
    const answers = await Promise.all([0, 1].map(() =>
      env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: person.id, itemCode: 'food_parcel' } })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json().error.code).toBe('assistance.limit_reached');
    expect(await count('assistance', 'food_parcel')).toBe(1);
    expect(await env.services.inventory.available(env.handle.db, cw.ctx, 'food_parcel')).toBe(9);
  });
});
