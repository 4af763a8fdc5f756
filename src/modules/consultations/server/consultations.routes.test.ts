import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, makeVisit, type TestEnv } from '../../../server/test/factories';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const body = (personId: string) => ({
  personId,
  mode: 'in_person',
  interpreterLanguage: 'am',
  topics: ['legal', 'housing'],
  note: 'Sleeping at Shinjuku station since arrival. Asked about the protection allowance.',
  needs: 'shelter, allowance application',
  actions: 'Explained RHQ application; gave food parcel',
  followUpOn: '2026-12-10',
});

describe('POST /api/consultations', () => {
  it('answers 401, 403 and 400', async () => {
    const p = await makePerson(env);
    expect((await env.app.inject({ method: 'POST', url: '/api/consultations', payload: body(p.id) })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'POST', url: '/api/consultations', headers: reception.headers, payload: body(p.id) })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    const bad = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: { ...body(p.id), mode: 'letter', topics: ['astrology'], followUpOn: '2026-13-01', note: 'x'.repeat(10_001) } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['followUpOn', 'mode', 'note', 'topics.0']);
  });

  it('records a consultation for a visit, and refuses a visit of another person', async () => {
    const caseworker = await env.staff('caseworker');
    const { person, visit } = await makeVisit(env);
    const res = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: { ...body(person.id), visitId: visit.id } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ personId: person.id, visitId: visit.id, topics: ['legal', 'housing'], staffName: 'caseworker en' });
    const other = await makePerson(env);
    const wrong = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: { ...body(other.id), visitId: visit.id } });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('visit.person_mismatch');
  });

  it('records a phone consultation without a visit; unknown person is 404', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const res = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: { personId: p.id, mode: 'phone' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().visitId).toBeNull();
    const missing = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: { personId: '00000000-0000-4000-8000-000000000000', mode: 'phone' } });
    expect(missing.statusCode).toBe(404);
  });
});

describe('GET /api/consultations/:id', () => {
  it('answers 401, 403, 400, 404 and the record', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const created = (await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: body(p.id) })).json();
    const url = `/api/consultations/${created.id}`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url, headers: reception.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/consultations/nope', headers: caseworker.headers })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: '/api/consultations/00000000-0000-4000-8000-000000000000', headers: caseworker.headers })).statusCode).toBe(404);
    const res = await env.app.inject({ method: 'GET', url, headers: caseworker.headers });
    expect(res.json().note).toContain('Shinjuku');
  });
});
