import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

interface Event { action: string; entityType: string; entityId: string | null; actorName: string | null; ip: string | null; details: Record<string, unknown> }

async function eventsFor(entityId: string): Promise<Event[]> {
  const admin = await env.staff('admin');
  const res = await env.app.inject({ method: 'GET', url: `/api/audit?entityId=${entityId}`, headers: admin.headers });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe('audit trail', () => {
  it('records who created, read and changed a person, from which address, without the values', async () => {
    const caseworker = await env.staff('caseworker');
    const created = await env.app.inject({ method: 'POST', url: '/api/people', headers: caseworker.headers, payload: { familyName: 'Secretname', givenName: 'Hidden' }, remoteAddress: '192.0.2.7' });
    const id = created.json().id as string;
    await env.app.inject({ method: 'GET', url: `/api/people/${id}`, headers: caseworker.headers });
    await env.app.inject({ method: 'GET', url: `/api/people/${id}/timeline`, headers: caseworker.headers });
    await env.app.inject({ method: 'PATCH', url: `/api/people/${id}`, headers: caseworker.headers, payload: { phone: '090-0000-1111', version: 1 } });
    const events = await eventsFor(id);
    expect(events.map((e) => e.action)).toEqual(['update', 'read', 'read', 'create']);
    expect(events[3]).toMatchObject({ entityType: 'person', actorName: 'caseworker en', ip: '192.0.2.7' });
    expect(events[0]?.details).toEqual({ fields: ['phone'] });
    expect(JSON.stringify(events)).not.toMatch(/Secretname|090-0000-1111/);
  });

  it('records visits, consultations and aid as writes', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const visit = (await env.app.inject({ method: 'POST', url: '/api/visits', headers: caseworker.headers, payload: { personId: p.id } })).json();
    const talk = (await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: { personId: p.id, mode: 'phone' } })).json();
    const aid = (await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: p.id, itemCode: 'hygiene_kit' } })).json();
    for (const [id, type] of [[visit.id, 'visit'], [talk.id, 'consultation'], [aid.id, 'assistance']] as const) {
      expect((await eventsFor(id)).map((e) => `${e.action}:${e.entityType}`)).toEqual([`create:${type}`]);
    }
  });

  it('a refused write leaves neither data nor an audit entry', async () => {
    const caseworker = await env.staff('caseworker');
    const before = await env.handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: (await makePerson(env)).id, itemCode: 'cash' } });
    expect(res.statusCode).toBe(400);
    const after = await env.handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1); // only makePerson's create
  });

  it('cannot be changed or deleted, even with direct SQL', async () => {
    await makePerson(env);
    await expect(sql`UPDATE audit_event SET action = 'x'`.execute(env.handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_event`.execute(env.handle.db)).rejects.toThrow(/append-only/);
  });

  it('only admins browse it; pages with a cursor; bad filters get 400', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
    const caseworker = await env.staff('caseworker');
    expect((await env.app.inject({ method: 'GET', url: '/api/audit', headers: caseworker.headers })).statusCode).toBe(403);
    const admin = await env.staff('admin');
    const bad = await env.app.inject({ method: 'GET', url: '/api/audit?limit=1000', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('limit');
    const first = (await env.app.inject({ method: 'GET', url: '/api/audit?limit=2', headers: admin.headers })).json();
    expect(first.items).toHaveLength(2);
    const second = (await env.app.inject({ method: 'GET', url: `/api/audit?limit=2&cursor=${first.nextCursor}`, headers: admin.headers })).json();
    expect(second.items[0].id).toBeLessThan(first.items[1].id);
  });
});
