import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';
import type { StockItem, StockLocation, StockMovement } from '../contract';

let env: TestEnv;
let office: StockLocation;
beforeAll(async () => {
  env = await createTestEnv();
  const admin = await env.staff('admin');
  office = (await env.services.inventory.locations(admin.ctx)).find((l) => l.isDefault) as StockLocation;
});
afterAll(async () => env?.close());

async function post(url: string, headers: Record<string, string> | undefined, payload: unknown) {
  return env.app.inject({ method: 'POST', url, ...(headers && { headers }), payload: payload as Record<string, unknown> });
}
async function stockOf(code: string): Promise<StockItem> {
  const cw = await env.staff('caseworker');
  const items = (await env.app.inject({ method: 'GET', url: '/api/stock', headers: cw.headers })).json().items as StockItem[];
  return items.find((i) => i.itemCode === code) as StockItem;
}
async function movementCount(code: string) {
  const row = await env.handle.db.selectFrom('stock_movement').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', env.organisationId).where('item_code', '=', code).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('stock locations', () => {
  it('a new organisation starts with the default location 事務所 / Office', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/stock/locations' })).statusCode).toBe(401);
    const fundraiser = await env.staff('fundraiser');
    expect((await env.app.inject({ method: 'GET', url: '/api/stock/locations', headers: fundraiser.headers })).statusCode).toBe(403);
    const reception = await env.staff('reception');
    const list = await env.app.inject({ method: 'GET', url: '/api/stock/locations', headers: reception.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ nameJa: '事務所', nameEn: 'Office', isDefault: true, isActive: true })]);
  });

  it('a coordinator adds a location, makes it the default, and cannot retire the default', async () => {
    const body = { nameJa: '倉庫', nameEn: 'Warehouse' };
    expect((await post('/api/stock/locations', undefined, body)).statusCode).toBe(401);
    const caseworker = await env.staff('caseworker');
    expect((await post('/api/stock/locations', caseworker.headers, body)).statusCode).toBe(403);
    const coordinator = await env.staff('coordinator');
    const bad = await post('/api/stock/locations', coordinator.headers, { nameJa: '', nameEn: 'x'.repeat(101) });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['nameEn', 'nameJa']);
    const created = await post('/api/stock/locations', coordinator.headers, { ...body, sortOrder: 5 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ nameEn: 'Warehouse', isDefault: false, isActive: true });

    expect((await env.app.inject({ method: 'PATCH', url: `/api/stock/locations/${id}`, payload: { isDefault: true } })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'PATCH', url: `/api/stock/locations/${id}`, headers: caseworker.headers, payload: { isDefault: true } })).statusCode).toBe(403);
    const badPatch = await env.app.inject({ method: 'PATCH', url: `/api/stock/locations/${id}`, headers: coordinator.headers, payload: { isDefault: false } });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().error.fields).toHaveProperty('isDefault');
    expect((await env.app.inject({ method: 'PATCH', url: '/api/stock/locations/00000000-0000-4000-8000-000000000000', headers: coordinator.headers, payload: { nameEn: 'X' } })).statusCode).toBe(404);

    const made = await env.app.inject({ method: 'PATCH', url: `/api/stock/locations/${id}`, headers: coordinator.headers, payload: { isDefault: true } });
    expect(made.json().isDefault).toBe(true);
    const locations = (await env.app.inject({ method: 'GET', url: '/api/stock/locations', headers: coordinator.headers })).json().items as StockLocation[];
    expect(locations.filter((l) => l.isDefault).map((l) => l.nameEn)).toEqual(['Warehouse']);
    const retire = await env.app.inject({ method: 'PATCH', url: `/api/stock/locations/${id}`, headers: coordinator.headers, payload: { isActive: false } });
    expect(retire.statusCode).toBe(400);
    expect(retire.json().error).toMatchObject({ code: 'stock_location.default_inactive' });
    expect(retire.json().error.fields).toHaveProperty('isActive');
    // The office goes back to being the default for the other tests.
    await env.app.inject({ method: 'PATCH', url: `/api/stock/locations/${office.id}`, headers: coordinator.headers, payload: { isDefault: true } });
  });
});

describe('POST /api/stock/movements', () => {
  it('answers 401, 403 and 400 naming the fields', async () => {
    const body = { itemCode: 'winter_coat', quantity: 5, kind: 'received' };
    expect((await post('/api/stock/movements', undefined, body)).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await post('/api/stock/movements', reception.headers, body)).statusCode).toBe(403);
    const cw = await env.staff('caseworker');
    const bad = await post('/api/stock/movements', cw.headers, { itemCode: 'winter_coat', quantity: 1.5, kind: 'stolen' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['kind', 'quantity']);
    // A movement's kind is named as such, not with another module's "kind" (e.g. a document's).
    expect(bad.json().error.fields.kind).toMatch(/^Kind of movement: /);
    const given = await post('/api/stock/movements', cw.headers, { ...body, kind: 'given' });
    expect(given.statusCode).toBe(400);
    expect(given.json().error.fields).toHaveProperty('kind');
  });

  it('receives bought and donated goods into the default location, and the stock shows them', async () => {
    const cw = await env.staff('caseworker');
    const bought = await post('/api/stock/movements', cw.headers, { itemCode: 'winter_coat', quantity: 4, kind: 'received' });
    expect(bought.statusCode).toBe(201);
    expect(bought.json().movement).toMatchObject({ kind: 'received', source: 'purchase', quantity: 4, locationNameEn: 'Office', occurredOn: tokyoDate(), recordedByName: 'caseworker en' });
    expect(bought.json().levels).toEqual([{ locationId: office.id, locationNameJa: '事務所', locationNameEn: 'Office', size: '', quantity: 4 }]);
    const donated = await post('/api/stock/movements', cw.headers, { itemCode: 'winter_coat', quantity: 8, kind: 'received', source: 'donation', donorName: '聖マリア教会' });
    expect(donated.json().movement).toMatchObject({ source: 'donation', donorName: '聖マリア教会' });
    expect(donated.json().levels[0].quantity).toBe(12);
    const coat = await stockOf('winter_coat');
    expect(coat).toMatchObject({ nameJa: '冬用コート', unit: 'piece', lowStockThreshold: 10, total: 12, isLow: false });
  });

  it('refuses what breaks a rule, naming the field: untracked item, size, zero or negative receipt, reason, destination', async () => {
    const cw = await env.staff('caseworker', 'ja');
    const untracked = await post('/api/stock/movements', cw.headers, { itemCode: 'hygiene_kit', quantity: 1, kind: 'received' });
    expect(untracked.statusCode).toBe(400);
    expect(untracked.json().error.code).toBe('stock.not_tracked');
    expect(untracked.json().error.fields).toHaveProperty('itemCode');
    const unknown = await post('/api/stock/movements', cw.headers, { itemCode: 'yacht', quantity: 1, kind: 'received' });
    expect(unknown.json().error).toMatchObject({ code: 'aid_item.not_found' });
    const negative = await post('/api/stock/movements', cw.headers, { itemCode: 'blanket', quantity: -1, kind: 'received' });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.fields).toHaveProperty('quantity');
    const noReason = await post('/api/stock/movements', cw.headers, { itemCode: 'blanket', quantity: 2, kind: 'adjusted' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'stock.reason_required', message: '在庫調整には理由が必要です。' });
    expect(noReason.json().error.fields.reason).toMatch(/^調整の理由: /);
    const noTo = await post('/api/stock/movements', cw.headers, { itemCode: 'blanket', quantity: 2, kind: 'transferred' });
    expect(noTo.json().error).toMatchObject({ code: 'stock.to_location_required' });
    expect(noTo.json().error.fields).toHaveProperty('toLocationId');
    const same = await post('/api/stock/movements', cw.headers, { itemCode: 'blanket', quantity: 2, kind: 'transferred', toLocationId: office.id });
    expect(same.json().error.fields).toHaveProperty('toLocationId');
    const nowhere = await post('/api/stock/movements', cw.headers, { itemCode: 'blanket', quantity: 2, kind: 'received', locationId: '00000000-0000-4000-8000-000000000000' });
    expect(nowhere.json().error).toMatchObject({ code: 'stock_location.not_found' });

    const admin = await env.staff('admin');
    await env.app.inject({ method: 'POST', url: '/api/aid-items', headers: admin.headers, payload: { code: 'shoes', nameJa: '靴', nameEn: 'Shoes', category: 'clothing', unit: 'pair', sizes: ['25', '27'], isStockTracked: true } });
    const noSize = await post('/api/stock/movements', cw.headers, { itemCode: 'shoes', quantity: 2, kind: 'received' });
    expect(noSize.statusCode).toBe(400);
    expect(noSize.json().error).toMatchObject({ code: 'aid_item.size_required' });
    expect(noSize.json().error.fields).toHaveProperty('size');
    const wrongSize = await post('/api/stock/movements', cw.headers, { itemCode: 'shoes', quantity: 2, kind: 'received', size: '40' });
    expect(wrongSize.json().error.fields).toHaveProperty('size');
    const sized = await post('/api/stock/movements', cw.headers, { itemCode: 'shoes', quantity: 2, kind: 'received', size: '27' });
    expect(sized.statusCode).toBe(201);
    expect((await stockOf('shoes')).levels).toEqual([expect.objectContaining({ size: '27', quantity: 2 })]);
  });

  it('adjusts with a reason; taking more than there is answers 409 stock.insufficient and writes nothing', async () => {
    const cw = await env.staff('caseworker');
    await post('/api/stock/movements', cw.headers, { itemCode: 'blanket', quantity: 3, kind: 'received' });
    const before = await movementCount('blanket');
    const tooMany = await post('/api/stock/movements', cw.headers, { itemCode: 'blanket', quantity: -5, kind: 'adjusted', reason: 'Torn' });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error).toMatchObject({ code: 'stock.insufficient', message: 'Not enough in stock: 3 left.' });
    expect((await stockOf('blanket')).total).toBe(3);
    expect(await movementCount('blanket')).toBe(before);
    const torn = await post('/api/stock/movements', cw.headers, { itemCode: 'blanket', quantity: -2, kind: 'adjusted', reason: 'Torn', note: 'water damage' });
    expect(torn.statusCode).toBe(201);
    expect(torn.json().movement).toMatchObject({ kind: 'adjusted', quantity: -2, reason: 'Torn', note: 'water damage' });
    expect(torn.json().levels[0].quantity).toBe(1);
    const found = await post('/api/stock/movements', cw.headers, { itemCode: 'blanket', quantity: 4, kind: 'adjusted', reason: 'Count found more' });
    expect(found.json().levels[0].quantity).toBe(5);
    // A note alone explains an adjustment too (the API has `note`, not `reason`).
    const wet = await post('/api/stock/movements', cw.headers, { itemCode: 'blanket', quantity: -1, kind: 'adjusted', note: 'Soaked in the rain' });
    expect(wet.statusCode).toBe(201);
    expect(wet.json().movement).toMatchObject({ quantity: -1, reason: 'Soaked in the rain' });
    expect(wet.json().levels[0].quantity).toBe(4);
  });

  it('transfers between locations; more than the source holds is 409', async () => {
    const coordinator = await env.staff('coordinator');
    const shelter = (await post('/api/stock/locations', coordinator.headers, { nameJa: 'シェルター', nameEn: 'Shelter' })).json() as StockLocation;
    const cw = await env.staff('caseworker');
    await post('/api/stock/movements', cw.headers, { itemCode: 'rice_5kg', quantity: 6, kind: 'received' });
    const tooMany = await post('/api/stock/movements', cw.headers, { itemCode: 'rice_5kg', quantity: 7, kind: 'transferred', toLocationId: shelter.id });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.code).toBe('stock.insufficient');
    const moved = await post('/api/stock/movements', cw.headers, { itemCode: 'rice_5kg', quantity: 4, kind: 'transferred', toLocationId: shelter.id });
    expect(moved.statusCode).toBe(201);
    expect(moved.json().movement).toMatchObject({ kind: 'transferred', locationNameEn: 'Office', toLocationNameEn: 'Shelter' });
    expect(moved.json().levels.map((l: { locationNameEn: string; quantity: number }) => [l.locationNameEn, l.quantity]).sort()).toEqual([['Office', 2], ['Shelter', 4]]);
    const rice = await stockOf('rice_5kg');
    expect(rice.total).toBe(6);
    expect(rice.isLow).toBe(true);
  });
});

describe('GET /api/stock and /api/stock/low', () => {
  it('answers 401 and 403, and lists the low items only on the warning list', async () => {
    for (const url of ['/api/stock', '/api/stock/low']) {
      expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      const fundraiser = await env.staff('fundraiser');
      expect((await env.app.inject({ method: 'GET', url, headers: fundraiser.headers })).statusCode).toBe(403);
    }
    const cw = await env.staff('caseworker');
    await post('/api/stock/movements', cw.headers, { itemCode: 'food_parcel', quantity: 21, kind: 'received' });
    const viewer = await env.staff('viewer');
    const all = (await env.app.inject({ method: 'GET', url: '/api/stock', headers: viewer.headers })).json().items as StockItem[];
    expect(all.map((i) => i.itemCode)).toEqual(expect.arrayContaining(['food_parcel', 'rice_5kg', 'winter_coat', 'blanket']));
    expect(all.map((i) => i.itemCode)).not.toContain('hygiene_kit');
    const low = (await env.app.inject({ method: 'GET', url: '/api/stock/low', headers: viewer.headers })).json().items as StockItem[];
    const lowCodes = low.map((i) => i.itemCode);
    expect(lowCodes).toContain('blanket');
    expect(lowCodes).toContain('rice_5kg');
    expect(lowCodes).not.toContain('food_parcel');
    expect(lowCodes).not.toContain('winter_coat');
    // At the threshold is low: 21 − 1 = 20.
    await post('/api/stock/movements', cw.headers, { itemCode: 'food_parcel', quantity: -1, kind: 'adjusted', reason: 'Expired' });
    const after = (await env.app.inject({ method: 'GET', url: '/api/stock/low', headers: viewer.headers })).json().items as StockItem[];
    expect(after.map((i) => i.itemCode)).toContain('food_parcel');
    expect(await env.services.inventory.available(env.handle.db, cw.ctx, 'food_parcel')).toBe(20);
  });
});

describe('GET /api/stock/movements', () => {
  it('answers 401, 403 and 400; lists newest first with who, where and, for goods given, the person', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/stock/movements' })).statusCode).toBe(401);
    const fundraiser = await env.staff('fundraiser');
    expect((await env.app.inject({ method: 'GET', url: '/api/stock/movements', headers: fundraiser.headers })).statusCode).toBe(403);
    const cw = await env.staff('caseworker');
    const bad = await env.app.inject({ method: 'GET', url: '/api/stock/movements?limit=0', headers: cw.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('limit');

    const person = await makePerson(env, { familyName: 'Mbala', givenName: 'Grace' });
    await post('/api/stock/movements', cw.headers, { itemCode: 'winter_coat', quantity: 1, kind: 'received', note: 'last before giving' });
    const gave = await post('/api/assistance', cw.headers, { personId: person.id, itemCode: 'winter_coat' });
    expect(gave.statusCode).toBe(201);
    const reception = await env.staff('reception');
    const list = await env.app.inject({ method: 'GET', url: '/api/stock/movements?itemCode=winter_coat&limit=2', headers: reception.headers });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as StockMovement[];
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ kind: 'given', quantity: 1, assistanceId: gave.json().id, recordedByName: 'caseworker en', locationNameJa: '事務所' });
    expect(items[0]?.person).toMatchObject({ fileNumber: person.fileNumber, familyName: 'Mbala', givenName: 'Grace' });
    expect(items[1]).toMatchObject({ kind: 'received', note: 'last before giving', person: null });
    const page2 = (await env.app.inject({ method: 'GET', url: '/api/stock/movements?itemCode=winter_coat&limit=2&offset=2', headers: reception.headers })).json().items as StockMovement[];
    expect(page2.map((m) => m.id)).not.toContain(items[0]?.id);
    const audit = await env.handle.db.selectFrom('audit_event').select(['action', 'entity_type', 'details']).where('actor_staff_user_id', '=', reception.ctx.actor.staffUserId)
      .where('entity_type', '=', 'stock_movement').execute();
    expect(audit).toContainEqual(expect.objectContaining({ action: 'read', details: expect.objectContaining({ list: 'movements', people: 1 }) }));
  });
});

describe('OpenAPI', () => {
  it('documents the stock routes and the desk check', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/stock', '/api/stock/low', '/api/stock/movements', '/api/stock/locations', '/api/stock/locations/{id}', '/api/assistance/check']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(Object.keys(doc.paths['/api/stock/movements'])).toEqual(expect.arrayContaining(['get', 'post']));
  });
});
