import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv, type TestStaff } from '../test/factories';
import { findNul } from './input-guard';

let env: TestEnv;
let caseworker: TestStaff;
beforeAll(async () => {
  env = await createTestEnv();
  caseworker = await env.staff('caseworker');
});
afterAll(async () => env?.close());

const NUL = '\u0000';
type Method = 'GET' | 'POST' | 'PATCH';
const call = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = caseworker.headers) =>
  env.app.inject({ method, url, headers: { ...headers, 'accept-language': 'en' }, ...(payload === undefined ? {} : { payload: payload as object }) });

const count = async (table: 'person' | 'task' | 'assistance' | 'consent') =>
  Number((await env.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('findNul', () => {
  it('names the first field holding a NUL, at any depth, and ignores everything else', () => {
    expect(findNul({ a: 'ok', b: [{ c: `x${NUL}y` }] })).toBe('b.0.c');
    expect(findNul({ a: 'ok', n: 1, t: true, z: null })).toBeNull();
    expect(findNul(`q${NUL}`, ['q'])).toBe('q');
    expect(findNul(Buffer.from([0, 1]))).toBeNull();
  });
});

describe('text with a NUL character', () => {
  it('is refused with 400 naming the field, and nothing is written', async () => {
    const person = await makePerson(env);
    const people = await count('person');
    const cases: Array<[Method, string, unknown, string, string]> = [
      ['POST', '/api/people', { familyName: `Ha${NUL}ile` }, 'familyName', 'Family name'],
      ['GET', '/api/people?q=ab%00', undefined, 'q', ''],
      ['POST', '/api/assistance', { personId: person.id, itemCode: 'food_parcel', note: `rice${NUL}` }, 'note', 'Note'],
      ['POST', '/api/tasks', { title: `Call${NUL}back` }, 'title', ''],
      ['PATCH', `/api/people/${person.id}/case-file`, { version: 0, whereabouts: `Ueno${NUL}park` }, 'whereabouts', ''],
    ];
    for (const [method, url, payload, field, label] of cases) {
      const res = await call(method, url, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('validation.failed');
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
      expect(res.json().error.fields[field]).toMatch(/cannot be stored \(NUL\)/);
      if (label) expect(res.json().error.fields[field]).toContain(label);
    }
    expect(await count('person')).toBe(people);
    expect(await count('assistance')).toBe(0);
    expect(await count('task')).toBe(0);
  });

  it('is refused before login too (the email of an unauthenticated request), in Japanese when asked', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'accept-language': 'ja' }, payload: { email: `admin${NUL}@x.jp`, password: 'whatever-password' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.email).toContain('保存できない文字');
  });
});

describe('dates nobody could mean', () => {
  it('year 0000 and year 9999 are refused with 400 naming the field; 1900–2199 is accepted', async () => {
    const person = await makePerson(env);
    for (const day of ['0000-01-01', '9999-12-31', '1899-12-31']) {
      const cases: Array<[Method, string, unknown, string]> = [
        ['POST', '/api/assistance', { personId: person.id, itemCode: 'food_parcel', givenOn: day }, 'givenOn'],
        ['POST', '/api/tasks', { title: 'Renew the card', dueOn: day }, 'dueOn'],
        ['PATCH', `/api/people/${person.id}/case-file`, { version: 0, residenceExpiresOn: day }, 'residenceExpiresOn'],
        ['POST', `/api/people/${person.id}/consents`, { purpose: 'sensitive_data', consentedOn: day, method: 'written' }, 'consentedOn'],
      ];
      for (const [method, url, payload, field] of cases) {
        const res = await call(method, url, payload);
        expect(res.statusCode, `${field}=${day}: ${res.body}`).toBe(400);
        expect(res.json().error.fields[field]).toMatch(/not a plausible date/);
      }
    }
    expect(await count('assistance')).toBe(0);
    expect(await count('task')).toBe(0);
    expect(await count('consent')).toBe(0);
    const ok = await call('POST', '/api/tasks', { title: 'Renew the card', dueOn: '2199-12-31' });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
