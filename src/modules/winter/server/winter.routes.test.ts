import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv, type TestStaff } from '../../../server/test/factories';
import { addDays } from '../../demo/server/demo.generator';
import { tokyoDate } from '../../../shared/time';
import type { Person } from '../../people/contract';
import type { WinterBoard } from '../contract';

let env: TestEnv;
let coordinator: TestStaff;
const today = tokyoDate();
/** Outside and not housed, on the waiting list for 12 days, awaiting the allowance for 100 days. */
let outside: Person;
/** Recorded as sleeping rough, but in a shelter bed tonight. */
let housed: Person;
/** Outside, not on the waiting list. */
let unlisted: Person;

async function call<T = unknown>(staff: TestStaff | undefined, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await env.app.inject({ method, url, headers: staff?.headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() as T };
}

async function ok<T>(staff: TestStaff, method: 'POST' | 'PATCH', url: string, payload: object): Promise<T> {
  const res = await call<T>(staff, method, url, payload);
  expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

beforeAll(async () => {
  env = await createTestEnv();
  coordinator = await env.staff('coordinator');
  const caseworker = await env.staff('caseworker');
  outside = await makePerson(env, { familyName: 'Outside', sex: 'female', housing: 'rough_sleeping' });
  housed = await makePerson(env, { familyName: 'Housed', sex: 'male', housing: 'rough_sleeping' });
  unlisted = await makePerson(env, { familyName: 'Unlisted', sex: 'male', housing: 'rough_sleeping' });
  await makePerson(env, { familyName: 'AtFriends', housing: 'friend' });

  // Two beds, one taken tonight.
  const facility = await ok<{ id: string }>(coordinator, 'POST', '/api/shelter/facilities', { nameJa: '扉ハウス', nameEn: 'Tobira House' });
  const room = await ok<{ id: string }>(coordinator, 'POST', '/api/shelter/rooms', { facilityId: facility.id, name: '301', allowedUse: 'men' });
  const bed1 = await ok<{ id: string }>(coordinator, 'POST', '/api/shelter/beds', { roomId: room.id, label: '301-1' });
  await ok(coordinator, 'POST', '/api/shelter/beds', { roomId: room.id, label: '301-2' });
  await ok(caseworker, 'POST', '/api/shelter/stays', { personId: housed.id, bedId: bed1.id, checkInOn: addDays(today, -3), expectedCheckOutOn: addDays(today, 20) });

  // On the waiting list since 12 days ago (the desk listed her then).
  const entry = await ok<{ id: string }>(caseworker, 'POST', '/api/shelter/waiting-list', { personId: outside.id, needs: 'women' });
  await env.handle.db.updateTable('shelter_waiting_entry').set({ listed_on: addDays(today, -12) }).where('id', '=', entry.id).execute();

  // Coats low (3, threshold 10); no food parcels at all (food is not a winter item).
  await ok(coordinator, 'POST', '/api/stock/movements', { itemCode: 'winter_coat', quantity: 3, kind: 'received', source: 'donation', donorName: 'Parish bazaar' });
  await ok(coordinator, 'POST', '/api/stock/movements', { itemCode: 'blanket', quantity: 40, kind: 'received' });

  // Waiting 100 days for the protection allowance.
  await ok(caseworker, 'PATCH', `/api/people/${outside.id}/case-file`, { version: 0, allowanceStatus: 'awaiting', allowanceAppliedOn: addDays(today, -100), effectiveOn: addDays(today, -100) });

  // Today's queue: two checked in, one already called.
  const reception = await env.staff('reception');
  const v1 = await ok<{ id: string }>(reception, 'POST', '/api/visits', { personId: outside.id });
  await ok(reception, 'POST', '/api/visits', { personId: unlisted.id });
  await ok(reception, 'PATCH', `/api/visits/${v1.id}`, { status: 'called' });
}, 60_000);
afterAll(async () => env?.close());

describe('GET /api/winter-board', () => {
  it('answers 401 without a login and 403 to a role without shelter.read', async () => {
    expect((await call(undefined, 'GET', '/api/winter-board')).status).toBe(401);
    const fundraiser = await env.staff('fundraiser');
    const res = await call<{ error: { code: string } }>(fundraiser, 'GET', '/api/winter-board');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth.forbidden');
  });

  it('shows who sleeps outside tonight, free beds, low winter items, the longest waits and the queue', async () => {
    const { status, body } = await call<WinterBoard>(await env.staff('caseworker'), 'GET', '/api/winter-board');
    expect(status).toBe(200);
    expect(body.date).toBe(today);

    // Housed people are not outside; the one waiting longest for a bed comes first.
    expect(body.roughSleepers?.items.map((r) => r.person.id)).toEqual([outside.id, unlisted.id]);
    expect(body.roughSleepers?.items[0]?.shelterWaitingDays).toBe(12);
    expect(body.roughSleepers?.items[1]?.shelterWaitingDays).toBeNull();

    expect(body.freeBeds).toMatchObject({ free: 1, total: 2 });
    expect(body.freeBeds.beds.map((b) => b.label)).toEqual(['301-2']);

    expect(body.lowWinterItems?.items).toEqual([expect.objectContaining({ itemCode: 'winter_coat', total: 3, lowStockThreshold: 10 })]);

    expect(body.allowanceWaiting?.count).toBe(1);
    expect(body.allowanceWaiting?.items[0]).toMatchObject({ person: { id: outside.id }, daysWaiting: 100 });

    expect(body.shelterWaiting.count).toBe(1);
    expect(body.shelterWaiting.items[0]).toMatchObject({ person: { id: outside.id }, daysWaiting: 12, needs: 'women' });

    expect(body.queue).toMatchObject({ total: 2, waitingNow: 1 });
    expect(body.queue?.averageWaitMinutes).not.toBeNull();
  });

  it('moves a person off the outside list as soon as she has a bed', async () => {
    const caseworker = await env.staff('caseworker');
    const beds = await call<{ beds: Array<{ bedId: string; occupant: unknown }> }>(caseworker, 'GET', '/api/shelter/beds');
    const free = beds.body.beds.find((b) => b.occupant === null);
    // The free bed is in a men's room: house the unlisted man in it.
    await ok(caseworker, 'POST', '/api/shelter/stays', { personId: unlisted.id, bedId: free?.bedId, checkInOn: today, expectedCheckOutOn: addDays(today, 14) });
    const { body } = await call<WinterBoard>(caseworker, 'GET', '/api/winter-board');
    expect(body.roughSleepers?.items.map((r) => r.person.id)).toEqual([outside.id]);
    expect(body.freeBeds).toMatchObject({ free: 0, total: 2, beds: [] });
  });

  it('leaves out what a role may not see: the desk gets no allowance list', async () => {
    const { status, body } = await call<WinterBoard>(await env.staff('reception'), 'GET', '/api/winter-board');
    expect(status).toBe(200);
    expect(body.allowanceWaiting).toBeNull();
    expect(body.roughSleepers?.count).toBeGreaterThan(0);
    expect(body.lowWinterItems?.items.length).toBe(1);
    expect(body.queue?.total).toBe(2);
  });
});
