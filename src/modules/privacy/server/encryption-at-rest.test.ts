import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlFor } from '../../../server/test/database';
import { createTestEnv, makePerson, type TestEnv, type TestStaff } from '../../../server/test/factories';

/**
 * APPI: a leak of encrypted sensitive data need not be reported, so consultation notes, the
 * sensitive fields and the case file's sensitive fields (vulnerabilities, residence card number,
 * custody, procedure stage, whereabouts) must never reach the database as plaintext. These tests
 * write distinctive strings through the API and look for them in what a dump or a raw query would show.
 */
let env: TestEnv;
let caseworker: TestStaff;
beforeAll(async () => {
  env = await createTestEnv();
  caseworker = await env.staff('caseworker');
});
afterAll(async () => env?.close());

/**
 * What an attacker with a copy of the database would read: PGlite's whole data directory, or
 * `pg_dump` of the PostgreSQL test database.
 */
async function databaseDump(): Promise<Buffer> {
  const { pglite } = env.handle;
  if (pglite) return Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(env.handle.db);
  const url = databaseUrlFor(process.env.DATABASE_URL ?? '', rows[0]?.name ?? '');
  return execFileSync('pg_dump', ['--data-only', url], { maxBuffer: 256 * 1024 * 1024 });
}

const marker = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

async function writeThroughApi() {
  const person = await makePerson(env);
  const texts = { note: marker('NOTE'), needs: marker('NEEDS'), actions: marker('ACTIONS'), grounds: marker('GROUNDS'), health: marker('HEALTH') };
  const talk = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: { personId: person.id, mode: 'in_person', note: texts.note, needs: texts.needs, actions: texts.actions } });
  expect(talk.statusCode).toBe(201);
  const consent = await env.app.inject({ method: 'POST', url: `/api/people/${person.id}/consents`, headers: caseworker.headers, payload: { purpose: 'sensitive_data', consentedOn: '2026-01-05', method: 'written' } });
  expect(consent.statusCode).toBe(201);
  const saved = await env.app.inject({ method: 'PUT', url: `/api/people/${person.id}/sensitive`, headers: caseworker.headers, payload: { persecutionGrounds: texts.grounds, healthDetails: texts.health, version: 0 } });
  expect(saved.statusCode).toBe(200);
  return { person, consultationId: talk.json().id as string, texts };
}

describe('encryption at rest', () => {
  it('stores consultation texts and sensitive fields sealed, and gives them back decrypted', async () => {
    const { person, consultationId, texts } = await writeThroughApi();
    const raw = await env.handle.db.selectFrom('consultation').select(['note', 'needs', 'actions']).where('id', '=', consultationId).executeTakeFirstOrThrow();
    const sensitive = await env.handle.db.selectFrom('person_sensitive').select(['persecution_grounds', 'health_details']).where('person_id', '=', person.id).executeTakeFirstOrThrow();
    const stored = [raw.note, raw.needs, raw.actions, sensitive.persecution_grounds, sensitive.health_details];
    for (const value of stored) expect(value).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    const everything = JSON.stringify(stored);
    for (const plain of Object.values(texts)) expect(everything).not.toContain(plain);

    const read = await env.app.inject({ method: 'GET', url: `/api/consultations/${consultationId}`, headers: caseworker.headers });
    expect(read.json()).toMatchObject({ note: texts.note, needs: texts.needs, actions: texts.actions });
    const timeline = await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/timeline`, headers: caseworker.headers });
    expect(timeline.json().items[0].consultation.note).toBe(texts.note);
    const fields = await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/sensitive`, headers: caseworker.headers });
    expect(fields.json()).toMatchObject({ persecutionGrounds: texts.grounds, healthDetails: texts.health });
  });

  it('the database refuses a sensitive field written in plaintext', async () => {
    const person = await makePerson(env);
    await expect(
      env.handle.db.insertInto('person_sensitive').values({ person_id: person.id, organisation_id: env.organisationId, health_details: 'plain', updated_by: caseworker.ctx.actor.staffUserId }).execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it('a database dump shows none of the texts (while a plaintext column does show)', async () => {
    const { texts } = await writeThroughApi();
    // The control: a value stored in plaintext must be findable, or this test could never fail.
    const control = marker('CONTROL');
    const other = await makePerson(env);
    await env.handle.db.updateTable('person').set({ phone: control }).where('id', '=', other.id).execute();
    await sql`CHECKPOINT`.execute(env.handle.db);
    const dump = await databaseDump();
    expect(dump.includes(control)).toBe(true);
    for (const plain of Object.values(texts)) expect(dump.includes(plain), plain).toBe(false);
  });

  it('seals plaintext rows from before encryption once, at start-up, and leaves sealed ones alone', async () => {
    const person = await makePerson(env);
    const legacy = marker('LEGACY');
    const inserted = await env.handle.db
      .insertInto('consultation')
      .values({ organisation_id: env.organisationId, person_id: person.id, staff_user_id: caseworker.ctx.actor.staffUserId, occurred_at: new Date(), mode: 'phone', topics: [], note: legacy, needs: '', actions: 'called back' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { consultationId } = await writeThroughApi();
    const sealedBefore = await env.handle.db.selectFrom('consultation').select('note').where('id', '=', consultationId).executeTakeFirstOrThrow();

    expect(await env.services.consultations.sealStoredTexts()).toBeGreaterThanOrEqual(1);
    const raw = await env.handle.db.selectFrom('consultation').select(['note', 'needs', 'actions']).where('id', '=', inserted.id).executeTakeFirstOrThrow();
    expect(raw.note).toMatch(/^v1:/);
    expect(raw.note).not.toContain(legacy);
    expect(raw.needs).toBe('');
    expect(raw.actions).toMatch(/^v1:/);
    const read = await env.app.inject({ method: 'GET', url: `/api/consultations/${inserted.id}`, headers: caseworker.headers });
    expect(read.json()).toMatchObject({ note: legacy, needs: '', actions: 'called back' });

    // Idempotent: nothing left to seal, and already sealed values are not re-encrypted.
    expect(await env.services.consultations.sealStoredTexts()).toBe(0);
    const again = await env.handle.db.selectFrom('consultation').select('note').where('id', 'in', [inserted.id, consultationId]).orderBy('id').execute();
    expect(again.map((r) => r.note).sort()).toEqual([raw.note, sealedBefore.note].sort());
  });
});

/** How often `needle` occurs in the dump. */
function occurrences(dump: Buffer, needle: string): number {
  let count = 0;
  for (let at = dump.indexOf(needle); at !== -1; at = dump.indexOf(needle, at + 1)) count += 1;
  return count;
}

/** A residence card number no other test writes (two letters, eight digits, two letters). */
const cardNumber = () => `ZX${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}QW`;

/**
 * The codes of a sensitive case file. On PGlite the dump is the whole data directory, whose
 * catalogue holds the CHECK constraints of migrations/0002 ('detained', 'in_court'…): what must not
 * happen is that writing a case file adds an occurrence. The pg_dump of data has none to start with.
 */
const codes = ['detained', 'in_court', 'torture_survivor', 'mental_health'];

async function dumpAfterCheckpoint(): Promise<Buffer> {
  await sql`CHECKPOINT`.execute(env.handle.db);
  return databaseDump();
}

describe('case files at rest', () => {
  it('a dump shows neither the card number, the vulnerabilities, custody, the procedure stage nor the whereabouts', async () => {
    const card = cardNumber();
    const whereabouts = marker('WHEREABOUTS');
    const baseline = await dumpAfterCheckpoint();
    const counts = Object.fromEntries(codes.map((c) => [c, occurrences(baseline, c)]));
    expect(occurrences(baseline, card)).toBe(0);

    const person = await makePerson(env);
    const first = await env.app.inject({
      method: 'PATCH', url: `/api/people/${person.id}/case-file`, headers: caseworker.headers,
      payload: { version: 0, residenceCardNumber: card, custody: 'provisional_release', procedureStage: 'first_instance', vulnerabilities: ['illness'], whereabouts: `${whereabouts} (old)` },
    });
    expect(first.statusCode).toBe(200);
    // A second save, so the history holds old and new values of every sealed field.
    const saved = await env.app.inject({
      method: 'PATCH', url: `/api/people/${person.id}/case-file`, headers: caseworker.headers,
      payload: { version: 1, custody: 'detained', procedureStage: 'in_court', vulnerabilities: ['torture_survivor', 'mental_health'], whereabouts },
    });
    expect(saved.statusCode).toBe(200);
    const found = await env.app.inject({ method: 'GET', url: `/api/people?q=${card}`, headers: caseworker.headers });
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([person.id]);
    const exported = await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/export`, headers: caseworker.headers });
    expect(exported.statusCode).toBe(200);
    expect(exported.json().caseFile).toMatchObject({ residenceCardNumber: card, custody: 'detained', procedureStage: 'in_court', vulnerabilities: ['mental_health', 'torture_survivor'], whereabouts });
    expect(exported.json().statusHistory).toContainEqual(expect.objectContaining({ field: 'custody', oldValue: 'provisional_release', newValue: 'detained' }));

    const dump = await dumpAfterCheckpoint();
    for (const plain of [card, whereabouts]) expect(dump.includes(plain), plain).toBe(false);
    for (const code of codes) expect(occurrences(dump, code), code).toBeLessThanOrEqual(counts[code] ?? 0);
  });

  it('seals case files and history written in plaintext before sealing, at start-up, so a dump shows none of it', async () => {
    const card = cardNumber();
    const whereabouts = marker('LEGACY-WHEREABOUTS');
    const baseline = await dumpAfterCheckpoint();
    const counts = Object.fromEntries(codes.map((c) => [c, occurrences(baseline, c)]));
    const person = await makePerson(env);
    const staffId = caseworker.ctx.actor.staffUserId;
    // As a version before migrations/0011 left them: plaintext columns, plaintext history.
    await env.handle.db.insertInto('case_file').values({
      person_id: person.id, organisation_id: env.organisationId, residence_card_number: card, custody: 'detained', procedure_stage: 'in_court',
      vulnerabilities: ['mental_health', 'torture_survivor'], whereabouts, residence_status: 'no_status', version: 2, updated_by: staffId,
    }).execute();
    // Before migrations/0011 there was no constraint on these values: drop it while writing them, then put it back as it was.
    const { rows: [constraint] } = await sql<{ def: string }>`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'case_status_change_sealed_values'`.execute(env.handle.db);
    expect(constraint?.def).toMatch(/NOT VALID/);
    await sql`ALTER TABLE case_status_change DROP CONSTRAINT case_status_change_sealed_values`.execute(env.handle.db);
    await env.handle.db.insertInto('case_status_change').values([
      { organisation_id: env.organisationId, person_id: person.id, field: 'residenceCardNumber', old_value: null, new_value: card, effective_on: '2026-01-05', recorded_by: staffId },
      { organisation_id: env.organisationId, person_id: person.id, field: 'custody', old_value: 'provisional_release', new_value: 'detained', effective_on: '2026-01-06', recorded_by: staffId },
      { organisation_id: env.organisationId, person_id: person.id, field: 'procedureStage', old_value: null, new_value: 'in_court', effective_on: '2026-01-06', recorded_by: staffId },
      { organisation_id: env.organisationId, person_id: person.id, field: 'vulnerabilities', old_value: null, new_value: 'mental_health,torture_survivor', effective_on: '2026-01-06', recorded_by: staffId },
      { organisation_id: env.organisationId, person_id: person.id, field: 'whereabouts', old_value: null, new_value: whereabouts, effective_on: '2026-01-06', recorded_by: staffId },
    ]).execute();
    await sql.raw(`ALTER TABLE case_status_change ADD CONSTRAINT case_status_change_sealed_values ${constraint?.def ?? ''}`).execute(env.handle.db);
    // The control: the plaintext is in the dump before sealing, or this test could never fail.
    const before = await dumpAfterCheckpoint();
    expect(before.includes(card)).toBe(true);
    expect(before.includes(whereabouts)).toBe(true);

    const sealed = await env.services.cases.sealStoredFields(2);
    expect(sealed.caseFiles).toBeGreaterThanOrEqual(1);
    expect(sealed.historyRows).toBeGreaterThanOrEqual(5);
    await env.services.cases.purgeOldRowVersions(env.handle.engine === 'pglite');
    const raw = await env.handle.db.selectFrom('case_file').select(['sealed_fields', 'residence_card_number', 'custody', 'procedure_stage', 'vulnerabilities', 'whereabouts', 'residence_status'])
      .where('person_id', '=', person.id).executeTakeFirstOrThrow();
    expect(raw).toMatchObject({ residence_card_number: null, custody: null, procedure_stage: null, vulnerabilities: [], whereabouts: '', residence_status: 'no_status' });
    expect(raw.sealed_fields).toMatch(/^v1:/);

    const dump = await dumpAfterCheckpoint();
    for (const plain of [card, whereabouts]) expect(dump.includes(plain), plain).toBe(false);
    for (const code of codes) expect(occurrences(dump, code), code).toBeLessThanOrEqual(counts[code] ?? 0);

    // Read back in plaintext, found by card number, version unchanged (sealing changed no content).
    const file = await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/case-file`, headers: caseworker.headers });
    expect(file.json()).toMatchObject({ version: 2, residenceCardNumber: card, custody: 'detained', procedureStage: 'in_court', vulnerabilities: ['mental_health', 'torture_survivor'], whereabouts });
    const history = (await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/case-file/history`, headers: caseworker.headers })).json().items;
    expect(history).toContainEqual(expect.objectContaining({ field: 'custody', oldValue: 'provisional_release', newValue: 'detained' }));
    expect(history).toContainEqual(expect.objectContaining({ field: 'residenceCardNumber', oldValue: null, newValue: card }));
    const found = await env.app.inject({ method: 'GET', url: `/api/people?q=${card}`, headers: caseworker.headers });
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([person.id]);

    // Idempotent: nothing left, and sealed values are not re-encrypted.
    expect(await env.services.cases.sealStoredFields()).toEqual({ caseFiles: 0, historyRows: 0 });
    const again = await env.handle.db.selectFrom('case_file').select('sealed_fields').where('person_id', '=', person.id).executeTakeFirstOrThrow();
    expect(again.sealed_fields).toBe(raw.sealed_fields);
  });

  it('the database refuses a history value of a sealed field written in plaintext', async () => {
    const person = await makePerson(env);
    await expect(
      env.handle.db.insertInto('case_status_change').values({ organisation_id: env.organisationId, person_id: person.id, field: 'custody', old_value: null, new_value: 'detained', effective_on: '2026-01-06', recorded_by: caseworker.ctx.actor.staffUserId }).execute(),
    ).rejects.toThrow(/check constraint/);
  });
});
