import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

it('writes an aid item named like a spreadsheet formula into the CSV as text, not as a formula', async () => {
  const admin = await env.staff('admin');
  const caseworker = await env.staff('caseworker');
  const formula = '=HYPERLINK("http://x","y")';
  const item = await env.app.inject({ method: 'POST', url: '/api/aid-items', headers: admin.headers, payload: { code: 'formula_item', nameJa: formula, nameEn: '+SUM(1;2)', category: 'other' } });
  expect(item.statusCode, item.body).toBe(201);
  const person = await makePerson(env);
  const given = await env.app.inject({ method: 'POST', url: '/api/assistance', headers: caseworker.headers, payload: { personId: person.id, itemCode: 'formula_item', quantity: 1 } });
  expect(given.statusCode, given.body).toBe(201);

  const today = tokyoDate();
  const csv = await env.app.inject({ method: 'GET', url: `/api/reports/summary.csv?from=${today}&to=${today}`, headers: caseworker.headers });
  expect(csv.statusCode).toBe(200);
  const rows = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  const cells = rows.flat();
  expect(cells).toContain(`'${formula} / +SUM(1;2)`);
  // No cell anywhere in the export starts with a character a spreadsheet would evaluate.
  for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
});
