import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlFor } from '../../../server/test/database';
import { createTestEnv, makePerson, type TestEnv, type TestStaff } from '../../../server/test/factories';

/**
 * APPI: a leak of encrypted sensitive data need not be reported, so consultation notes and the
 * sensitive fields must never reach the database as plaintext. These tests write distinctive
 * strings through the API and look for them in what a dump or a raw query would show.
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
