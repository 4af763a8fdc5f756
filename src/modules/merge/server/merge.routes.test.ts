import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';
import type { Person } from '../../people/contract';
import { addDays, tokyoDate } from '../../../shared/time';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const MISSING = '00000000-0000-4000-8000-000000000000';

async function caseworker() {
  return env.staff('caseworker');
}

/** Where every linked row of the tested tables points, to compare before a merge and after its undo. */
async function whereRowsAre(ids: string[]) {
  const db = env.handle.db;
  const of = <T extends { person_id: string | null }>(rows: T[]) => rows.filter((r) => r.person_id && ids.includes(r.person_id));
  return {
    visit: of(await db.selectFrom('visit').select(['id', 'person_id']).orderBy('id').execute()),
    consultation: of(await db.selectFrom('consultation').select(['id', 'person_id']).orderBy('id').execute()),
    assistance: of(await db.selectFrom('assistance').select(['id', 'person_id']).orderBy('id').execute()),
    caseFile: of(await db.selectFrom('case_file').select(['person_id', 'whereabouts']).orderBy('person_id').execute()),
    // Housing changes add their own history rows (checked apart).
    caseStatusChange: of(await db.selectFrom('case_status_change').select(['id', 'person_id']).where('field', '<>', 'housing').orderBy('id').execute()),
    caseEvent: of(await db.selectFrom('case_event').select(['id', 'person_id']).orderBy('id').execute()),
    task: of(await db.selectFrom('task').select(['id', 'person_id']).orderBy('id').execute()),
    household: (await db.selectFrom('household_link').select(['id', 'person_id', 'member_person_id']).orderBy('id').execute())
      .filter((r) => ids.includes(r.person_id) || ids.includes(r.member_person_id)),
  };
}

/** Two files of one man (the second registered with another spelling), each with linked records. */
async function twoFiles() {
  const cw = await caseworker();
  const reception = await env.staff('reception');
  const db = env.handle.db;
  const org = env.organisationId;
  const staffId = cw.ctx.actor.staffUserId;
  const survivor = await makePerson(env, { familyName: 'Gebremariam', givenName: 'Abebe', nationality: 'ET', languages: ['am'], phone: '090-1111-2222', housing: 'net_cafe' });
  const merged = await makePerson(env, { familyName: 'Gebremaryam', givenName: 'Abebe', nameKana: 'ゲブレマリヤム', dateOfBirth: '1990-04-01', languages: ['en', 'ti'], housing: 'friend' });
  const wife = await makePerson(env, { familyName: 'Gebremariam', givenName: 'Selam' });
  const child = await makePerson(env, { familyName: 'Gebremariam', givenName: 'Hana' });

  await env.services.reception.checkIn(reception.ctx, { personId: survivor.id, reason: '', priority: 'normal', priorityReasons: [] });
  const visit = await env.services.reception.checkIn(reception.ctx, { personId: merged.id, reason: '', priority: 'normal', priorityReasons: [] });
  await env.services.consultations.create(cw.ctx, { personId: merged.id, visitId: visit.id, mode: 'in_person', topics: ['housing'], note: 'Sleeping at a friend’s', needs: '', actions: '' });
  await env.services.assistance.give(cw.ctx, { personId: merged.id, itemCode: 'hygiene_kit', quantity: 1, note: '' });
  // The cases and tasks services are still being written: their rows are inserted directly.
  await db.insertInto('case_file').values([
    { person_id: survivor.id, organisation_id: org, whereabouts: 'survivor' },
    { person_id: merged.id, organisation_id: org, whereabouts: 'merged' },
  ]).execute();
  await db.insertInto('case_status_change').values({ organisation_id: org, person_id: merged.id, field: 'procedure_stage', old_value: null, new_value: 'first_instance', effective_on: '2026-01-10', recorded_by: staffId }).execute();
  await db.insertInto('case_event').values({ organisation_id: org, person_id: merged.id, kind: 'interview', occurs_on: '2026-12-20', created_by: staffId }).execute();
  await db.insertInto('task').values({ organisation_id: org, person_id: merged.id, title: 'Call the shelter', created_by: staffId }).execute();
  await db.insertInto('household_link').values([
    // Registered as the merged file's husband of the survivor's wife, and as each other's sibling by mistake.
    { organisation_id: org, person_id: merged.id, member_person_id: survivor.id, relationship: 'sibling', created_by: staffId },
    { organisation_id: org, person_id: wife.id, member_person_id: merged.id, relationship: 'spouse', created_by: staffId },
    { organisation_id: org, person_id: merged.id, member_person_id: child.id, relationship: 'child', created_by: staffId },
  ]).execute();
  return { survivor, merged, wife, child };
}

const mergeBody = (survivor: Person, merged: Person, choose: Record<string, string> = {}) => ({
  survivorId: survivor.id, mergedId: merged.id, survivorVersion: survivor.version, mergedVersion: merged.version, choose,
});

async function search(q: string) {
  const cw = await caseworker();
  const res = await env.app.inject({ method: 'GET', url: `/api/people?q=${encodeURIComponent(q)}`, headers: cw.headers });
  return (res.json().items as Array<{ id: string }>).map((p) => p.id);
}

describe('GET /api/people/:id/merge-preview', () => {
  it('answers 401, 403, 400 and 404', async () => {
    const [a, b] = [await makePerson(env), await makePerson(env)];
    const url = `/api/people/${a.id}/merge-preview?otherId=${b.id}`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url, headers: reception.headers })).statusCode).toBe(403);
    const cw = await caseworker();
    const bad = await env.app.inject({ method: 'GET', url: `/api/people/${a.id}/merge-preview?otherId=nope`, headers: cw.headers });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['otherId']);
    const self = await env.app.inject({ method: 'GET', url: `/api/people/${a.id}/merge-preview?otherId=${a.id}`, headers: cw.headers });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('merge.same_person');
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${a.id}/merge-preview?otherId=${MISSING}`, headers: cw.headers })).statusCode).toBe(404);
  });

  it('shows both files, what differs, what moves and what stays; audited as a read of both', async () => {
    const { survivor, merged } = await twoFiles();
    const cw = await caseworker();
    const res = await env.app.inject({ method: 'GET', url: `/api/people/${survivor.id}/merge-preview?otherId=${merged.id}`, headers: cw.headers });
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.survivor.familyName).toBe('Gebremariam');
    expect(preview.merged.familyName).toBe('Gebremaryam');
    expect(preview.differingFields).toEqual(['familyName', 'nameKana', 'dateOfBirth', 'nationality', 'languages', 'phone', 'housing']);
    const linked = (table: string, column = 'person_id') => preview.linked.find((l: { table: string; column: string }) => l.table === table && l.column === column);
    expect(linked('visit')).toEqual({ table: 'visit', column: 'person_id', survivor: 1, merged: 1 });
    expect(linked('consultation')).toMatchObject({ survivor: 0, merged: 1 });
    expect(linked('assistance')).toMatchObject({ survivor: 0, merged: 1 });
    expect(linked('case_file')).toMatchObject({ survivor: 1, merged: 1 });
    expect(linked('household_link', 'member_person_id')).toMatchObject({ survivor: 1, merged: 1 });
    expect(preview.kept).toEqual(expect.arrayContaining([
      { table: 'case_file', column: 'person_id', reason: 'unique', count: 1 },
      { table: 'household_link', column: 'person_id', reason: 'self_link', count: 1 },
    ]));
    expect(preview.kept, JSON.stringify(preview.kept)).toHaveLength(2);
    const events = await env.handle.db.selectFrom('audit_event').select(['entity_id', 'details']).where('action', '=', 'read').where('entity_id', 'in', [survivor.id, merged.id]).execute();
    expect(events.filter((e) => (e.details as { view?: string }).view === 'merge_preview').map((e) => e.entity_id).sort()).toEqual([survivor.id, merged.id].sort());
  });
});

describe('POST /api/people/merges', () => {
  it('answers 401, 403 and 400', async () => {
    const [a, b] = [await makePerson(env), await makePerson(env)];
    expect((await env.app.inject({ method: 'POST', url: '/api/people/merges', payload: mergeBody(a, b) })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'POST', url: '/api/people/merges', headers: reception.headers, payload: mergeBody(a, b) })).statusCode).toBe(403);
    const cw = await caseworker();
    const bad = await env.app.inject({ method: 'POST', url: '/api/people/merges', headers: cw.headers, payload: { ...mergeBody(a, b, { familyName: 'both', colour: 'merged' }), survivorVersion: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['choose.colour', 'choose.familyName', 'survivorVersion']);
  });

  it('refuses a file with itself, an already merged file, a stale version and other organisations’ files', async () => {
    const cw = await caseworker();
    const [a, b, c] = [await makePerson(env), await makePerson(env), await makePerson(env)];
    const post = (payload: object) => env.app.inject({ method: 'POST', url: '/api/people/merges', headers: cw.headers, payload });
    const self = await post(mergeBody(a, a));
    expect([self.statusCode, self.json().error.code]).toEqual([400, 'merge.same_person']);
    const stale = await post({ ...mergeBody(a, b), mergedVersion: b.version + 1 });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'merge.version_conflict']);
    expect((await post(mergeBody(a, b))).statusCode).toBe(201);
    const fresh = (await env.app.inject({ method: 'GET', url: `/api/people/${a.id}`, headers: cw.headers })).json();
    const again = await post({ ...mergeBody(c, b), mergedVersion: b.version + 1 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'merge.already_merged']);
    const intoMerged = await post({ ...mergeBody(b, c), survivorVersion: b.version + 1 });
    expect([intoMerged.statusCode, intoMerged.json().error.code]).toEqual([409, 'merge.already_merged']);
    // A file of another office is not found at all.
    const db = env.handle.db;
    const otherOrg = await db.insertInto('organisation').values({ name: 'Other office' }).returning('id').executeTakeFirstOrThrow();
    const foreign = await db.insertInto('person').values({ organisation_id: otherOrg.id, file_number: 'TB-000001', family_name: 'Other', given_name: 'Office', date_of_birth_estimated: false, sex: 'unknown', languages: [], search_text: 'other' }).returning(['id', 'version']).executeTakeFirstOrThrow();
    const cross = await post({ survivorId: fresh.id, mergedId: foreign.id, survivorVersion: fresh.version, mergedVersion: foreign.version });
    expect([cross.statusCode, cross.json().error.code]).toEqual([404, 'person.not_found']);
  });

  it('moves every linked record, takes the chosen values, hides the merged file; undo puts everything back', async () => {
    const { survivor, merged, wife, child } = await twoFiles();
    const cw = await caseworker();
    const ids = [survivor.id, merged.id];
    const before = await whereRowsAre(ids);
    expect(await search('Gebremaryam')).toContain(merged.id);

    const res = await env.app.inject({
      method: 'POST', url: '/api/people/merges', headers: cw.headers,
      payload: mergeBody(survivor, merged, { familyName: 'merged', nameKana: 'merged', dateOfBirth: 'merged', languages: 'both', housing: 'merged' }),
    });
    expect(res.statusCode).toBe(201);
    const record = res.json();
    expect(record).toMatchObject({ survivorId: survivor.id, mergedId: merged.id, survivorFileNumber: survivor.fileNumber, mergedBy: 'caseworker en', undoneAt: null });
    expect(record.choices).toMatchObject({ familyName: 'merged', givenName: 'survivor', languages: 'both' });
    expect(record.kept).toEqual(expect.arrayContaining([
      { table: 'case_file', column: 'person_id', reason: 'unique', count: 1 },
      { table: 'household_link', column: 'person_id', reason: 'self_link', count: 1 },
    ]));

    // The surviving file: chosen values, version bumped, found by the merged file's spelling and kana.
    const s = (await env.app.inject({ method: 'GET', url: `/api/people/${survivor.id}`, headers: cw.headers })).json();
    expect(s).toMatchObject({ familyName: 'Gebremaryam', givenName: 'Abebe', nameKana: 'ゲブレマリヤム', dateOfBirth: '1990-04-01', nationality: 'ET', phone: '090-1111-2222', housing: 'friend', languages: ['am', 'en', 'ti'], version: survivor.version + 1, mergedIntoId: null });
    expect(await search('Gebremaryam')).toContain(survivor.id);
    expect(await search('ゲブレマリヤム')).toContain(survivor.id);
    expect([...(await search('Gebremaryam')), ...(await search(merged.fileNumber))]).not.toContain(merged.id);
    // The merged file still opens, and says where it went.
    const m = (await env.app.inject({ method: 'GET', url: `/api/people/${merged.id}`, headers: cw.headers })).json();
    expect(m).toMatchObject({ familyName: 'Gebremaryam', mergedIntoId: survivor.id });
    // …but takes no new records: they would be hidden with it. Check-in, aid and edits are refused.
    const reception = await env.staff('reception');
    const checkIn = await env.app.inject({ method: 'POST', url: '/api/visits', headers: reception.headers, payload: { personId: merged.id, reason: '' } });
    expect([checkIn.statusCode, checkIn.json().error.code]).toEqual([409, 'person.merged']);
    const aid = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: cw.headers, payload: { personId: merged.id, itemCode: 'blanket', quantity: 1 } });
    expect([aid.statusCode, aid.json().error.code]).toEqual([409, 'person.merged']);
    const edit = await env.app.inject({ method: 'PATCH', url: `/api/people/${merged.id}`, headers: cw.headers, payload: { version: m.version, phone: '090-0000-0000' } });
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'person.merged']);

    const after = await whereRowsAre(ids);
    for (const table of ['visit', 'consultation', 'assistance', 'caseStatusChange', 'caseEvent', 'task'] as const) {
      expect(after[table].map((r) => r.person_id), table).toEqual(after[table].map(() => survivor.id));
      expect(after[table].length, table).toBe(before[table].length);
    }
    // One case file each: the survivor's stays its own, the merged file's stays behind.
    expect(after.caseFile).toEqual([{ person_id: survivor.id, whereabouts: 'survivor' }, { person_id: merged.id, whereabouts: 'merged' }].sort((x, y) => x.person_id.localeCompare(y.person_id)));
    const links = after.household.map((l) => [l.person_id, l.member_person_id]);
    expect(links).toEqual(expect.arrayContaining([[merged.id, survivor.id], [wife.id, survivor.id], [survivor.id, child.id]]));
    expect(links).toHaveLength(3);

    const audits = await env.handle.db.selectFrom('audit_event').select(['entity_id', 'details']).where('action', '=', 'merge').where('entity_id', 'in', ids).execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual([...ids].sort());
    expect(JSON.stringify(audits)).not.toContain('Gebremaryam');

    // History on both files, newest first.
    const history = await env.app.inject({ method: 'GET', url: `/api/people/${merged.id}/merges`, headers: cw.headers });
    expect(history.json().items.map((i: { id: string }) => i.id)).toEqual([record.id]);

    const undo = await env.app.inject({ method: 'POST', url: `/api/people/merges/${record.id}/undo`, headers: cw.headers });
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ id: record.id, undoneBy: 'caseworker en', fieldsKept: [], rowsNotFound: 0 });
    expect(undo.json().undoneAt).not.toBeNull();
    expect(await whereRowsAre(ids)).toEqual(before);
    const restored = (await env.app.inject({ method: 'GET', url: `/api/people/${survivor.id}`, headers: cw.headers })).json();
    expect(restored).toMatchObject({ familyName: 'Gebremariam', nameKana: null, dateOfBirth: null, languages: ['am'], housing: 'net_cafe', mergedIntoId: null });
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${merged.id}`, headers: cw.headers })).json().mergedIntoId).toBeNull();
    expect(await search(merged.fileNumber)).toContain(merged.id);
    expect(await search('ゲブレマリヤム')).not.toContain(survivor.id);
    // The housing the merge chose, and its undo, are in the survivor's status history.
    const housing = await env.handle.db.selectFrom('case_status_change').select(['old_value', 'new_value']).where('person_id', '=', survivor.id).where('field', '=', 'housing').orderBy('recorded_at').execute();
    expect(housing).toEqual([{ old_value: 'net_cafe', new_value: 'friend' }, { old_value: 'friend', new_value: 'net_cafe' }]);
    const unmerged = await env.handle.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'unmerge').where('entity_id', 'in', ids).execute();
    expect(unmerged).toHaveLength(2);

    const twice = await env.app.inject({ method: 'POST', url: `/api/people/merges/${record.id}/undo`, headers: cw.headers });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'merge.already_undone']);
  });
});

describe('POST /api/people/merges/:id/undo', () => {
  it('answers 401, 403, 400 and 404', async () => {
    const cw = await caseworker();
    const [a, b] = [await makePerson(env), await makePerson(env)];
    const record = (await env.app.inject({ method: 'POST', url: '/api/people/merges', headers: cw.headers, payload: mergeBody(a, b) })).json();
    const url = `/api/people/merges/${record.id}/undo`;
    expect((await env.app.inject({ method: 'POST', url })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'POST', url, headers: reception.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'POST', url: '/api/people/merges/nope/undo', headers: cw.headers })).statusCode).toBe(400);
    const missing = await env.app.inject({ method: 'POST', url: `/api/people/merges/${MISSING}/undo`, headers: cw.headers });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'merge.not_found']);
  });

  it('keeps edits made to the surviving file after the merge, and restores the rest', async () => {
    const cw = await caseworker();
    const a = await makePerson(env, { familyName: 'Okafor', givenName: 'Chidi', phone: '080-1234-5678' });
    const b = await makePerson(env, { familyName: 'Okafor', givenName: 'Chidiebere', phone: '070-0000-1111', sex: 'male' });
    const record = (await env.app.inject({ method: 'POST', url: '/api/people/merges', headers: cw.headers, payload: mergeBody(a, b, { givenName: 'merged', phone: 'merged', sex: 'merged' }) })).json();
    const merged = (await env.app.inject({ method: 'GET', url: `/api/people/${a.id}`, headers: cw.headers })).json();
    const edit = await env.app.inject({ method: 'PATCH', url: `/api/people/${a.id}`, headers: cw.headers, payload: { version: merged.version, phone: '090-9999-0000' } });
    expect(edit.statusCode).toBe(200);
    const undo = await env.app.inject({ method: 'POST', url: `/api/people/merges/${record.id}/undo`, headers: cw.headers });
    expect(undo.json().fieldsKept).toEqual(['phone']);
    const after = (await env.app.inject({ method: 'GET', url: `/api/people/${a.id}`, headers: cw.headers })).json();
    expect(after).toMatchObject({ givenName: 'Chidi', sex: 'unknown', phone: '090-9999-0000' });
  });

  it('refuses to undo a merge whose surviving file was merged again since', async () => {
    const cw = await caseworker();
    const [a, b, c] = [await makePerson(env), await makePerson(env), await makePerson(env)];
    const first = (await env.app.inject({ method: 'POST', url: '/api/people/merges', headers: cw.headers, payload: mergeBody(a, b) })).json();
    const a2 = (await env.app.inject({ method: 'GET', url: `/api/people/${a.id}`, headers: cw.headers })).json();
    const second = await env.app.inject({ method: 'POST', url: '/api/people/merges', headers: cw.headers, payload: mergeBody(c, a2) });
    expect(second.statusCode).toBe(201);
    const res = await env.app.inject({ method: 'POST', url: `/api/people/merges/${first.id}/undo`, headers: cw.headers });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'merge.survivor_merged']);
    expect((await env.app.inject({ method: 'POST', url: `/api/people/merges/${second.json().id}/undo`, headers: cw.headers })).statusCode).toBe(200);
    expect((await env.app.inject({ method: 'POST', url: `/api/people/merges/${first.id}/undo`, headers: cw.headers })).statusCode).toBe(200);
  });
});

describe('GET /api/people/:id/merges', () => {
  it('answers 401, 403, 400, 404 and the merges newest first', async () => {
    const cw = await caseworker();
    const [a, b, c] = [await makePerson(env), await makePerson(env), await makePerson(env)];
    const url = `/api/people/${a.id}/merges`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url, headers: reception.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/people/nope/merges', headers: cw.headers })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${MISSING}/merges`, headers: cw.headers })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url, headers: cw.headers })).json().items).toEqual([]);
    const first = (await env.app.inject({ method: 'POST', url: '/api/people/merges', headers: cw.headers, payload: mergeBody(a, b) })).json();
    const a2 = (await env.app.inject({ method: 'GET', url: `/api/people/${a.id}`, headers: cw.headers })).json();
    const second = (await env.app.inject({ method: 'POST', url: '/api/people/merges', headers: cw.headers, payload: mergeBody(a2, c) })).json();
    const res = await env.app.inject({ method: 'GET', url, headers: cw.headers });
    expect(res.json().items.map((i: { id: string; mergedFileNumber: string }) => [i.id, i.mergedFileNumber])).toEqual([[second.id, c.fileNumber], [first.id, b.fileNumber]]);
  });
});

describe('tables the merge module does not know', () => {
  it('finds them in the catalogue, respects their unique indexes (partial too), and undoes exactly', async () => {
    const db = env.handle.db;
    const { sql } = await import('kysely');
    // Runs last in this file: the tables below would show in the other tests' previews.
    await sql`CREATE TABLE merge_test_badge (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      holder uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL,
      active boolean NOT NULL)`.execute(db);
    await sql`CREATE UNIQUE INDEX merge_test_badge_active ON merge_test_badge (holder, kind) WHERE active`.execute(db);
    await sql`CREATE TABLE merge_test_keyless (person_id uuid REFERENCES person(id), note text)`.execute(db);
    const cw = await caseworker();
    const [a, b] = [await makePerson(env), await makePerson(env)];
    await sql`INSERT INTO merge_test_badge (holder, kind, active) VALUES
      (${a.id}, 'card', true), (${b.id}, 'card', true), (${b.id}, 'card', false), (${b.id}, 'pass', true)`.execute(db);
    await sql`INSERT INTO merge_test_keyless (person_id, note) VALUES (${b.id}, 'x')`.execute(db);
    const badges = async () => (await sql<{ holder: string; kind: string; active: boolean }>`SELECT holder, kind, active FROM merge_test_badge ORDER BY kind, active, holder`.execute(db)).rows;
    const before = await badges();

    const preview = (await env.app.inject({ method: 'GET', url: `/api/people/${a.id}/merge-preview?otherId=${b.id}`, headers: cw.headers })).json();
    expect(preview.linked).toEqual(expect.arrayContaining([{ table: 'merge_test_badge', column: 'holder', survivor: 1, merged: 3 }]));
    expect(preview.kept).toEqual(expect.arrayContaining([
      { table: 'merge_test_badge', column: 'holder', reason: 'unique', count: 1 },
      { table: 'merge_test_keyless', column: 'person_id', reason: 'no_key', count: 1 },
    ]));
    const record = (await env.app.inject({ method: 'POST', url: '/api/people/merges', headers: cw.headers, payload: mergeBody(a, b) })).json();
    expect(record.moved).toEqual(expect.arrayContaining([{ table: 'merge_test_badge', column: 'holder', count: 2 }]));
    const moved = await badges();
    expect(moved.filter((r) => r.holder === a.id).map((r) => `${r.kind}:${r.active}`).sort()).toEqual(['card:false', 'card:true', 'pass:true']);
    expect(moved.filter((r) => r.holder === b.id).map((r) => `${r.kind}:${r.active}`)).toEqual(['card:true']);

    expect((await env.app.inject({ method: 'POST', url: `/api/people/merges/${record.id}/undo`, headers: cw.headers })).statusCode).toBe(200);
    expect(await badges()).toEqual(before);
  });
});

describe('merging two files that are both in a shelter bed on the same nights', () => {
  it('is refused with 409 and a clear message, and changes nothing (one person cannot sleep in two beds)', async () => {
    const coordinator = await env.staff('coordinator');
    const post = async (url: string, payload: object) => {
      const res = await env.app.inject({ method: 'POST', url, headers: coordinator.headers, payload });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res.json() as { id: string };
    };
    const facility = await post('/api/shelter/facilities', { nameJa: '統合テスト', nameEn: 'Merge test house' });
    const room = await post('/api/shelter/rooms', { facilityId: facility.id, name: 'M1', allowedUse: 'any' });
    const bedA = await post('/api/shelter/beds', { roomId: room.id, label: 'M1-1' });
    const bedB = await post('/api/shelter/beds', { roomId: room.id, label: 'M1-2' });
    const a = await makePerson(env, { familyName: 'Twobeds', givenName: 'Sara' });
    const b = await makePerson(env, { familyName: 'Twobeds', givenName: 'Sarah' });
    const today = tokyoDate();
    const later = addDays(today, 10);
    await post('/api/shelter/stays', { personId: a.id, bedId: bedA.id, checkInOn: today, expectedCheckOutOn: later });
    await post('/api/shelter/stays', { personId: b.id, bedId: bedB.id, checkInOn: today, expectedCheckOutOn: later });
    const cw = await env.staff('caseworker');
    // Checking in recorded both as living in the shelter: merge the files as they are now.
    const now = async (p: Person) => (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}`, headers: cw.headers })).json() as Person;
    const res = await env.app.inject({ method: 'POST', url: '/api/people/merges', headers: cw.headers, payload: mergeBody(await now(a), await now(b)) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict.overlap');
    expect(res.json().error.message).toMatch(/overlap/i);
    const merged = await env.app.inject({ method: 'GET', url: `/api/people/${b.id}`, headers: cw.headers });
    expect(merged.json().mergedIntoId ?? null).toBeNull();
  });
});
