import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, makeVisit, type TestEnv } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('POST /api/visits (check-in)', () => {
  it('answers 401, 403 and 400', async () => {
    const p = await makePerson(env);
    expect((await env.app.inject({ method: 'POST', url: '/api/visits', payload: { personId: p.id } })).statusCode).toBe(401);
    const viewer = await env.staff('viewer');
    expect((await env.app.inject({ method: 'POST', url: '/api/visits', headers: viewer.headers, payload: { personId: p.id } })).statusCode).toBe(403);
    const reception = await env.staff('reception');
    const bad = await env.app.inject({ method: 'POST', url: '/api/visits', headers: reception.headers, payload: { personId: 'x', priority: 'asap', interpreterLanguage: 'zz9' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['interpreterLanguage', 'personId', 'priority']);
  });

  it("404s someone else's or an unknown person, and writes nothing", async () => {
    const reception = await env.staff('reception');
    const res = await env.app.inject({ method: 'POST', url: '/api/visits', headers: reception.headers, payload: { personId: '00000000-0000-4000-8000-000000000000' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('person.not_found');
    const queue = await env.app.inject({ method: 'GET', url: '/api/visits', headers: reception.headers });
    expect(queue.json().items.some((v: { personId: string }) => v.personId === '00000000-0000-4000-8000-000000000000')).toBe(false);
  });

  it('hands out the next ticket of the day and shows the visit in today\'s queue', async () => {
    const reception = await env.staff('reception');
    const a = await makePerson(env, { familyName: 'Kabila' });
    const b = await makePerson(env, { familyName: 'Mbala' });
    const first = await env.app.inject({ method: 'POST', url: '/api/visits', headers: reception.headers, payload: { personId: a.id, reason: 'food', interpreterLanguage: 'fr', priority: 'normal' } });
    expect(first.statusCode).toBe(201);
    const second = await env.app.inject({ method: 'POST', url: '/api/visits', headers: reception.headers, payload: { personId: b.id, reason: 'sleeping outside', priorityReasons: ['rough_sleeping'] } });
    expect(second.json().ticketNumber).toBe(first.json().ticketNumber + 1);
    expect(second.json()).toMatchObject({ status: 'waiting', priority: 'high', priorityReasons: ['rough_sleeping'] });
    const queue = (await env.app.inject({ method: 'GET', url: '/api/visits', headers: reception.headers })).json();
    expect(queue.date).toBe(tokyoDate());
    const ids = queue.items.map((v: { id: string }) => v.id);
    // The high-priority walk-in is listed before the earlier normal one.
    expect(ids.indexOf(second.json().id)).toBeLessThan(ids.indexOf(first.json().id));
    expect(queue.items.find((v: { id: string }) => v.id === first.json().id).person.familyName).toBe('Kabila');
    const dup = await env.app.inject({ method: 'POST', url: '/api/visits', headers: reception.headers, payload: { personId: a.id } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('visit.already_queued');
  });

  it('gives concurrent check-ins distinct ticket numbers', async () => {
    const reception = await env.staff('reception');
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => makePerson(env, { familyName: `Parallel${i}` })));
    const results = await Promise.all(people.map((p) => env.app.inject({ method: 'POST', url: '/api/visits', headers: reception.headers, payload: { personId: p.id } })));
    const tickets = results.map((r) => r.json().ticketNumber as number);
    expect(new Set(tickets).size).toBe(6);
  });
});

describe('GET /api/visits', () => {
  it('answers 401, 403, 400 and an empty past day', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/visits' })).statusCode).toBe(401);
    const fundraiser = await env.staff('fundraiser');
    expect((await env.app.inject({ method: 'GET', url: '/api/visits', headers: fundraiser.headers })).statusCode).toBe(403);
    const reception = await env.staff('reception');
    const bad = await env.app.inject({ method: 'GET', url: '/api/visits?date=2026-02-30', headers: reception.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('date');
    const past = await env.app.inject({ method: 'GET', url: '/api/visits?date=2020-01-06', headers: reception.headers });
    expect(past.json()).toMatchObject({ date: '2020-01-06', items: [] });
  });
});

describe('PATCH /api/visits/:id', () => {
  it('walks waiting → called → in consultation → done, recording who and when', async () => {
    const caseworker = await env.staff('caseworker');
    const { visit } = await makeVisit(env);
    const url = `/api/visits/${visit.id}`;
    const called = await env.app.inject({ method: 'PATCH', url, headers: caseworker.headers, payload: { status: 'called' } });
    expect(called.json()).toMatchObject({ status: 'called', handledByName: 'caseworker en' });
    expect(called.json().calledAt).not.toBeNull();
    const started = await env.app.inject({ method: 'PATCH', url, headers: caseworker.headers, payload: { status: 'in_consultation' } });
    expect(started.json().startedAt).not.toBeNull();
    const done = await env.app.inject({ method: 'PATCH', url, headers: caseworker.headers, payload: { status: 'done' } });
    expect(done.json()).toMatchObject({ status: 'done' });
    expect(done.json().finishedAt).not.toBeNull();
    const back = await env.app.inject({ method: 'PATCH', url, headers: caseworker.headers, payload: { status: 'waiting' } });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('visit.invalid_transition');
  });

  it('lets a waiting person be marked as left without being seen', async () => {
    const reception = await env.staff('reception');
    const { visit } = await makeVisit(env);
    const left = await env.app.inject({ method: 'PATCH', url: `/api/visits/${visit.id}`, headers: reception.headers, payload: { status: 'left' } });
    expect(left.json().status).toBe('left');
  });

  it('answers 401, 403, 400 and 404', async () => {
    const { visit } = await makeVisit(env);
    const url = `/api/visits/${visit.id}`;
    expect((await env.app.inject({ method: 'PATCH', url, payload: { status: 'called' } })).statusCode).toBe(401);
    const viewer = await env.staff('viewer');
    expect((await env.app.inject({ method: 'PATCH', url, headers: viewer.headers, payload: { status: 'called' } })).statusCode).toBe(403);
    const reception = await env.staff('reception');
    const bad = await env.app.inject({ method: 'PATCH', url, headers: reception.headers, payload: { status: 'gone' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('status');
    const missing = await env.app.inject({ method: 'PATCH', url: '/api/visits/00000000-0000-4000-8000-000000000000', headers: reception.headers, payload: { status: 'called' } });
    expect(missing.statusCode).toBe(404);
  });
});
