import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';
import { addDays, tokyoDate } from '../../../shared/time';
import { PersonExport } from '../contract';
import { personTables } from './privacy.export-coverage';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe("the person's own copy (本人開示) covers every table about a person", () => {
  it('lists every table with a column that refers to a person, from the database catalogue', async () => {
    // Foreign keys to person, and any column named like a person reference without one.
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
       WHERE c.contype = 'f' AND c.confrelid = 'person'::regclass
      UNION
      SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND (column_name = 'person_id' OR column_name LIKE '%\\_person\\_id')
    `.execute(env.handle.db);
    const tables = [...new Set(rows.map((r) => r.table_name))].sort();
    expect(tables.length).toBeGreaterThan(15);
    const missing = tables.filter((t) => !(t in personTables));
    expect(missing, `tables about a person that the export neither shows nor explains: ${missing.join(', ')} — add them to privacy.export-coverage.ts`).toEqual([]);
    for (const [table, where] of Object.entries(personTables)) {
      if ('exportedAs' in where) expect(Object.keys(PersonExport.shape), table).toContain(where.exportedAs);
      else expect(where.notPersonalData.length, table).toBeGreaterThan(20);
    }
  });

  it("includes a person's shelter stays, paid lodging and waiting-list entries (closed ones too), in JSON and in the document", async () => {
    const caseworker = await env.staff('caseworker');
    const coordinator = await env.staff('coordinator');
    const post = async (url: string, payload: object, who = caseworker) => {
      const res = await env.app.inject({ method: 'POST', url, headers: who.headers, payload });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res.json() as { id: string };
    };
    const facility = await post('/api/shelter/facilities', { nameJa: '開示テスト寮', nameEn: 'Disclosure House' }, coordinator);
    const room = await post('/api/shelter/rooms', { facilityId: facility.id, name: 'R9', allowedUse: 'any' }, coordinator);
    const bed = await post('/api/shelter/beds', { roomId: room.id, label: 'B1' }, coordinator);
    const p = await makePerson(env, { familyName: 'Tesfaye' });
    const entry = await post('/api/shelter/waiting-list', { personId: p.id, needs: 'any', note: 'Sleeps at Ueno station' });
    const today = tokyoDate();
    await post('/api/shelter/stays', { personId: p.id, bedId: bed.id, checkInOn: today, expectedCheckOutOn: addDays(today, 3), waitingEntryId: entry.id });
    await post('/api/shelter/paid-lodging', { personId: p.id, kind: 'net_cafe', placeName: 'Cafe Ikebukuro East', firstNightOn: today, nights: 2, costYen: 4000 });

    const res = await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/export`, headers: caseworker.headers });
    expect(res.statusCode).toBe(200);
    const data = res.json() as PersonExport;
    expect(data.shelter.stays).toEqual([expect.objectContaining({ facilityNameEn: 'Disclosure House', bedLabel: 'B1', checkInOn: today })]);
    expect(data.shelter.paidLodging).toEqual([expect.objectContaining({ kind: 'net_cafe', placeName: 'Cafe Ikebukuro East', nights: 2, costYen: 4000 })]);
    // The entry closed as housed when the bed was given: still held, so still shown.
    expect(data.shelter.waitingEntries).toEqual([expect.objectContaining({ id: entry.id, status: 'housed', note: 'Sleeps at Ueno station' })]);

    const html = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/export.html`, headers: caseworker.headers })).body;
    for (const text of ['シェルターの利用', 'Shelter stays', 'Disclosure House', 'Cafe Ikebukuro East', 'シェルター待機リスト', 'Sleeps at Ueno station', '入所済み / Housed']) expect(html).toContain(text);
  });
});
