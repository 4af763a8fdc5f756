import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const url = '/api/people/match';

async function match(payload: Record<string, unknown>) {
  const reception = await env.staff('reception');
  return env.app.inject({ method: 'POST', url, headers: reception.headers, payload });
}

describe('POST /api/people/match', () => {
  it('answers 401 without credentials', async () => {
    const res = await env.app.inject({ method: 'POST', url, payload: { familyName: 'Tesfaye' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.unauthenticated');
  });

  it('answers 403 to a role without people.read', async () => {
    const fundraiser = await env.staff('fundraiser');
    const res = await env.app.inject({ method: 'POST', url, headers: fundraiser.headers, payload: { familyName: 'Tesfaye' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
  });

  it('answers 400 without any name form, and for unknown or bad fields', async () => {
    const none = await match({ dateOfBirth: '1990-01-01', sex: 'male' });
    expect(none.statusCode).toBe(400);
    expect(Object.keys(none.json().error.fields)).toEqual(['familyName']);
    const bad = await match({ familyName: 'Tesfaye', dateOfBirth: '1990-02-30', nationality: 'XX', phone: '1' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['dateOfBirth', 'nationality', 'phone']);
  });

  it('finds a person under another spelling, katakana only or own script only, strong first', async () => {
    const person = await makePerson(env, {
      familyName: 'GEBREMARIAM', givenName: 'Selamawit', nameInOwnScript: 'ሰላማዊት ገብረማርያም', nameKana: 'セラマウィト・ゲブレマリアム',
      dateOfBirth: '1987-04-11', sex: 'female', nationality: 'ER',
    });
    await makePerson(env, { familyName: 'Gebremariam', givenName: 'Yonas', dateOfBirth: '1990-01-05', sex: 'male', nationality: 'ER' });

    const latin = await match({ familyName: 'Selamawit', givenName: 'Gebre Mariam', dateOfBirth: '1987-11-04', nationality: 'ER' });
    expect(latin.statusCode).toBe(200);
    const [first, second] = latin.json().candidates;
    expect(first).toMatchObject({ id: person.id, level: 'strong', person: { fileNumber: person.fileNumber } });
    expect(second?.level).not.toBe('strong');
    expect(first.score).toBeGreaterThan(second?.score ?? 0);

    const kana = await match({ nameKana: 'ゲブレマリアム　セラマウィット', dateOfBirth: '1987-04-11' });
    expect(kana.json().candidates[0]).toMatchObject({ id: person.id, level: 'strong' });

    const own = await match({ nameInOwnScript: 'ሠላማዊት ገብረ ማርያም', dateOfBirth: '1987-04-11' });
    expect(own.json().candidates[0]).toMatchObject({ id: person.id, level: 'strong' });
  });

  it('does not call a same-name person with another date of birth strong', async () => {
    const person = await makePerson(env, { familyName: 'Rahimi', givenName: 'Zahra', dateOfBirth: '1975-06-01', sex: 'female', nationality: 'AF' });
    const res = await match({ familyName: 'Rahimi', givenName: 'Zahra', dateOfBirth: '1998-03-14', sex: 'female', nationality: 'AF' });
    const found = res.json().candidates.find((c: { id: string }) => c.id === person.id);
    expect(found?.level).toBe('possible');
  });

  it('leaves out people merged into another file', async () => {
    const kept = await makePerson(env, { familyName: 'Okonkwo', givenName: 'Chiamaka', dateOfBirth: '1993-09-09', sex: 'female', nationality: 'NG' });
    const merged = await makePerson(env, { familyName: 'Okonkwo', givenName: 'Chiamaka', dateOfBirth: '1993-09-09', sex: 'female', nationality: 'NG' });
    await sql`UPDATE person SET merged_into_id = ${kept.id} WHERE id = ${merged.id}`.execute(env.services.db);
    const ids = (await match({ familyName: 'OKONKWO', givenName: 'CHIAMAKA' })).json().candidates.map((c: { id: string }) => c.id);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(merged.id);
  });

  it('answers at most 10 candidates, best first, and audits only their number', async () => {
    for (let i = 0; i < 12; i++) {
      await makePerson(env, { familyName: 'Haddad', givenName: 'Yousef', dateOfBirth: `19${60 + i}-02-03`, sex: 'male', nationality: 'SY' });
    }
    const res = await match({ familyName: 'Hadad', givenName: 'Youssef' });
    const { candidates } = res.json() as { candidates: Array<{ score: number; level: string }> };
    expect(candidates).toHaveLength(10);
    expect(candidates.map((c) => c.score)).toEqual([...candidates.map((c) => c.score)].sort((a, b) => b - a));
    // A name alone, with a dozen people under it, is never strong.
    expect(candidates.every((c) => c.level === 'possible')).toBe(true);
    const admin = await env.staff('admin');
    const audit = await env.app.inject({ method: 'GET', url: '/api/audit?action=search', headers: admin.headers });
    const text = audit.body;
    expect(text).not.toContain('Hadad');
    expect(text).toContain('"results":10');
  });

  it('finds people written before matching existed once start-up re-indexes them', async () => {
    const person = await makePerson(env, { familyName: 'Tshimanga', givenName: 'Dieudonné', dateOfBirth: '1980-12-24', nationality: 'CD' });
    await sql`DELETE FROM person_match_state WHERE person_id = ${person.id}`.execute(env.services.db);
    await sql`DELETE FROM person_match_key WHERE person_id = ${person.id}`.execute(env.services.db);
    expect((await match({ familyName: 'Tchimanga', givenName: 'Dieudonne' })).json().candidates).toHaveLength(0);
    expect(await env.services.matching.reindexStale()).toBe(1);
    const res = await match({ familyName: 'Tchimanga', givenName: 'Dieudonne', dateOfBirth: '1980-12-24' });
    expect(res.json().candidates[0]).toMatchObject({ id: person.id, level: 'strong' });
  });

  it('is documented in the OpenAPI document', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const operation = res.json().paths['/api/people/match']?.post;
    expect(operation?.requestBody?.content?.['application/json']?.schema?.properties).toHaveProperty('nameKana');
    expect(operation?.responses?.['200']).toBeDefined();
  });

  it('re-indexes a person when their name changes', async () => {
    const person = await makePerson(env, { familyName: 'Nakamura', givenName: 'Aiko' });
    const caseworker = await env.staff('caseworker');
    await env.services.people.update(caseworker.ctx, person.id, { version: person.version, familyName: 'Baptiste', givenName: 'Marie-Claire' });
    const res = await match({ familyName: 'Baptiste', givenName: 'Marie Claire' });
    expect(res.json().candidates[0]?.id).toBe(person.id);
  });
});
