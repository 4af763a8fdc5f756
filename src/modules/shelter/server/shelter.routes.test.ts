import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv, type TestStaff } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';
import { addDays } from '../nights';
import * as repo from './shelter.repository';

let env: TestEnv;
let coordinator: TestStaff;
let caseworker: TestStaff;
let reception: TestStaff;
let fundraiser: TestStaff;
const today = tokyoDate();
const day = (n: number) => addDays(today, n);

beforeAll(async () => {
  env = await createTestEnv();
  coordinator = await env.staff('coordinator');
  caseworker = await env.staff('caseworker');
  reception = await env.staff('reception');
  fundraiser = await env.staff('fundraiser');
});
afterAll(async () => env?.close());

type Method = 'GET' | 'POST' | 'PATCH';
function call(method: Method, url: string, who: TestStaff | null, payload?: unknown) {
  return env.app.inject({ method, url, headers: who ? who.headers : {}, ...(payload !== undefined && { payload: payload as object }) });
}

let roomCounter = 0;
/** A facility (once), a room of this use and `beds` beds in it, through the API. */
async function makeRoom(allowedUse: 'women' | 'families' | 'men' | 'any', beds = 1) {
  roomCounter += 1;
  const facility = (await call('POST', '/api/shelter/facilities', coordinator, { nameJa: `施設${roomCounter}`, nameEn: `House ${roomCounter}` })).json();
  const room = (await call('POST', '/api/shelter/rooms', coordinator, { facilityId: facility.id, name: `Room ${roomCounter}`, allowedUse })).json();
  const bedIds: string[] = [];
  for (let i = 1; i <= beds; i++) {
    const bed = await call('POST', '/api/shelter/beds', coordinator, { roomId: room.id, label: `B${i}` });
    expect(bed.statusCode).toBe(201);
    bedIds.push(bed.json().id);
  }
  return { facility, room, bedIds, bedId: bedIds[0] as string };
}

function stay(who: TestStaff, body: Record<string, unknown>) {
  return call('POST', '/api/shelter/stays', who, body);
}

async function auditActions(entityType: string, entityId: string) {
  return env.handle.db.selectFrom('audit_event').select(['action', 'details']).where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('id').execute();
}

describe('facilities, rooms and beds', () => {
  it('answer 401, 403 and 400 naming the field', async () => {
    expect((await call('GET', '/api/shelter/facilities', null)).statusCode).toBe(401);
    expect((await call('GET', '/api/shelter/facilities', fundraiser)).statusCode).toBe(403);
    expect((await call('POST', '/api/shelter/facilities', null, { nameJa: 'a', nameEn: 'a' })).statusCode).toBe(401);
    const forbidden = await call('POST', '/api/shelter/facilities', caseworker, { nameJa: 'a', nameEn: 'a' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('auth.forbidden');
    const bad = await call('POST', '/api/shelter/facilities', coordinator, { nameJa: '', nameEn: 'x'.repeat(101) });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['nameEn', 'nameJa']);

    expect((await call('POST', '/api/shelter/rooms', null, {})).statusCode).toBe(401);
    expect((await call('POST', '/api/shelter/rooms', reception, {})).statusCode).toBe(403);
    const badRoom = await call('POST', '/api/shelter/rooms', coordinator, { facilityId: randomUUID(), name: 'R', allowedUse: 'children' });
    expect(badRoom.statusCode).toBe(400);
    expect(badRoom.json().error.fields.allowedUse).toBe('Who may use it: not one of the allowed values');
    const unknownFacility = await call('POST', '/api/shelter/rooms', coordinator, { facilityId: randomUUID(), name: 'R', allowedUse: 'men' });
    expect(unknownFacility.statusCode).toBe(400);
    expect(unknownFacility.json().error.code).toBe('facility.not_found');
    expect(Object.keys(unknownFacility.json().error.fields)).toEqual(['facilityId']);

    expect((await call('POST', '/api/shelter/beds', null, {})).statusCode).toBe(401);
    expect((await call('POST', '/api/shelter/beds', caseworker, {})).statusCode).toBe(403);
    const unknownRoom = await call('POST', '/api/shelter/beds', coordinator, { roomId: randomUUID(), label: 'B1' });
    expect(unknownRoom.statusCode).toBe(400);
    expect(unknownRoom.json().error.fields).toHaveProperty('roomId');

    for (const kind of ['facilities', 'rooms', 'beds']) {
      expect((await call('PATCH', `/api/shelter/${kind}/${randomUUID()}`, null, {})).statusCode).toBe(401);
      expect((await call('PATCH', `/api/shelter/${kind}/${randomUUID()}`, caseworker, {})).statusCode).toBe(403);
      const badId = await call('PATCH', `/api/shelter/${kind}/nope`, coordinator, {});
      expect(badId.statusCode).toBe(400);
      expect(badId.json().error.fields).toHaveProperty('id');
      expect((await call('PATCH', `/api/shelter/${kind}/${randomUUID()}`, coordinator, { isActive: false })).statusCode).toBe(404);
    }
  });

  it('builds the tree, refuses duplicate names, renames and retires', async () => {
    const { facility, room, bedIds } = await makeRoom('women', 2);
    const dupRoom = await call('POST', '/api/shelter/rooms', coordinator, { facilityId: facility.id, name: room.name, allowedUse: 'any' });
    expect(dupRoom.statusCode).toBe(409);
    expect(dupRoom.json().error.code).toBe('room.name_taken');
    const dupBed = await call('POST', '/api/shelter/beds', coordinator, { roomId: room.id, label: 'B1' });
    expect(dupBed.json().error.code).toBe('bed.label_taken');
    const relabel = await call('PATCH', `/api/shelter/beds/${bedIds[1]}`, coordinator, { label: 'B1' });
    expect(relabel.json().error.code).toBe('bed.label_taken');

    expect((await call('PATCH', `/api/shelter/facilities/${facility.id}`, coordinator, { nameEn: 'Blue house', note: 'near the station' })).json()).toMatchObject({ nameEn: 'Blue house', note: 'near the station' });
    expect((await call('PATCH', `/api/shelter/rooms/${room.id}`, coordinator, { name: 'Upstairs', allowedUse: 'families' })).json()).toMatchObject({ name: 'Upstairs', allowedUse: 'families' });
    expect((await call('PATCH', `/api/shelter/beds/${bedIds[1]}`, coordinator, { isActive: false })).json()).toMatchObject({ isActive: false });

    const tree = await call('GET', '/api/shelter/facilities', reception);
    expect(tree.statusCode).toBe(200);
    const mine = tree.json().items.find((f: { id: string }) => f.id === facility.id);
    expect(mine).toMatchObject({ nameJa: facility.nameJa, nameEn: 'Blue house', rooms: [{ name: 'Upstairs', allowedUse: 'families', beds: [{ label: 'B1', isActive: true }, { label: 'B2', isActive: false }] }] });
    expect((await auditActions('shelter_bed', bedIds[1] as string)).map((a) => a.action)).toEqual(['create', 'update']);

    // A retired bed leaves the board.
    const board = (await call('GET', '/api/shelter/beds', reception)).json();
    expect(board.beds.map((b: { bedId: string }) => b.bedId)).toContain(bedIds[0]);
    expect(board.beds.map((b: { bedId: string }) => b.bedId)).not.toContain(bedIds[1]);
  });
});

describe('GET /api/shelter/beds', () => {
  it('answers 401, 403 and 400', async () => {
    expect((await call('GET', '/api/shelter/beds', null)).statusCode).toBe(401);
    expect((await call('GET', '/api/shelter/beds', fundraiser)).statusCode).toBe(403);
    const bad = await call('GET', '/api/shelter/beds?on=2026-02-30', reception);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['on']);
  });

  it('shows who sleeps in each bed tonight, since when, overdue stays, and free beds', async () => {
    const { bedIds, room, facility } = await makeRoom('any', 3);
    const amara = await makePerson(env, { familyName: 'Okafor', givenName: 'Amara', sex: 'female' });
    const tesfaye = await makePerson(env, { familyName: 'Bekele', givenName: 'Tesfaye', sex: 'male' });
    expect((await stay(caseworker, { personId: amara.id, bedId: bedIds[0], checkInOn: day(-3), expectedCheckOutOn: day(10) })).statusCode).toBe(201);
    // Expected out yesterday but never checked out: still there, overdue.
    await repo.insertStay(env.handle.db, {
      organisation_id: env.organisationId, person_id: tesfaye.id, bed_id: bedIds[1] as string, check_in_on: day(-20), expected_check_out_on: day(-1), created_by: caseworker.ctx.actor.staffUserId,
    });
    const res = await call('GET', '/api/shelter/beds', reception);
    expect(res.statusCode).toBe(200);
    const board = res.json();
    expect(board.on).toBe(today);
    const mine = board.beds.filter((b: { roomId: string }) => b.roomId === room.id);
    expect(mine.map((b: { label: string }) => b.label)).toEqual(['B1', 'B2', 'B3']);
    expect(mine[0]).toMatchObject({
      facilityId: facility.id, facilityNameEn: facility.nameEn, roomName: room.name, allowedUse: 'any',
      occupant: { person: { id: amara.id, familyName: 'Okafor', fileNumber: amara.fileNumber }, checkInOn: day(-3), expectedCheckOutOn: day(10), nights: 4, isOverdue: false },
    });
    expect(mine[1].occupant).toMatchObject({ person: { id: tesfaye.id }, isOverdue: true, nights: 21 });
    expect(mine[2].occupant).toBeNull();
    expect(board.totalCount).toBe(board.beds.length);
    expect(board.freeCount).toBe(board.beds.filter((b: { occupant: unknown }) => b.occupant === null).length);

    // Another night: in 11 days Amara has left (expected out day 10), the overdue stay still holds its bed.
    const later = (await call('GET', `/api/shelter/beds?on=${day(11)}`, reception)).json();
    const laterMine = later.beds.filter((b: { roomId: string }) => b.roomId === room.id);
    expect(laterMine[0].occupant).toBeNull();
    expect(laterMine[1].occupant.person.id).toBe(tesfaye.id);
    expect((await env.services.shelter.housedPersonIds(reception.ctx, today)).has(tesfaye.id)).toBe(true);
    expect((await env.services.shelter.housedPersonIds(reception.ctx, today)).has(amara.id)).toBe(true);
    expect((await env.services.shelter.housedPersonIds(reception.ctx, day(11))).has(amara.id)).toBe(false);
  });
});

describe('POST /api/shelter/stays', () => {
  it('answers 401, 403 and 400 naming the field', async () => {
    const { bedId } = await makeRoom('any');
    const p = await makePerson(env);
    const good = { personId: p.id, bedId, checkInOn: today, expectedCheckOutOn: day(30) };
    expect((await call('POST', '/api/shelter/stays', null, good)).statusCode).toBe(401);
    const forbidden = await stay(reception, good);
    expect(forbidden.statusCode).toBe(403);
    const bad = await stay(caseworker, { ...good, checkInOn: '2026-13-01', bedId: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['bedId', 'checkInOn']);
    const backwards = await stay(caseworker, { ...good, expectedCheckOutOn: today });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('stay.check_out_not_after_check_in');
    expect(Object.keys(backwards.json().error.fields)).toEqual(['expectedCheckOutOn']);
    const unknownBed = await stay(caseworker, { ...good, bedId: randomUUID() });
    expect(unknownBed.statusCode).toBe(400);
    expect(unknownBed.json().error.code).toBe('bed.not_found');
    const unknownPerson = await stay(caseworker, { ...good, personId: randomUUID() });
    expect(unknownPerson.statusCode).toBe(404);
    expect(await env.handle.db.selectFrom('shelter_stay').select('id').where('bed_id', '=', bedId).execute()).toEqual([]);
  });

  it('houses a person, sets their housing to the shelter and audits it', async () => {
    const { bedId, room, facility } = await makeRoom('women');
    const p = await makePerson(env, { sex: 'female', housing: 'rough_sleeping' });
    const res = await stay(caseworker, { personId: p.id, bedId, checkInOn: today, expectedCheckOutOn: day(30), note: 'via NPO' });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      personId: p.id, bedId, bedLabel: 'B1', roomName: room.name, facilityNameJa: facility.nameJa, checkInOn: today, expectedCheckOutOn: day(30),
      checkedOutOn: null, waitingEntryId: null, note: 'via NPO', nightsProvided: 1, isOverdue: false,
    });
    const person = await env.services.people.get(caseworker.ctx, p.id);
    expect(person.housing).toBe('org_shelter');
    const history = await env.handle.db.selectFrom('case_status_change').select(['old_value', 'new_value']).where('person_id', '=', p.id).where('field', '=', 'housing').execute();
    expect(history).toEqual([{ old_value: 'rough_sleeping', new_value: 'org_shelter' }]);
    const audit = await auditActions('shelter_stay', s.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ personId: p.id, bedId, housingChanged: true });
    expect(JSON.stringify(audit)).not.toContain('via NPO');
  });

  it('refuses a second stay on the bed for an overlapping night (409 bed.occupied) but allows back-to-back stays', async () => {
    const { bedId } = await makeRoom('any');
    const [a, b, c] = [await makePerson(env), await makePerson(env), await makePerson(env)];
    expect((await stay(caseworker, { personId: a.id, bedId, checkInOn: day(1), expectedCheckOutOn: day(5) })).statusCode).toBe(201);
    const overlap = await stay(caseworker, { personId: b.id, bedId, checkInOn: day(4), expectedCheckOutOn: day(8) });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error).toMatchObject({ code: 'bed.occupied', message: expect.stringContaining('already taken') });
    const before = await stay(caseworker, { personId: b.id, bedId, checkInOn: day(-2), expectedCheckOutOn: day(2) });
    expect(before.json().error.code).toBe('bed.occupied');
    // Check-out day of one stay = check-in day of the next.
    expect((await stay(caseworker, { personId: b.id, bedId, checkInOn: day(5), expectedCheckOutOn: day(9) })).statusCode).toBe(201);
    expect((await stay(caseworker, { personId: c.id, bedId, checkInOn: day(-1), expectedCheckOutOn: day(1) })).statusCode).toBe(201);
  });

  it('refuses a person already in a bed for those nights (409 stay.person_already_housed)', async () => {
    const { bedIds } = await makeRoom('any', 2);
    const p = await makePerson(env);
    expect((await stay(caseworker, { personId: p.id, bedId: bedIds[0], checkInOn: today, expectedCheckOutOn: day(7) })).statusCode).toBe(201);
    const twice = await stay(caseworker, { personId: p.id, bedId: bedIds[1], checkInOn: day(3), expectedCheckOutOn: day(10) });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('stay.person_already_housed');
  });

  it('refuses a bed held by an overdue open stay, a retired bed, and a room not for the person', async () => {
    const { bedIds } = await makeRoom('any', 2);
    const [a, b] = [await makePerson(env), await makePerson(env)];
    await repo.insertStay(env.handle.db, {
      organisation_id: env.organisationId, person_id: a.id, bed_id: bedIds[0] as string, check_in_on: day(-10), expected_check_out_on: day(-2), created_by: caseworker.ctx.actor.staffUserId,
    });
    const held = await stay(caseworker, { personId: b.id, bedId: bedIds[0], checkInOn: today, expectedCheckOutOn: day(5) });
    expect(held.statusCode).toBe(409);
    expect(held.json().error.code).toBe('bed.occupied');
    const stillThere = await stay(caseworker, { personId: a.id, bedId: bedIds[1], checkInOn: today, expectedCheckOutOn: day(5) });
    expect(stillThere.json().error.code).toBe('stay.person_already_housed');

    await call('PATCH', `/api/shelter/beds/${bedIds[1]}`, coordinator, { isActive: false });
    const retired = await stay(caseworker, { personId: b.id, bedId: bedIds[1], checkInOn: today, expectedCheckOutOn: day(5) });
    expect(retired.statusCode).toBe(400);
    expect(retired.json().error).toMatchObject({ code: 'bed.retired', fields: { bedId: expect.any(String) } });

    const women = await makeRoom('women');
    const men = await makeRoom('men');
    const man = await makePerson(env, { sex: 'male' });
    const woman = await makePerson(env, { sex: 'female' });
    const unknown = await makePerson(env, { sex: 'unknown' });
    expect((await stay(caseworker, { personId: man.id, bedId: women.bedId, checkInOn: today, expectedCheckOutOn: day(2) })).json().error.code).toBe('bed.use_mismatch');
    expect((await stay(caseworker, { personId: woman.id, bedId: men.bedId, checkInOn: today, expectedCheckOutOn: day(2) })).json().error.code).toBe('bed.use_mismatch');
    expect((await stay(caseworker, { personId: unknown.id, bedId: women.bedId, checkInOn: today, expectedCheckOutOn: day(2) })).statusCode).toBe(201);
    const families = await makeRoom('families');
    expect((await stay(caseworker, { personId: man.id, bedId: families.bedId, checkInOn: today, expectedCheckOutOn: day(2) })).statusCode).toBe(201);
  });

  it('is refused by the database itself when the service is bypassed (exclusion constraint)', async () => {
    const { bedId } = await makeRoom('any');
    const [a, b] = [await makePerson(env), await makePerson(env)];
    const row = (personId: string, from: number, to: number) => ({
      organisation_id: env.organisationId, person_id: personId, bed_id: bedId, check_in_on: day(from), expected_check_out_on: day(to), created_by: caseworker.ctx.actor.staffUserId,
    });
    await repo.insertStay(env.handle.db, row(a.id, 0, 5));
    await expect(repo.insertStay(env.handle.db, row(b.id, 4, 6))).rejects.toMatchObject({ code: '23P01', constraint: 'shelter_stay_bed_night' });
    await expect(repo.insertStay(env.handle.db, row(a.id, 5, 6))).resolves.toBeDefined();
  });

  it('gives one bed to only one of two concurrent requests', async () => {
    const { bedId } = await makeRoom('any');
    const [a, b] = [await makePerson(env), await makePerson(env)];
    const results = await Promise.all([a, b].map((p) => stay(caseworker, { personId: p.id, bedId, checkInOn: today, expectedCheckOutOn: day(14) })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().error.code).toBe('bed.occupied');
    expect(await env.handle.db.selectFrom('shelter_stay').select('id').where('bed_id', '=', bedId).execute()).toHaveLength(1);
  });

  it('closes the waiting-list entry as housed in the same transaction', async () => {
    const { bedId } = await makeRoom('any');
    const p = await makePerson(env);
    const other = await makePerson(env);
    const entry = (await call('POST', '/api/shelter/waiting-list', caseworker, { personId: p.id, needs: 'any' })).json();
    const wrong = await stay(caseworker, { personId: other.id, bedId, checkInOn: today, expectedCheckOutOn: day(30), waitingEntryId: entry.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty('waitingEntryId');
    const res = await stay(caseworker, { personId: p.id, bedId, checkInOn: today, expectedCheckOutOn: day(30), waitingEntryId: entry.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().waitingEntryId).toBe(entry.id);
    const row = await env.handle.db.selectFrom('shelter_waiting_entry').select(['status', 'closed_on']).where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'housed', closed_on: today });
    expect((await call('GET', '/api/shelter/waiting-list', reception)).json().items.map((e: { id: string }) => e.id)).not.toContain(entry.id);
  });
});

describe('check-out and changing a stay', () => {
  it('answers 401, 403 and 400', async () => {
    const id = randomUUID();
    expect((await call('POST', `/api/shelter/stays/${id}/check-out`, null, {})).statusCode).toBe(401);
    expect((await call('POST', `/api/shelter/stays/${id}/check-out`, reception, {})).statusCode).toBe(403);
    const bad = await call('POST', `/api/shelter/stays/${id}/check-out`, caseworker, { checkedOutOn: 'tomorrow' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['checkedOutOn']);
    expect((await call('PATCH', `/api/shelter/stays/${id}`, null, {})).statusCode).toBe(401);
    expect((await call('PATCH', `/api/shelter/stays/${id}`, reception, {})).statusCode).toBe(403);
    const badPatch = await call('PATCH', `/api/shelter/stays/${id}`, caseworker, {});
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().error.fields.expectedCheckOutOn).toBe('Expected check-out: required');
    expect((await call('POST', `/api/shelter/stays/${id}/check-out`, caseworker, {})).statusCode).toBe(404);
  });

  it('checks out (default today), frees the bed, and refuses a second check-out or one before check-in', async () => {
    const { bedId } = await makeRoom('any');
    const [a, b] = [await makePerson(env), await makePerson(env)];
    const s = (await stay(caseworker, { personId: a.id, bedId, checkInOn: day(-5), expectedCheckOutOn: day(20) })).json();
    const early = await call('POST', `/api/shelter/stays/${s.id}/check-out`, caseworker, { checkedOutOn: day(-6) });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'stay.check_out_before_check_in', fields: { checkedOutOn: expect.any(String) } });
    const future = await call('POST', `/api/shelter/stays/${s.id}/check-out`, caseworker, { checkedOutOn: day(1) });
    expect(future.json().error.code).toBe('stay.check_out_in_future');
    const out = await env.app.inject({ method: 'POST', url: `/api/shelter/stays/${s.id}/check-out`, headers: caseworker.headers });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ checkedOutOn: today, nightsProvided: 5, isOverdue: false });
    expect((await call('POST', `/api/shelter/stays/${s.id}/check-out`, caseworker, {})).json().error.code).toBe('stay.already_checked_out');
    // The bed is free from tonight.
    expect((await stay(caseworker, { personId: b.id, bedId, checkInOn: today, expectedCheckOutOn: day(3) })).statusCode).toBe(201);
  });

  it('extends or shortens an open stay, 409 when the bed is booked in the added nights', async () => {
    const { bedId } = await makeRoom('any');
    const [a, b] = [await makePerson(env), await makePerson(env)];
    const s = (await stay(caseworker, { personId: a.id, bedId, checkInOn: today, expectedCheckOutOn: day(5) })).json();
    await stay(caseworker, { personId: b.id, bedId, checkInOn: day(10), expectedCheckOutOn: day(15) });
    const extended = await call('PATCH', `/api/shelter/stays/${s.id}`, caseworker, { expectedCheckOutOn: day(10) });
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toMatchObject({ expectedCheckOutOn: day(10), version: 2 });
    const tooLong = await call('PATCH', `/api/shelter/stays/${s.id}`, caseworker, { expectedCheckOutOn: day(11) });
    expect(tooLong.statusCode).toBe(409);
    expect(tooLong.json().error.code).toBe('bed.occupied');
    const backwards = await call('PATCH', `/api/shelter/stays/${s.id}`, caseworker, { expectedCheckOutOn: today });
    expect(backwards.json().error.fields).toHaveProperty('expectedCheckOutOn');
    expect((await call('PATCH', `/api/shelter/stays/${s.id}`, caseworker, { expectedCheckOutOn: day(3) })).json().expectedCheckOutOn).toBe(day(3));
  });
});

describe('POST /api/shelter/paid-lodging', () => {
  it('answers 401, 403 and 400 naming the field', async () => {
    const p = await makePerson(env);
    const good = { personId: p.id, kind: 'net_cafe', firstNightOn: today, nights: 2, costYen: 4800 };
    expect((await call('POST', '/api/shelter/paid-lodging', null, good)).statusCode).toBe(401);
    expect((await call('POST', '/api/shelter/paid-lodging', reception, good)).statusCode).toBe(403);
    const bad = await call('POST', '/api/shelter/paid-lodging', caseworker, { ...good, kind: 'tent', nights: 0, costYen: -1 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['costYen', 'kind', 'nights']);
    const line = await call('POST', '/api/shelter/paid-lodging', caseworker, { ...good, budgetLineId: randomUUID() });
    expect(line.statusCode).toBe(400);
    expect(line.json().error).toMatchObject({ code: 'budget_line.not_found', fields: { budgetLineId: expect.any(String) } });
  });

  it('records nights and cost against a budget line', async () => {
    const p = await makePerson(env);
    const budgetLine = await env.handle.db.insertInto('budget_line').values({ organisation_id: env.organisationId, name_ja: '宿泊', name_en: 'Lodging', monthly_amount_yen: 100_000 }).returning('id').executeTakeFirstOrThrow();
    const res = await call('POST', '/api/shelter/paid-lodging', caseworker, {
      personId: p.id, kind: 'hotel', placeName: 'Hotel Ueno', firstNightOn: day(-1), nights: 3, costYen: 15_000, budgetLineId: budgetLine.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ personId: p.id, kind: 'hotel', placeName: 'Hotel Ueno', firstNightOn: day(-1), nights: 3, costYen: 15_000, budgetLineId: budgetLine.id, recordedByName: 'caseworker en' });
    const audit = await auditActions('paid_lodging', res.json().id);
    expect(audit[0]?.details).toMatchObject({ personId: p.id, nights: 3, costYen: 15_000 });
    expect(JSON.stringify(audit)).not.toContain('Ueno');
  });
});

describe('GET /api/people/:id/shelter and /api/shelter/nights', () => {
  it('answers 401, 403 and 400', async () => {
    const p = await makePerson(env);
    expect((await call('GET', `/api/people/${p.id}/shelter`, null)).statusCode).toBe(401);
    expect((await call('GET', `/api/people/${p.id}/shelter`, fundraiser)).statusCode).toBe(403);
    expect((await call('GET', '/api/people/nope/shelter', reception)).json().error.fields).toHaveProperty('id');
    expect((await call('GET', `/api/people/${randomUUID()}/shelter`, reception)).statusCode).toBe(404);
    expect((await call('GET', `/api/shelter/nights?from=${today}&to=${today}`, null)).statusCode).toBe(401);
    expect((await call('GET', `/api/shelter/nights?from=${today}&to=${today}`, fundraiser)).statusCode).toBe(403);
    const missing = await call('GET', '/api/shelter/nights?from=2026-01-01', reception);
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields)).toEqual(['to']);
    const backwards = await call('GET', '/api/shelter/nights?from=2026-02-01&to=2026-01-01', reception);
    expect(backwards.json().error).toMatchObject({ code: 'shelter.range_invalid', fields: { to: expect.any(String) } });
  });

  it('shows the desk and viewers the priority of a waiting entry, not its health reasons or notes', async () => {
    const p = await makePerson(env, { sex: 'female' });
    const entry = await call('POST', '/api/shelter/waiting-list', caseworker, { personId: p.id, needs: 'women', isPregnant: true, isIll: true, note: 'Due in March; asthma' });
    expect(entry.statusCode, entry.body).toBe(201);
    const viewer = await env.staff('viewer');
    for (const who of [reception, viewer]) {
      const list = (await call('GET', '/api/shelter/waiting-list', who)).json();
      const seen = list.items.find((e: { id: string }) => e.id === entry.json().id);
      expect(seen).toMatchObject({ isPregnant: null, isIll: null, note: null, priority: entry.json().priority, priorityReasons: ['woman'] });
      expect(JSON.stringify(list)).not.toContain('asthma');
      const own = (await call('GET', `/api/people/${p.id}/shelter`, who)).json();
      expect(own.waitingEntry).toMatchObject({ isPregnant: null, isIll: null, note: null, priorityReasons: ['woman'] });
    }
    for (const who of [caseworker, coordinator]) {
      const seen = (await call('GET', '/api/shelter/waiting-list', who)).json().items.find((e: { id: string }) => e.id === entry.json().id);
      expect(seen).toMatchObject({ isPregnant: true, isIll: true, note: 'Due in March; asthma' });
      expect(seen.priorityReasons).toEqual(expect.arrayContaining(['woman', 'pregnant', 'ill']));
    }
  });

  it("gives a person's stays, nights provided (slept nights only), current stay and open entry, audited", async () => {
    const { bedIds } = await makeRoom('any', 2);
    const p = await makePerson(env);
    const past = (await stay(caseworker, { personId: p.id, bedId: bedIds[0], checkInOn: day(-30), expectedCheckOutOn: day(-20) })).json();
    await call('POST', `/api/shelter/stays/${past.id}/check-out`, caseworker, { checkedOutOn: day(-25) }); // 5 nights
    const current = (await stay(caseworker, { personId: p.id, bedId: bedIds[1], checkInOn: day(-2), expectedCheckOutOn: day(5) })).json(); // 3 so far
    await call('POST', '/api/shelter/paid-lodging', caseworker, { personId: p.id, kind: 'net_cafe', firstNightOn: day(-10), nights: 4, costYen: 8000 });
    await call('POST', '/api/shelter/waiting-list', caseworker, { personId: p.id, needs: 'men' });

    const res = await call('GET', `/api/people/${p.id}/shelter`, reception);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nights).toEqual({ shelter: 8, paid: 4, total: 12 });
    expect(body.currentStay).toMatchObject({ id: current.id, nightsProvided: 3 });
    expect(body.stays.map((s: { id: string }) => s.id)).toEqual([current.id, past.id]);
    expect(body.paidLodging).toHaveLength(1);
    expect(body.waitingEntry).toMatchObject({ needs: 'men', status: 'waiting', daysWaiting: 0 });
    const reads = await env.handle.db.selectFrom('audit_event').select('details').where('action', '=', 'read').where('entity_type', '=', 'person').where('entity_id', '=', p.id).execute();
    expect(reads.map((r) => (r.details as { view?: string }).view)).toContain('shelter');
  });

  it('totals nights provided in a range: slept shelter nights plus paid nights, clipped to the range', async () => {
    const fresh = await createTestEnv();
    try {
      const cw = await fresh.staff('caseworker');
      const coord = await fresh.staff('coordinator');
      const f = (await fresh.app.inject({ method: 'POST', url: '/api/shelter/facilities', headers: coord.headers, payload: { nameJa: '家', nameEn: 'House' } })).json();
      const r = (await fresh.app.inject({ method: 'POST', url: '/api/shelter/rooms', headers: coord.headers, payload: { facilityId: f.id, name: 'R', allowedUse: 'any' } })).json();
      const b = (await fresh.app.inject({ method: 'POST', url: '/api/shelter/beds', headers: coord.headers, payload: { roomId: r.id, label: '1' } })).json();
      const p = await makePerson(fresh);
      const q = await makePerson(fresh);
      await fresh.app.inject({ method: 'POST', url: '/api/shelter/stays', headers: cw.headers, payload: { personId: p.id, bedId: b.id, checkInOn: day(-4), expectedCheckOutOn: day(10) } });
      await fresh.app.inject({ method: 'POST', url: '/api/shelter/paid-lodging', headers: cw.headers, payload: { personId: q.id, kind: 'hotel', firstNightOn: day(-1), nights: 3, costYen: 9000 } });
      const all = await fresh.app.inject({ method: 'GET', url: `/api/shelter/nights?from=${day(-10)}&to=${day(10)}`, headers: cw.headers });
      expect(all.statusCode).toBe(200);
      // Shelter: day -4 … today = 5 nights slept (future nights not provided); paid: 3 nights.
      expect(all.json()).toEqual({ from: day(-10), to: day(10), shelter: 5, paid: 3, total: 8 });
      const clipped = await fresh.app.inject({ method: 'GET', url: `/api/shelter/nights?from=${day(-1)}&to=${day(0)}`, headers: cw.headers });
      expect(clipped.json()).toMatchObject({ shelter: 2, paid: 2, total: 4 });
    } finally {
      await fresh.close();
    }
  });
});

describe('waiting list', () => {
  it('answers 401, 403 and 400 naming the field', async () => {
    const p = await makePerson(env);
    expect((await call('GET', '/api/shelter/waiting-list', null)).statusCode).toBe(401);
    expect((await call('GET', '/api/shelter/waiting-list', fundraiser)).statusCode).toBe(403);
    expect((await call('POST', '/api/shelter/waiting-list', null, { personId: p.id, needs: 'men' })).statusCode).toBe(401);
    expect((await call('POST', '/api/shelter/waiting-list', reception, { personId: p.id, needs: 'men' })).statusCode).toBe(403);
    const bad = await call('POST', '/api/shelter/waiting-list', caseworker, { personId: p.id, needs: 'single', isIll: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['isIll', 'needs']);
    const id = randomUUID();
    expect((await call('PATCH', `/api/shelter/waiting-list/${id}`, null, {})).statusCode).toBe(401);
    expect((await call('PATCH', `/api/shelter/waiting-list/${id}`, reception, {})).statusCode).toBe(403);
    expect((await call('PATCH', `/api/shelter/waiting-list/${id}`, caseworker, { status: 'housed' })).json().error.fields).toHaveProperty('status');
    expect((await call('GET', `/api/shelter/waiting-list/${id}/beds`, null)).statusCode).toBe(401);
    expect((await call('GET', `/api/shelter/waiting-list/${id}/beds`, fundraiser)).statusCode).toBe(403);
    expect((await call('GET', '/api/shelter/waiting-list/nope/beds', reception)).statusCode).toBe(400);
    expect((await call('GET', `/api/shelter/waiting-list/${id}/beds`, reception)).statusCode).toBe(404);
  });

  it('lists people by priority with reasons, refuses a second listing, updates and withdraws', async () => {
    const man = await makePerson(env, { familyName: 'Single', sex: 'male', housing: 'rough_sleeping' });
    const mother = await makePerson(env, { familyName: 'Mother', sex: 'female' });
    const ill = await makePerson(env, { familyName: 'Ill', sex: 'male' });
    const manEntry = await call('POST', '/api/shelter/waiting-list', caseworker, { personId: man.id, needs: 'men', note: 'sleeps at the station' });
    expect(manEntry.statusCode).toBe(201);
    // Rough sleeping taken from the person's housing when not given.
    expect(manEntry.json()).toMatchObject({ isRoughSleeping: true, priority: 40, priorityReasons: ['rough_sleeping'], listedOn: today, daysWaiting: 0 });
    const motherEntry = (await call('POST', '/api/shelter/waiting-list', caseworker, { personId: mother.id, needs: 'families', withChildren: true, isPregnant: true })).json();
    expect(motherEntry).toMatchObject({ priority: 300, priorityReasons: ['woman', 'with_children', 'pregnant'] });
    const illEntry = (await call('POST', '/api/shelter/waiting-list', caseworker, { personId: ill.id, needs: 'men', isIll: true })).json();
    // Listed 45 days ago: 60 + 45.
    await env.handle.db.updateTable('shelter_waiting_entry').set({ listed_on: day(-45) }).where('id', '=', illEntry.id).execute();

    const again = await call('POST', '/api/shelter/waiting-list', caseworker, { personId: man.id, needs: 'any' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('waiting.already_listed');

    const list = (await call('GET', '/api/shelter/waiting-list', reception)).json().items;
    const mine = list.filter((e: { id: string }) => [manEntry.json().id, motherEntry.id, illEntry.id].includes(e.id));
    expect(mine.map((e: { person: { familyName: string } }) => e.person.familyName)).toEqual(['Mother', 'Ill', 'Single']);
    expect(mine[1]).toMatchObject({ priority: 105, daysWaiting: 45, listedOn: day(-45) });

    const updated = await call('PATCH', `/api/shelter/waiting-list/${manEntry.json().id}`, caseworker, { isIll: true, version: 1 });
    expect(updated.json()).toMatchObject({ isIll: true, priority: 100, version: 2 });
    const stale = await call('PATCH', `/api/shelter/waiting-list/${manEntry.json().id}`, caseworker, { isIll: false, version: 1 });
    expect(stale.json().error.code).toBe('waiting.version_conflict');
    const noReason = await call('PATCH', `/api/shelter/waiting-list/${manEntry.json().id}`, caseworker, { status: 'withdrawn' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'waiting.reason_required', fields: { reason: expect.any(String) } });
    const withdrawn = await call('PATCH', `/api/shelter/waiting-list/${manEntry.json().id}`, caseworker, { status: 'withdrawn', reason: 'found a room with a friend' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', closedOn: today, closedReason: 'found a room with a friend' });
    expect((await call('PATCH', `/api/shelter/waiting-list/${manEntry.json().id}`, caseworker, { isIll: false })).json().error.code).toBe('waiting.closed');
    expect((await call('GET', '/api/shelter/waiting-list', reception)).json().items.map((e: { id: string }) => e.id)).not.toContain(manEntry.json().id);
    // Listed again after withdrawal: a new entry.
    expect((await call('POST', '/api/shelter/waiting-list', caseworker, { personId: man.id, needs: 'men' })).statusCode).toBe(201);
  });

  it('offers free beds that suit the entry, then allocates one', async () => {
    const fresh = await createTestEnv();
    try {
      const cw = await fresh.staff('caseworker');
      const coord = await fresh.staff('coordinator');
      const post = (url: string, who: TestStaff, payload: object) => fresh.app.inject({ method: 'POST', url, headers: who.headers, payload });
      const f = (await post('/api/shelter/facilities', coord, { nameJa: '家', nameEn: 'House' })).json();
      const bedOf: Record<string, string> = {};
      for (const [i, use] of ['men', 'any', 'women', 'families'].entries()) {
        const r = (await post('/api/shelter/rooms', coord, { facilityId: f.id, name: use, allowedUse: use, sortOrder: i })).json();
        bedOf[use] = (await post('/api/shelter/beds', coord, { roomId: r.id, label: '1' })).json().id;
      }
      const woman = await makePerson(fresh, { sex: 'female' });
      const man = await makePerson(fresh, { sex: 'male' });
      const taken = await makePerson(fresh, { sex: 'male' });
      const womanEntry = (await post('/api/shelter/waiting-list', cw, { personId: woman.id, needs: 'women' })).json();
      const manEntry = (await post('/api/shelter/waiting-list', cw, { personId: man.id, needs: 'men' })).json();
      const beds = async (id: string) => (await fresh.app.inject({ method: 'GET', url: `/api/shelter/waiting-list/${id}/beds`, headers: cw.headers })).json();
      expect((await beds(womanEntry.id)).beds.map((b: { allowedUse: string }) => b.allowedUse)).toEqual(['women', 'any']);
      expect((await beds(manEntry.id)).beds.map((b: { allowedUse: string }) => b.allowedUse)).toEqual(['men', 'any']);
      await post('/api/shelter/stays', cw, { personId: taken.id, bedId: bedOf.men, checkInOn: today, expectedCheckOutOn: day(3) });
      const left = await beds(manEntry.id);
      expect(left).toMatchObject({ entryId: manEntry.id, on: today });
      expect(left.beds.map((b: { bedId: string }) => b.bedId)).toEqual([bedOf.any]);
      const allocated = await post('/api/shelter/stays', cw, { personId: man.id, bedId: left.beds[0].bedId, checkInOn: today, expectedCheckOutOn: day(30), waitingEntryId: manEntry.id });
      expect(allocated.statusCode).toBe(201);
      const closed = await fresh.app.inject({ method: 'GET', url: `/api/shelter/waiting-list/${manEntry.id}/beds`, headers: cw.headers });
      expect(closed.statusCode).toBe(409);
      expect(closed.json().error.code).toBe('waiting.closed');
      expect((await beds(womanEntry.id)).beds.map((b: { allowedUse: string }) => b.allowedUse)).toEqual(['women']);
    } finally {
      await fresh.close();
    }
  });
});

describe('OpenAPI', () => {
  it('documents every shelter route', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/api/shelter/facilities', '/api/shelter/facilities/{id}', '/api/shelter/rooms', '/api/shelter/rooms/{id}', '/api/shelter/beds', '/api/shelter/beds/{id}',
      '/api/shelter/stays', '/api/shelter/stays/{id}', '/api/shelter/stays/{id}/check-out', '/api/shelter/paid-lodging', '/api/people/{id}/shelter',
      '/api/shelter/nights', '/api/shelter/waiting-list', '/api/shelter/waiting-list/{id}', '/api/shelter/waiting-list/{id}/beds',
    ]) {
      expect(paths).toContain(path);
    }
    expect(doc.paths['/api/shelter/beds'].get.responses['200']).toBeDefined();
  });
});
