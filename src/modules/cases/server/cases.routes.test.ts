import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';
import { daysBetween } from '../case-dates';

let env: TestEnv;
/** A caseworker of another organisation in the same database. */
let outsider: { headers: { authorization: string }; personId: string; staffId: string };

beforeAll(async () => {
  env = await createTestEnv();
  const org = await env.handle.db.insertInto('organisation').values({ name: 'Other office' }).returning('id').executeTakeFirstOrThrow();
  const email = 'outsider@other.local';
  const staff = await env.services.staff.addUser(org.id, { email, displayName: 'Outsider', role: 'caseworker', language: 'en', password: 'outsider-password-123' });
  const { token } = await env.services.staff.createTokenFor(email, 'test');
  const actor = await env.services.staff.actorFromToken(token);
  if (!actor) throw new Error('no actor');
  const person = await env.services.people.create({ actor, ip: '127.0.0.1' }, { familyName: 'Elsewhere', givenName: 'P', dateOfBirthEstimated: false, sex: 'unknown', languages: [] });
  outsider = { headers: { authorization: `Bearer ${token}` }, personId: person.id, staffId: staff.id };
});
afterAll(async () => env?.close());
afterEach(() => {
  vi.useRealTimers();
});

const missing = '00000000-0000-4000-8000-000000000000';
const daysAgo = (n: number) => {
  const [y = 0, m = 1, d = 1] = tokyoDate().split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10);
};

async function patchCaseFile(personId: string, body: Record<string, unknown>, headers?: { authorization: string }) {
  const h = headers ?? (await env.staff('caseworker')).headers;
  return env.app.inject({ method: 'PATCH', url: `/api/people/${personId}/case-file`, headers: h, payload: body });
}

async function auditCount(entityType: string, action: string) {
  const row = await env.handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity_type', '=', entityType).where('action', '=', action).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('GET /api/people/:id/case-file', () => {
  it('answers 401, 403, 400 and 404', async () => {
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/case-file`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url, headers: reception.headers })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    const bad = await env.app.inject({ method: 'GET', url: '/api/people/not-a-uuid/case-file', headers: caseworker.headers });
    expect(bad.statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${missing}/case-file`, headers: caseworker.headers })).statusCode).toBe(404);
    // Another organisation's person is not found, and ours is not found by them.
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${outsider.personId}/case-file`, headers: caseworker.headers })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url, headers: outsider.headers })).statusCode).toBe(404);
  });

  it('gives an empty case file at version 0 before the first save, and audits the read', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const before = await auditCount('case_file', 'read');
    const res = await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file`, headers: caseworker.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ personId: p.id, version: 0, residenceStatus: null, vulnerabilities: [], whereabouts: '', assignedTo: null, allowanceDaysWaiting: null });
    expect(await auditCount('case_file', 'read')).toBe(before + 1);
  });
});

describe('PATCH /api/people/:id/case-file', () => {
  it('answers 401, 403 and 400 naming the fields', async () => {
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/case-file`;
    expect((await env.app.inject({ method: 'PATCH', url, payload: { version: 0 } })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'PATCH', url, headers: reception.headers, payload: { version: 0 } })).statusCode).toBe(403);
    const bad = await patchCaseFile(p.id, { version: 0, residenceStatus: 'tourist', residenceCardNumber: 'AB123CD', applicationCount: 4, vulnerabilities: ['sad'], email: 'nope', color: 'red' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['applicationCount', 'color', 'email', 'residenceCardNumber', 'residenceStatus', 'vulnerabilities.0']);
    expect(bad.json().error.fields.residenceCardNumber).toContain('Residence card number');
  });

  it('saves the first version, normalises the card number and writes one history row per changed field', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const res = await patchCaseFile(p.id, {
      version: 0,
      residenceStatus: 'designated_no_work',
      residenceCardNumber: 'ａｂ 1234 5678 ｃｄ',
      workPermitted: false,
      custody: 'supervision',
      supervisorName: 'Suzuki Hanako',
      procedureStage: 'first_instance',
      applicationCount: 2,
      sortingCategory: 'B',
      vulnerabilities: ['child', 'rough_sleeping', 'child'],
      effectiveOn: daysAgo(3),
    });
    expect(res.statusCode).toBe(200);
    const file = res.json();
    expect(file).toMatchObject({ version: 1, residenceCardNumber: 'AB12345678CD', supervisorName: 'Suzuki Hanako', applicationCount: 2, vulnerabilities: ['child', 'rough_sleeping'], updatedByName: 'caseworker en' });

    const history = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file/history`, headers: caseworker.headers })).json().items;
    expect(history.map((h: { field: string }) => h.field).sort()).toEqual(
      ['applicationCount', 'custody', 'procedureStage', 'residenceCardNumber', 'residenceStatus', 'sortingCategory', 'supervisorName', 'vulnerabilities', 'workPermitted'],
    );
    expect(history.find((h: { field: string }) => h.field === 'custody')).toMatchObject({ oldValue: null, newValue: 'supervision', effectiveOn: daysAgo(3), recordedByName: 'caseworker en' });
    // The audit names the changed fields, never their values.
    const audit = await env.handle.db.selectFrom('audit_event').select(['action', 'details']).where('entity_type', '=', 'case_file').where('entity_id', '=', p.id).where('action', '!=', 'read').execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'create', details: expect.objectContaining({ fields: expect.arrayContaining(['residenceCardNumber', 'supervisorName']) }) })]);
    expect(JSON.stringify(audit)).not.toContain('AB12345678CD');
    expect(JSON.stringify(audit)).not.toContain('Suzuki');

    // A second save changes one field: one more row, version 2; unchanged fields write nothing.
    const second = await patchCaseFile(p.id, { version: 1, procedureStage: 'rejected', custody: 'supervision', decisionNoticeReceivedOn: daysAgo(1), appliedOn: daysAgo(400) });
    expect(second.statusCode).toBe(200);
    expect(second.json().version).toBe(2);
    const after = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file/history`, headers: caseworker.headers })).json().items;
    expect(after).toHaveLength(history.length + 3);
    expect(after.slice(0, 3).map((h: { field: string }) => h.field).sort()).toEqual(['appliedOn', 'decisionNoticeReceivedOn', 'procedureStage']);
    expect(after.find((h: { field: string; newValue: string }) => h.field === 'procedureStage' && h.newValue === 'rejected')).toMatchObject({ oldValue: 'first_instance', effectiveOn: tokyoDate() });
  });

  it('keeps the sensitive fields and their history sealed in the database, and gives them back in plaintext', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const res = await patchCaseFile(p.id, {
      version: 0, residenceCardNumber: 'GH11223344IJ', custody: 'detained', procedureStage: 'in_court',
      vulnerabilities: ['torture_survivor', 'mental_health'], whereabouts: 'Ushiku detention centre', residenceStatus: 'no_status',
    });
    expect(res.statusCode).toBe(200);
    const raw = await env.handle.db.selectFrom('case_file')
      .select(['sealed_fields', 'residence_card_hash', 'residence_card_number', 'custody', 'procedure_stage', 'vulnerabilities', 'whereabouts', 'residence_status'])
      .where('person_id', '=', p.id).executeTakeFirstOrThrow();
    expect(raw).toMatchObject({ residence_card_number: null, custody: null, procedure_stage: null, vulnerabilities: [], whereabouts: '', residence_status: 'no_status' });
    expect(raw.sealed_fields).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(raw.residence_card_hash).toMatch(/^[0-9a-f]{64}$/);
    const rawHistory = await env.handle.db.selectFrom('case_status_change').select(['field', 'old_value', 'new_value']).where('person_id', '=', p.id).execute();
    for (const h of rawHistory.filter((r) => r.field !== 'residenceStatus')) {
      expect(h.old_value, h.field).toMatch(/^v1:/);
      expect(h.new_value, h.field).toMatch(/^v1:/);
    }
    const stored = JSON.stringify([raw, rawHistory]);
    for (const plain of ['GH11223344IJ', 'detained', 'in_court', 'torture_survivor', 'mental_health', 'Ushiku']) expect(stored, plain).not.toContain(plain);
    // The length of a sealed value does not tell one code from another.
    const custodyLengths = new Set<number>();
    for (const custody of ['free', 'provisional_release']) {
      const q = await makePerson(env);
      await patchCaseFile(q.id, { version: 0, custody });
      const row = await env.handle.db.selectFrom('case_status_change').select('new_value').where('person_id', '=', q.id).where('field', '=', 'custody').executeTakeFirstOrThrow();
      custodyLengths.add(row.new_value?.length ?? 0);
    }
    expect(custodyLengths.size).toBe(1);

    expect((await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file`, headers: caseworker.headers })).json()).toMatchObject({
      residenceCardNumber: 'GH11223344IJ', custody: 'detained', procedureStage: 'in_court', vulnerabilities: ['mental_health', 'torture_survivor'], whereabouts: 'Ushiku detention centre',
    });
    const history = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file/history`, headers: caseworker.headers })).json().items;
    expect(history.find((h: { field: string }) => h.field === 'vulnerabilities')).toMatchObject({ oldValue: null, newValue: 'mental_health,torture_survivor' });
    expect(history.find((h: { field: string }) => h.field === 'residenceCardNumber')).toMatchObject({ oldValue: null, newValue: 'GH11223344IJ' });
  });

  it('reads a row from before sealing, and seals it with its next save', async () => {
    const p = await makePerson(env);
    await env.handle.db.insertInto('case_file').values({
      person_id: p.id, organisation_id: env.organisationId, custody: 'provisional_release', procedure_stage: 'review_pending',
      residence_card_number: 'KL55667788MN', vulnerabilities: ['illness'], whereabouts: 'friend in Kawaguchi', version: 1,
    }).execute();
    const caseworker = await env.staff('caseworker');
    const before = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file`, headers: caseworker.headers })).json();
    expect(before).toMatchObject({ custody: 'provisional_release', procedureStage: 'review_pending', residenceCardNumber: 'KL55667788MN', vulnerabilities: ['illness'], whereabouts: 'friend in Kawaguchi' });
    const saved = await patchCaseFile(p.id, { version: 1, email: 'someone@example.org' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, custody: 'provisional_release', residenceCardNumber: 'KL55667788MN', email: 'someone@example.org' });
    const raw = await env.handle.db.selectFrom('case_file').select(['sealed_fields', 'residence_card_number', 'custody', 'procedure_stage', 'vulnerabilities', 'whereabouts']).where('person_id', '=', p.id).executeTakeFirstOrThrow();
    expect(raw).toMatchObject({ residence_card_number: null, custody: null, procedure_stage: null, vulnerabilities: [], whereabouts: '' });
    expect(raw.sealed_fields).toMatch(/^v1:/);
  });

  it('refuses a stale version with 409 and a stable code, writing nothing', async () => {
    const p = await makePerson(env);
    expect((await patchCaseFile(p.id, { version: 0, custody: 'free' })).statusCode).toBe(200);
    const stale = await patchCaseFile(p.id, { version: 0, custody: 'detained' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('case_file.version_conflict');
    const ahead = await patchCaseFile(p.id, { version: 5, custody: 'detained' });
    expect(ahead.statusCode).toBe(409);
    const caseworker = await env.staff('caseworker');
    const file = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file`, headers: caseworker.headers })).json();
    expect(file).toMatchObject({ custody: 'free', version: 1 });
    const history = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file/history`, headers: caseworker.headers })).json().items;
    expect(history).toHaveLength(1);
  });

  it('applies the cross-field rules with codes and localised messages', async () => {
    const p = await makePerson(env);
    const supervisor = await patchCaseFile(p.id, { version: 0, custody: 'provisional_release', supervisorName: 'Sato' });
    expect(supervisor.statusCode).toBe(400);
    expect(supervisor.json().error).toMatchObject({ code: 'case_file.supervisor_requires_supervision', fields: { supervisorName: expect.stringContaining('Supervisor') } });

    const notice = await patchCaseFile(p.id, { version: 0, appliedOn: daysAgo(10), decisionNoticeReceivedOn: daysAgo(20) });
    expect(notice.json().error.code).toBe('case_file.notice_before_application');

    const waiting = await patchCaseFile(p.id, { version: 0, allowanceStatus: 'awaiting' });
    expect(waiting.json().error).toMatchObject({ code: 'case_file.allowance_applied_on_required', fields: { allowanceAppliedOn: expect.any(String) } });

    const work = await patchCaseFile(p.id, { version: 0, residenceStatus: 'designated_work', workPermitted: false });
    expect(work.json().error.code).toBe('case_file.work_permission_mismatch');

    const future = await patchCaseFile(p.id, { version: 0, appliedOn: daysAgo(-2) });
    expect(future.json().error).toMatchObject({ code: 'case_file.date_in_future', fields: { appliedOn: expect.any(String) } });

    const effective = await patchCaseFile(p.id, { version: 0, custody: 'free', effectiveOn: daysAgo(-1) });
    expect(effective.statusCode).toBe(400);
    expect(effective.json().error.code).toBe('case_file.effective_in_future');

    const ja = await env.staff('caseworker', 'ja');
    const jaRes = await patchCaseFile(p.id, { version: 0, custody: 'free', supervisorName: 'Sato' }, ja.headers);
    expect(jaRes.json().error.message).toContain('監理措置');
    expect(jaRes.json().error.fields.supervisorName).toContain('監理人');

    // Nothing was saved by the refused requests.
    const caseworker = await env.staff('caseworker');
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file`, headers: caseworker.headers })).json().version).toBe(0);
  });

  it('assigns a caseworker of the same organisation only', async () => {
    const caseworker = await env.staff('caseworker');
    const me = await env.services.staff.findIdByEmail(caseworker.email);
    const p = await makePerson(env);
    const other = await patchCaseFile(p.id, { version: 0, assignedTo: outsider.staffId });
    expect(other.statusCode).toBe(404);
    expect(Object.keys(other.json().error.fields)).toEqual(['assignedTo']);
    expect((await patchCaseFile(p.id, { version: 0, assignedTo: 'x' })).statusCode).toBe(400);
    const ok = await patchCaseFile(p.id, { version: 0, assignedTo: me });
    expect(ok.json()).toMatchObject({ assignedTo: me, assignedToName: 'caseworker en' });
    const history = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file/history`, headers: caseworker.headers })).json().items;
    expect(history[0]).toMatchObject({ field: 'assignedTo', newValue: me, newLabel: 'caseworker en' });

    const assignees = (await env.app.inject({ method: 'GET', url: '/api/staff/assignable?permission=cases.write', headers: caseworker.headers })).json().items;
    expect(assignees.map((a: { id: string }) => a.id)).toContain(me);
    expect(assignees.map((a: { id: string }) => a.id)).not.toContain(outsider.staffId);
    // Only staff whose role may write case files: not the desk.
    const receptionId = await env.services.staff.findIdByEmail((await env.staff('reception')).email);
    expect(assignees.map((a: { id: string }) => a.id)).not.toContain(receptionId);
    const everyone = (await env.app.inject({ method: 'GET', url: '/api/staff/assignable', headers: caseworker.headers })).json().items;
    expect(everyone.map((a: { id: string }) => a.id)).toContain(receptionId);
    expect((await env.app.inject({ method: 'GET', url: '/api/staff/assignable?permission=nope', headers: caseworker.headers })).statusCode).toBe(400);
  });

  it('404s for another organisation', async () => {
    const p = await makePerson(env);
    expect((await patchCaseFile(p.id, { version: 0, custody: 'free' }, outsider.headers)).statusCode).toBe(404);
  });
});

describe('allowance days waiting', () => {
  it('counts the days in Tokyo time', async () => {
    // 2026-03-01 15:30 UTC is already 2 March in Tokyo.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-01T15:30:00Z') });
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const res = await patchCaseFile(p.id, { version: 0, allowanceStatus: 'awaiting', allowanceAppliedOn: '2026-03-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json().allowanceDaysWaiting).toBe(1);
    // Applied "today" in Tokyo is fine although it is still the 1st in UTC... and the 2nd is not future.
    const received = await patchCaseFile(p.id, { version: 1, allowanceStatus: 'receiving', allowanceDecidedOn: '2026-03-02' });
    expect(received.statusCode).toBe(200);
    expect(received.json().allowanceDaysWaiting).toBeNull();
    const file = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file`, headers: caseworker.headers })).json();
    expect(file.allowanceDaysWaiting).toBeNull();
  });
});

describe('OpenAPI', () => {
  it('documents every case-file route', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const path of ['/api/people/{id}/case-file', '/api/people/{id}/case-file/history', '/api/people/{id}/case-events', '/api/case-events/{id}',
      '/api/people/{id}/household', '/api/household-links/{id}', '/api/case-files/allowance-waiting']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});

describe('GET /api/case-files/allowance-waiting', () => {
  it('answer 401 and 403 (they take no input to refuse)', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/case-files/allowance-waiting' })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url: '/api/case-files/allowance-waiting', headers: reception.headers })).statusCode).toBe(403);
  });

  it('lists who waits, longest first, with days and caseworker; not those receiving nor other organisations', async () => {
    const caseworker = await env.staff('caseworker');
    const me = await env.services.staff.findIdByEmail(caseworker.email);
    const long = await makePerson(env, { familyName: 'Longwait', nationality: 'CM' });
    const short = await makePerson(env, { familyName: 'Shortwait' });
    const receiving = await makePerson(env, { familyName: 'Receiving' });
    await patchCaseFile(short.id, { version: 0, allowanceStatus: 'awaiting', allowanceAppliedOn: daysAgo(20) });
    await patchCaseFile(long.id, { version: 0, allowanceStatus: 'reapplied', allowanceAppliedOn: daysAgo(130), assignedTo: me });
    await patchCaseFile(receiving.id, { version: 0, allowanceStatus: 'receiving', allowanceAppliedOn: daysAgo(200) });
    await patchCaseFile(outsider.personId, { version: 0, allowanceStatus: 'awaiting', allowanceAppliedOn: daysAgo(300) }, outsider.headers);

    const res = await env.app.inject({ method: 'GET', url: '/api/case-files/allowance-waiting', headers: caseworker.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ person: { id: string; fileNumber: string; nationality: string }; daysWaiting: number; assignedToName: string | null; allowanceAppliedOn: string }>;
    const ids = items.map((i) => i.person.id);
    expect(ids).not.toContain(receiving.id);
    expect(ids).not.toContain(outsider.personId);
    expect(ids.indexOf(long.id)).toBeLessThan(ids.indexOf(short.id));
    const longEntry = items.find((i) => i.person.id === long.id);
    expect(longEntry).toMatchObject({ daysWaiting: 130, assignedToName: 'caseworker en', allowanceAppliedOn: daysAgo(130), person: { fileNumber: long.fileNumber, nationality: 'CM' } });
    expect(items.find((i) => i.person.id === short.id)?.daysWaiting).toBe(daysBetween(daysAgo(20), tokyoDate()));
    const days = items.map((i) => i.daysWaiting);
    expect([...days].sort((a, b) => b - a)).toEqual(days);
  });
});

describe('housing changes in the case history', () => {
  it('records a housing change made through PATCH /api/people/:id, in the same transaction', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env, { housing: 'rough_sleeping' });
    const res = await env.app.inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: caseworker.headers, payload: { version: p.version, housing: 'org_shelter' } });
    expect(res.statusCode).toBe(200);
    // A change of another field writes no housing row.
    await env.app.inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: caseworker.headers, payload: { version: res.json().version, phone: '090-1234-5678' } });
    const history = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file/history`, headers: caseworker.headers })).json().items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ field: 'housing', oldValue: 'rough_sleeping', newValue: 'org_shelter', effectiveOn: tokyoDate(), recordedByName: 'caseworker en' });

    // A refused person update (stale version) leaves no history row.
    const stale = await env.app.inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: caseworker.headers, payload: { version: p.version, housing: 'friend' } });
    expect(stale.statusCode).toBe(409);
    const again = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/case-file/history`, headers: caseworker.headers })).json().items;
    expect(again).toHaveLength(1);
  });
});

describe('GET /api/people/:id/case-file/history', () => {
  it('answers 401, 403, 400 and 404', async () => {
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/case-file/history`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url, headers: (await env.staff('reception')).headers })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    expect((await env.app.inject({ method: 'GET', url: '/api/people/1/case-file/history', headers: caseworker.headers })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${outsider.personId}/case-file/history`, headers: caseworker.headers })).statusCode).toBe(404);
    const res = await env.app.inject({ method: 'GET', url, headers: caseworker.headers });
    expect(res.json()).toEqual({ items: [] });
  });
});

describe('case events', () => {
  it('answer 401, 403 and 400', async () => {
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/case-events`;
    const body = { kind: 'reporting', occursOn: daysAgo(-10) };
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url, payload: body })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'PATCH', url: `/api/case-events/${missing}`, payload: { done: true } })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url, headers: reception.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'POST', url, headers: reception.headers, payload: body })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'PATCH', url: `/api/case-events/${missing}`, headers: reception.headers, payload: { done: true } })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    const bad = await env.app.inject({ method: 'POST', url, headers: caseworker.headers, payload: { kind: 'party', occursOn: '2026-02-30' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['kind', 'occursOn']);
    const badPatch = await env.app.inject({ method: 'PATCH', url: `/api/case-events/${missing}`, headers: caseworker.headers, payload: {} });
    expect(badPatch.statusCode).toBe(400);
    expect((await env.app.inject({ method: 'PATCH', url: `/api/case-events/${missing}`, headers: caseworker.headers, payload: { done: true } })).statusCode).toBe(404);
  });

  it('adds interviews and reporting dates, flags a gap over 3 months, and marks them done', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/case-events`;
    const first = await env.app.inject({ method: 'POST', url, headers: caseworker.headers, payload: { kind: 'reporting', occursOn: '2026-01-15', note: 'Shinagawa bureau' } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'reporting', occursOn: '2026-01-15', done: false, exceedsReportingInterval: false, createdByName: 'caseworker en' });
    await env.app.inject({ method: 'POST', url, headers: caseworker.headers, payload: { kind: 'interview', occursOn: '2026-03-01' } });
    const late = await env.app.inject({ method: 'POST', url, headers: caseworker.headers, payload: { kind: 'reporting', occursOn: '2026-04-20' } });
    expect(late.statusCode).toBe(201);
    expect(late.json().exceedsReportingInterval).toBe(true);

    const done = await env.app.inject({ method: 'PATCH', url: `/api/case-events/${first.json().id}`, headers: caseworker.headers, payload: { done: true } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ done: true, note: 'Shinagawa bureau' });
    expect(done.json().doneAt).not.toBeNull();

    const list = (await env.app.inject({ method: 'GET', url, headers: caseworker.headers })).json().items;
    expect(list.map((e: { kind: string; occursOn: string }) => `${e.kind}@${e.occursOn}`)).toEqual(['reporting@2026-01-15', 'interview@2026-03-01', 'reporting@2026-04-20']);

    // Moving the late date within 3 months clears the flag; undoing "done" works.
    const moved = await env.app.inject({ method: 'PATCH', url: `/api/case-events/${late.json().id}`, headers: caseworker.headers, payload: { occursOn: '2026-04-10' } });
    expect(moved.json().exceedsReportingInterval).toBe(false);
    const undone = await env.app.inject({ method: 'PATCH', url: `/api/case-events/${first.json().id}`, headers: caseworker.headers, payload: { done: false } });
    expect(undone.json()).toMatchObject({ done: false, doneAt: null });
  });

  it('404s for another organisation', async () => {
    const caseworker = await env.staff('caseworker');
    const theirs = await env.app.inject({ method: 'POST', url: `/api/people/${outsider.personId}/case-events`, headers: outsider.headers, payload: { kind: 'interview', occursOn: '2026-05-01' } });
    expect(theirs.statusCode).toBe(201);
    expect((await env.app.inject({ method: 'PATCH', url: `/api/case-events/${theirs.json().id}`, headers: caseworker.headers, payload: { done: true } })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${outsider.personId}/case-events`, headers: caseworker.headers })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'POST', url: `/api/people/${outsider.personId}/case-events`, headers: caseworker.headers, payload: { kind: 'interview', occursOn: '2026-05-01' } })).statusCode).toBe(404);
  });
});

describe('household', () => {
  it('answers 401, 403 and 400', async () => {
    const p = await makePerson(env);
    const q = await makePerson(env);
    const url = `/api/people/${p.id}/household`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url, payload: { memberPersonId: q.id, relationship: 'child' } })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'DELETE', url: `/api/household-links/${missing}` })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url, headers: reception.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'POST', url, headers: reception.headers, payload: { memberPersonId: q.id, relationship: 'child' } })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'DELETE', url: `/api/household-links/${missing}`, headers: reception.headers })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    const bad = await env.app.inject({ method: 'POST', url, headers: caseworker.headers, payload: { memberPersonId: 'q', relationship: 'cousin' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['memberPersonId', 'relationship']);
    const self = await env.app.inject({ method: 'POST', url, headers: caseworker.headers, payload: { memberPersonId: p.id, relationship: 'other' } });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('household.self_link');
    expect((await env.app.inject({ method: 'DELETE', url: '/api/household-links/x', headers: caseworker.headers })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'DELETE', url: `/api/household-links/${missing}`, headers: caseworker.headers })).statusCode).toBe(404);
  });

  it('shows a link from both ends with the relationship turned round, refuses a duplicate, and removes it', async () => {
    const caseworker = await env.staff('caseworker');
    const mother = await makePerson(env, { familyName: 'Mother' });
    const child = await makePerson(env, { familyName: 'Child' });
    const created = await env.app.inject({ method: 'POST', url: `/api/people/${mother.id}/household`, headers: caseworker.headers, payload: { memberPersonId: child.id, relationship: 'child' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ relationship: 'child', person: { id: child.id, familyName: 'Child', fileNumber: child.fileNumber } });

    const fromMother = (await env.app.inject({ method: 'GET', url: `/api/people/${mother.id}/household`, headers: caseworker.headers })).json().items;
    expect(fromMother).toEqual([expect.objectContaining({ relationship: 'child', person: expect.objectContaining({ id: child.id }) })]);
    const fromChild = (await env.app.inject({ method: 'GET', url: `/api/people/${child.id}/household`, headers: caseworker.headers })).json().items;
    expect(fromChild).toEqual([expect.objectContaining({ relationship: 'parent', person: expect.objectContaining({ id: mother.id, familyName: 'Mother' }) })]);

    const duplicate = await env.app.inject({ method: 'POST', url: `/api/people/${child.id}/household`, headers: caseworker.headers, payload: { memberPersonId: mother.id, relationship: 'parent' } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('household.already_linked');

    const removed = await env.app.inject({ method: 'DELETE', url: `/api/household-links/${created.json().linkId}`, headers: caseworker.headers });
    expect(removed.statusCode).toBe(200);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${child.id}/household`, headers: caseworker.headers })).json().items).toEqual([]);
  });

  it('404s for another organisation, at either end and on delete', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const toTheirs = await env.app.inject({ method: 'POST', url: `/api/people/${p.id}/household`, headers: caseworker.headers, payload: { memberPersonId: outsider.personId, relationship: 'spouse' } });
    expect(toTheirs.statusCode).toBe(404);
    expect(Object.keys(toTheirs.json().error.fields)).toEqual(['memberPersonId']);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${outsider.personId}/household`, headers: caseworker.headers })).statusCode).toBe(404);
    const q = await makePerson(env);
    const link = (await env.app.inject({ method: 'POST', url: `/api/people/${p.id}/household`, headers: caseworker.headers, payload: { memberPersonId: q.id, relationship: 'sibling' } })).json();
    expect((await env.app.inject({ method: 'DELETE', url: `/api/household-links/${link.linkId}`, headers: outsider.headers })).statusCode).toBe(404);
  });
});
