import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const newPerson = {
  familyName: 'TESFAYE',
  givenName: 'Abebe',
  nameInOwnScript: 'አበበ ተስፋዬ',
  nameKana: 'アベベ・テスファイエ',
  dateOfBirth: '1990-05-04',
  dateOfBirthEstimated: false,
  sex: 'male',
  nationality: 'ET',
  languages: ['am', 'en'],
  phone: '080-1234-5678',
  housing: 'rough_sleeping',
};

describe('POST /api/people', () => {
  it('answers 401 without credentials', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/people', payload: newPerson });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.unauthenticated');
  });

  it('answers 403 to a role without people.write', async () => {
    const viewer = await env.staff('viewer');
    const res = await env.app.inject({ method: 'POST', url: '/api/people', headers: viewer.headers, payload: newPerson });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
  });

  it('answers 400 naming each bad field, in the caller language, and writes nothing', async () => {
    const caseworker = await env.staff('caseworker', 'ja');
    const before = await env.app.inject({ method: 'GET', url: '/api/people?q=', headers: caseworker.headers });
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: caseworker.headers,
      payload: { ...newPerson, sex: 'yes', dateOfBirth: '2023-02-30', nationality: 'XX', familyName: 'x'.repeat(101), extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation.failed');
    expect(Object.keys(error.fields).sort()).toEqual(['dateOfBirth', 'extra', 'familyName', 'nationality', 'sex']);
    expect(error.message).toContain('生年月日');
    expect(error.fields.familyName).toContain('長すぎます');
    const after = await env.app.inject({ method: 'GET', url: '/api/people?q=', headers: caseworker.headers });
    expect(after.json().items.length).toBe(before.json().items.length);
  });

  it('requires some name form but accepts a single one', async () => {
    const caseworker = await env.staff('caseworker');
    const none = await env.app.inject({ method: 'POST', url: '/api/people', headers: caseworker.headers, payload: { sex: 'female' } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields.familyName).toMatch(/name form/);
    const kanaOnly = await env.app.inject({ method: 'POST', url: '/api/people', headers: caseworker.headers, payload: { nameKana: 'アウンアウン' } });
    expect(kanaOnly.statusCode).toBe(201);
  });

  it('registers a person with a file number and all fields', async () => {
    const caseworker = await env.staff('caseworker');
    const res = await env.app.inject({ method: 'POST', url: '/api/people', headers: caseworker.headers, payload: newPerson });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.fileNumber).toMatch(/^TB-\d{6}$/);
    expect(body).toMatchObject({ ...newPerson, version: 1 });
    const get = await env.app.inject({ method: 'GET', url: `/api/people/${body.id}`, headers: caseworker.headers });
    expect(get.json().nameInOwnScript).toBe('አበበ ተስፋዬ');
  });
});

describe('GET /api/people?q=', () => {
  it('finds a person by any name form, width, case, kana or file number', async () => {
    const reception = await env.staff('reception');
    const p = await makePerson(env, { familyName: 'Yılmaz', givenName: 'Mehmet', nameKana: 'メフメト・ユルマズ', nameInOwnScript: null });
    for (const q of ['yilmaz', 'ＹＩＬＭＡＺ', 'mehmet yil', 'めふめと', 'ユルマズ', p.fileNumber, p.fileNumber.toLowerCase()]) {
      const res = await env.app.inject({ method: 'GET', url: `/api/people?q=${encodeURIComponent(q)}`, headers: reception.headers });
      expect(res.statusCode, q).toBe(200);
      expect(res.json().items.map((i: { id: string }) => i.id), q).toContain(p.id);
    }
    const miss = await env.app.inject({ method: 'GET', url: `/api/people?q=${encodeURIComponent('Nakamura')}`, headers: reception.headers });
    expect(miss.json().items.map((i: { id: string }) => i.id)).not.toContain(p.id);
  });

  it('finds a person by phone number and, for those who may read case files, by residence card number, however they are typed', async () => {
    const reception = await env.staff('reception');
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env, { familyName: 'Tshibangu', givenName: 'Josué', phone: '090-4321-8765' });
    const card = await env.app.inject({ method: 'PATCH', url: `/api/people/${p.id}/case-file`, headers: caseworker.headers, payload: { version: 0, residenceCardNumber: 'AB12345678CD' } });
    expect(card.statusCode).toBe(200);
    const ids = async (q: string, headers = caseworker.headers) =>
      (await env.app.inject({ method: 'GET', url: `/api/people?q=${encodeURIComponent(q)}`, headers })).json().items.map((i: { id: string }) => i.id);
    for (const q of ['09043218765', '090-4321-8765', '4321 8765']) expect(await ids(q, reception.headers), q).toContain(p.id);
    for (const q of ['AB12345678CD', 'ab 1234 5678 cd', 'ＡＢ１２３４５６７８ＣＤ']) expect(await ids(q), q).toContain(p.id);
    expect(await ids('AB12345678CE')).toEqual([]);
    // The number is stored sealed; the search goes by its keyed hash.
    const stored = await env.handle.db.selectFrom('case_file').select(['residence_card_number', 'residence_card_hash', 'sealed_fields']).where('person_id', '=', p.id).executeTakeFirstOrThrow();
    expect(stored.residence_card_number).toBeNull();
    expect(stored.residence_card_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.sealed_fields).not.toContain('AB12345678CD');
  });

  it('answers a card-number search with nothing for a role that may not read case files (the answer itself would disclose the file)', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env, { familyName: 'Mbeki', givenName: 'Grace' });
    expect((await env.app.inject({ method: 'PATCH', url: `/api/people/${p.id}/case-file`, headers: caseworker.headers, payload: { version: 0, residenceCardNumber: 'QR24681357ST' } })).statusCode).toBe(200);
    for (const role of ['reception', 'coordinator'] as const) {
      const staff = await env.staff(role);
      expect(staff.ctx.actor.permissions.has('cases.read'), role).toBe(false);
      const res = await env.app.inject({ method: 'GET', url: `/api/people?q=${encodeURIComponent('QR 2468 1357 ST')}`, headers: staff.headers });
      expect(res.statusCode, role).toBe(200);
      expect(res.json().items, role).toEqual([]);
      // The same person is still found by name: only the card number is withheld.
      const byName = await env.app.inject({ method: 'GET', url: `/api/people?q=${encodeURIComponent('Mbeki Grace')}`, headers: staff.headers });
      expect(byName.json().items.map((i: { id: string }) => i.id), role).toContain(p.id);
    }
    const allowed = await env.app.inject({ method: 'GET', url: `/api/people?q=${encodeURIComponent('QR 2468 1357 ST')}`, headers: caseworker.headers });
    expect(allowed.json().items.map((i: { id: string }) => i.id)).toEqual([p.id]);
  });

  it('answers 401, 403 and 400', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/people?q=a' })).statusCode).toBe(401);
    const fundraiser = await env.staff('fundraiser');
    expect((await env.app.inject({ method: 'GET', url: '/api/people?q=a', headers: fundraiser.headers })).statusCode).toBe(403);
    const reception = await env.staff('reception');
    const bad = await env.app.inject({ method: 'GET', url: `/api/people?q=${'a'.repeat(101)}`, headers: reception.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('q');
  });
});

describe('GET and PATCH /api/people/:id', () => {
  it('answers 401, 403, 400 and 404 for someone else\'s id', async () => {
    const p = await makePerson(env);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${p.id}` })).statusCode).toBe(401);
    const fundraiser = await env.staff('fundraiser');
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${p.id}`, headers: fundraiser.headers })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    const bad = await env.app.inject({ method: 'GET', url: '/api/people/not-a-uuid', headers: caseworker.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('id');
    const missing = await env.app.inject({ method: 'GET', url: '/api/people/00000000-0000-4000-8000-000000000000', headers: caseworker.headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('person.not_found');
  });

  it('saves an edit, and refuses a second edit from a stale version with 409', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env, { housing: 'rough_sleeping' });
    const first = await env.app.inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: caseworker.headers, payload: { housing: 'org_shelter', version: 1 } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ housing: 'org_shelter', version: 2 });
    const stale = await env.app.inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: caseworker.headers, payload: { housing: 'friend', version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('person.version_conflict');
    const now = await env.app.inject({ method: 'GET', url: `/api/people/${p.id}`, headers: caseworker.headers });
    expect(now.json().housing).toBe('org_shelter');
  });

  it('refuses a PATCH without version, and one that removes every name', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env, { nameKana: null });
    const noVersion = await env.app.inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: caseworker.headers, payload: { phone: '03' } });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.fields).toHaveProperty('version');
    const noName = await env.app.inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: caseworker.headers, payload: { familyName: '', givenName: '', version: 1 } });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.fields).toHaveProperty('familyName');
  });
});
