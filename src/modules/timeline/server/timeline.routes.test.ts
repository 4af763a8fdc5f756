import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, makeVisit, type TestEnv } from '../../../server/test/factories';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('GET /api/people/:id/timeline', () => {
  it('shows visits, consultations and aid in one list, newest first', async () => {
    const caseworker = await env.staff('caseworker');
    const { person, visit } = await makeVisit(env);
    await env.app.inject({ method: 'PATCH', url: `/api/visits/${visit.id}`, headers: caseworker.headers, payload: { status: 'called' } });
    const talk = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: { personId: person.id, visitId: visit.id, mode: 'in_person', topics: ['livelihood'], note: 'Needs food' } });
    const aid = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: person.id, visitId: visit.id, itemCode: 'hygiene_kit' } });
    const older = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: { personId: person.id, mode: 'phone', occurredAt: '2026-09-01T10:00:00+09:00' } });
    const res = await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/timeline`, headers: caseworker.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ type: string; at: string }>;
    expect(items.map((i) => i.type).sort()).toEqual(['assistance', 'consultation', 'consultation', 'visit']);
    const ats = items.map((i) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(items[items.length - 1]).toMatchObject({ type: 'consultation', consultation: { id: older.json().id } });
    expect(items.find((i) => i.type === 'consultation' && 'consultation' in i && (i as { consultation: { id: string } }).consultation.id === talk.json().id)).toMatchObject({ consultation: { note: 'Needs food' } });
    expect(items.find((i) => i.type === 'assistance')).toMatchObject({ assistance: { id: aid.json().id, itemNameEn: 'Hygiene kit' } });
  });

  it('hides consultation notes and topics (medical, legal…) from roles that may not read consultations', async () => {
    const caseworker = await env.staff('caseworker');
    const person = await makePerson(env);
    await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: { personId: person.id, mode: 'phone', topics: ['medical', 'legal'], note: 'Health details' } });
    for (const role of ['reception', 'viewer', 'coordinator'] as const) {
      const staff = await env.staff(role);
      const res = await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/timeline`, headers: staff.headers });
      expect(res.statusCode, role).toBe(200);
      const body = JSON.stringify(res.json());
      expect(body, role).not.toContain('Health details');
      expect(body, role).not.toContain('medical');
      expect(res.json().items[0].consultation, role).toMatchObject({ mode: 'phone', note: null, topics: null });
    }
    const own = await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/timeline`, headers: caseworker.headers });
    expect(own.json().items[0].consultation).toMatchObject({ note: 'Health details', topics: ['medical', 'legal'] });
  });

  it('answers 401, 403, 400 and 404', async () => {
    const person = await makePerson(env);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/timeline` })).statusCode).toBe(401);
    const fundraiser = await env.staff('fundraiser');
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/timeline`, headers: fundraiser.headers })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    expect((await env.app.inject({ method: 'GET', url: '/api/people/123/timeline', headers: caseworker.headers })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: '/api/people/00000000-0000-4000-8000-000000000000/timeline', headers: caseworker.headers })).statusCode).toBe(404);
  });
});
