import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../../server/test/factories';
import { readPdf, squash } from '../../../../server/test/pdf-text';
import { tokyoDate } from '../../../../shared/time';
import type { BatchItem, BatchProgress, ReceiptBatch } from '../contract';
import { reserveCounter } from '../../../../server/db/counters';
import { takeNextItem } from './receipts.repository';
import { createReceiptsService } from './receipts.service';
import { insertFund, insertGift, insertSupporter, sampleSettings } from './receipts.test-helpers';

let env: TestEnv;
let fundraiser: TestStaff;
let fundId: string;
const issueYear = tokyoDate().slice(0, 4);
/** Each test gives in its own past year, so their batches never see each other's gifts. */
const yearOf = (back: number) => Number(issueYear) - back;

const call = (method: 'GET' | 'POST', url: string, payload?: object) => env.app.inject({ method, url, headers: fundraiser.headers, payload });
const json = <T>(res: { json: () => unknown }) => res.json() as T;

/** A supporter who gave `amounts` (received) in the year. */
async function donor(year: number, amounts: number[], overrides: Parameters<typeof insertSupporter>[2] = {}, address: Parameters<typeof insertSupporter>[3] = {}) {
  const s = await insertSupporter(env.handle.db, env.organisationId, overrides, address);
  for (const [i, amountYen] of amounts.entries()) {
    await insertGift(env.handle.db, env.organisationId, fundId, { supporterId: s.id, amountYen, receivedOn: `${year}-${String(i + 1).padStart(2, '0')}-10` });
  }
  return s;
}

async function createBatch(payload: object): Promise<ReceiptBatch> {
  const res = await call('POST', '/api/fundraising/receipt-batches', payload);
  expect(res.statusCode, res.body).toBe(201);
  return json<ReceiptBatch>(res);
}

async function run(batchId: string, limit?: number): Promise<BatchProgress> {
  const res = await call('POST', `/api/fundraising/receipt-batches/${batchId}/run${limit ? `?limit=${limit}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<BatchProgress>(res);
}

async function runToEnd(batchId: string, limit: number): Promise<BatchProgress[]> {
  const seen: BatchProgress[] = [];
  for (let i = 0; i < 1000; i++) {
    const p = await run(batchId, limit);
    seen.push(p);
    if (p.status === 'done') return seen;
  }
  throw new Error('the batch never finished');
}

/** Valid annual receipts per supporter for the year. */
async function annualsOf(year: number) {
  return env.handle.db.selectFrom('receipt').select(['supporter_id', 'receipt_number', 'total_yen', 'batch_id'])
    .where('organisation_id', '=', env.organisationId).where('year', '=', year).where('kind', '=', 'annual').where('voided_at', 'is', null).execute();
}

/** Every first receipt number issued in this file, in order: 1, 2, 3… with nothing missing or twice. */
async function expectNumbersWithoutGap() {
  const rows = await env.handle.db.selectFrom('receipt').select('receipt_number').where('organisation_id', '=', env.organisationId).where('reissue_of', 'is', null).execute();
  const numbers = rows.map((r) => r.receipt_number).sort();
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(numbers).toEqual(numbers.map((_, i) => `${issueYear}-${String(i + 1).padStart(6, '0')}`));
}

beforeAll(async () => {
  env = await createTestEnv();
  fundraiser = await env.staff('fundraiser');
  fundId = await insertFund(env.handle.db, env.organisationId);
  const saved = await call('POST', '/api/fundraising/receipt-batches', { year: yearOf(1) });
  expect(saved.json().error.code).toBe('receipt.settings_missing');
  const res = await env.app.inject({ method: 'PUT', url: '/api/fundraising/receipt-settings', headers: fundraiser.headers, payload: sampleSettings({ receiptThresholdYen: 3000 }) });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => env?.close());

describe('the year-end batch', () => {
  it('takes the supporters whose received gifts of the year reach the threshold, in chunks that report progress', async () => {
    const year = yearOf(1);
    const eligible = [await donor(year, [1500, 1500]), await donor(year, [10000]), await donor(year, [2000, 500, 500]), await donor(year, [3000])];
    await donor(year, [2999]); // below the threshold from the settings (¥3,000)
    await donor(year, [5000], { merged_into_id: eligible[0]?.id });
    const refunded = await donor(year, [8000]);
    await env.handle.db.updateTable('gift').set({ status: 'refunded' }).where('supporter_id', '=', refunded.id).execute();
    await donor(yearOf(2), [9000]); // another year

    const batch = await createBatch({ year });
    expect(batch).toMatchObject({ year, thresholdYen: 3000, language: null, status: 'pending', total: 4, done: 0 });
    expect(await run(batch.id, 3)).toEqual({ batchId: batch.id, status: 'running', done: 3, total: 4, issued: 3, skipped: 0, failed: 0 });
    expect(await run(batch.id, 3)).toMatchObject({ status: 'done', done: 4, total: 4, issued: 4 });
    // Done is done: another run changes nothing.
    expect(await run(batch.id)).toMatchObject({ status: 'done', done: 4 });

    const receipts = await annualsOf(year);
    expect(receipts.map((r) => r.supporter_id).sort()).toEqual(eligible.map((s) => s.id).sort());
    expect(receipts.every((r) => r.batch_id === batch.id)).toBe(true);
    expect(receipts.map((r) => r.total_yen).sort((a, b) => a - b)).toEqual([3000, 3000, 3000, 10000]);
    const detail = json<ReceiptBatch>(await call('GET', `/api/fundraising/receipt-batches/${batch.id}`));
    expect(detail).toMatchObject({ status: 'done', totalYen: 19000, createdByName: 'fundraiser en', startedAt: expect.any(String), finishedAt: expect.any(String) });
    await expectNumbersWithoutGap();
  });

  it('skips, with the reason, those already receipted, without address, asking for no contact, or with possible duplicates', async () => {
    const year = yearOf(3);
    const issuedBefore = await donor(year, [4000]);
    const annual = await call('POST', '/api/fundraising/receipts/annual', { supporterId: issuedBefore.id, year });
    expect(annual.statusCode, annual.body).toBe(201);
    const noAddress = await donor(year, [4000], {}, null);
    const noContact = await donor(year, [4000], { no_contact: true });
    const duplicate = await donor(year, [4000], { email: 'twin@example.jp' });
    await insertSupporter(env.handle.db, env.organisationId, { email: 'TWIN@example.jp' });
    const fine = await donor(year, [4000]);
    // Receipted singly already, yet still short of an annual receipt for the rest.
    const partly = await donor(year, [2000, 2000]);
    const firstGift = await env.handle.db.selectFrom('gift').select('id').where('supporter_id', '=', partly.id).orderBy('received_on').executeTakeFirstOrThrow();
    expect((await call('POST', '/api/fundraising/receipts', { giftId: firstGift.id })).statusCode).toBe(201);

    const batch = await createBatch({ year, thresholdYen: 2000, language: 'en' });
    // The supporter with an annual receipt has no gift left to receipt: not even in the batch.
    expect(batch.total).toBe(5);
    const progress = (await runToEnd(batch.id, 2)).at(-1);
    expect(progress).toMatchObject({ status: 'done', total: 5, done: 5, issued: 2, skipped: 3, failed: 0 });
    const items = json<{ items: BatchItem[] }>(await call('GET', `/api/fundraising/receipt-batches/${batch.id}/items`)).items;
    const reasonOf = (id: string) => items.find((i) => i.supporterId === id);
    expect(reasonOf(noAddress.id)).toMatchObject({ status: 'skipped', reason: 'no_address', receiptId: null });
    expect(reasonOf(noContact.id)).toMatchObject({ status: 'skipped', reason: 'no_contact' });
    expect(reasonOf(duplicate.id)).toMatchObject({ status: 'skipped', reason: 'possible_duplicate' });
    expect(reasonOf(fine.id)).toMatchObject({ status: 'issued', receiptNumber: expect.stringMatching(/^\d{4}-\d{6}$/) });
    const partial = (await annualsOf(year)).find((r) => r.supporter_id === partly.id);
    expect(partial?.total_yen).toBe(2000);
    const skipped = json<{ items: BatchItem[]; total: number }>(await call('GET', `/api/fundraising/receipt-batches/${batch.id}/items?status=skipped`));
    expect(skipped.total).toBe(3);
    const languages = await env.handle.db.selectFrom('receipt').select('language').where('batch_id', '=', batch.id).execute();
    expect(languages.every((l) => l.language === 'en')).toBe(true);
    await expectNumbersWithoutGap();
  });

  it('continues where an interrupted run stopped, even after a restart, without issuing anything twice', async () => {
    const year = yearOf(4);
    const supporters = [];
    for (let i = 0; i < 7; i++) supporters.push(await donor(year, [5000]));
    const batch = await createBatch({ year });
    expect(await run(batch.id, 3)).toMatchObject({ done: 3, total: 7, status: 'running' });

    // A run that dies mid-supporter, number taken: its transaction is rolled back, the supporter stays pending.
    let interrupted = '';
    await expect(env.handle.db.transaction().execute(async (tx) => {
      const item = await takeNextItem(tx, batch.id);
      interrupted = item?.supporter_id ?? '';
      await reserveCounter(tx, env.organisationId, `receipt:${issueYear}`, 1);
      throw new Error('the server stopped');
    })).rejects.toThrow('the server stopped');
    expect(interrupted).not.toBe('');

    // A new service, as after a restart, picks up the rest.
    const restarted = createReceiptsService({ db: env.handle.db, audit: env.services.audit });
    const progress = await restarted.runBatch(fundraiser.ctx, batch.id, 100);
    expect(progress).toMatchObject({ status: 'done', done: 7, total: 7, issued: 7 });
    const receipts = await annualsOf(year);
    expect(receipts).toHaveLength(7);
    expect(new Set(receipts.map((r) => r.supporter_id)).size).toBe(7);
    expect(receipts.map((r) => r.supporter_id)).toContain(interrupted);
    await expectNumbersWithoutGap();
  });

  it('gives every eligible supporter one receipt when two batches of the same year run at once: no number twice, no gap', async () => {
    const year = yearOf(5);
    const supporters = [];
    for (let i = 0; i < 24; i++) supporters.push(await donor(year, [1000, 2000 + i]));
    const [first, second] = [await createBatch({ year }), await createBatch({ year })];
    expect([first.total, second.total]).toEqual([24, 24]);

    const drive = async (batchId: string) => runToEnd(batchId, 5);
    const [a, b] = await Promise.all([drive(first.id), drive(second.id)]);
    const endA = a.at(-1);
    const endB = b.at(-1);
    expect(endA?.status).toBe('done');
    expect(endB?.status).toBe('done');
    expect((endA?.issued ?? 0) + (endB?.issued ?? 0)).toBe(24);
    expect((endA?.skipped ?? 0) + (endB?.skipped ?? 0)).toBe(24);
    expect((endA?.failed ?? 0) + (endB?.failed ?? 0)).toBe(0);

    const receipts = await annualsOf(year);
    expect(receipts).toHaveLength(24);
    expect(new Set(receipts.map((r) => r.supporter_id))).toEqual(new Set(supporters.map((s) => s.id)));
    const lines = await env.handle.db.selectFrom('receipt_gift').innerJoin('gift', 'gift.id', 'receipt_gift.gift_id')
      .select('receipt_gift.gift_id').where('gift.received_on', '>=', `${year}-01-01`).where('gift.received_on', '<=', `${year}-12-31`).where('receipt_gift.is_active', '=', true).execute();
    expect(lines).toHaveLength(48);
    const items = await env.handle.db.selectFrom('receipt_batch_item').select(['status', 'reason']).where('batch_id', 'in', [first.id, second.id]).execute();
    expect(items.filter((i) => i.status === 'skipped').every((i) => i.reason === 'already_receipted')).toBe(true);
    await expectNumbersWithoutGap();
  });

  it('shares one batch between two runs at once without doing a supporter twice', async () => {
    const year = yearOf(6);
    for (let i = 0; i < 12; i++) await donor(year, [4000]);
    const batch = await createBatch({ year });
    await Promise.all([runToEnd(batch.id, 2), runToEnd(batch.id, 3)]);
    const detail = json<ReceiptBatch>(await call('GET', `/api/fundraising/receipt-batches/${batch.id}`));
    expect(detail).toMatchObject({ status: 'done', total: 12, done: 12, issued: 12, skipped: 0, totalYen: 48000 });
    expect(await annualsOf(year)).toHaveLength(12);
    await expectNumbersWithoutGap();
  });

  it('gives its receipts as one PDF, a page each, or as a ZIP of one PDF per receipt; voided ones are left out', async () => {
    const year = yearOf(7);
    for (let i = 0; i < 3; i++) await donor(year, [6000]);
    const batch = await createBatch({ year, language: 'ja' });
    const empty = await call('GET', `/api/fundraising/receipt-batches/${batch.id}/file`);
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.code).toBe('receipt.batch_file_empty');
    await runToEnd(batch.id, 10);
    const receipts = await env.handle.db.selectFrom('receipt').select(['id', 'receipt_number']).where('batch_id', '=', batch.id).orderBy('receipt_number').execute();
    expect(receipts).toHaveLength(3);
    const [voided, ...kept] = receipts;
    expect((await call('POST', `/api/fundraising/receipts/${voided?.id}/void`, { reason: 'Returned: moved away' })).statusCode).toBe(200);

    const pdfRes = await call('GET', `/api/fundraising/receipt-batches/${batch.id}/file?format=pdf`);
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    const pdf = await readPdf(pdfRes.rawPayload);
    expect(pdf.pages).toHaveLength(2);
    kept.forEach((r, i) => {
      expect(squash(pdf.pages[i] ?? '')).toContain(r.receipt_number);
      expect(squash(pdf.pages[i] ?? '')).toContain('寄附金受領証明書');
    });
    expect(pdf.squashed).not.toContain(voided?.receipt_number);

    const zipRes = await call('GET', `/api/fundraising/receipt-batches/${batch.id}/file?format=zip`);
    expect(zipRes.headers['content-type']).toBe('application/zip');
    expect(zipRes.headers['content-disposition']).toMatch(/attachment; filename="receipts-\d{4}-[0-9a-f]{8}\.zip"/);
    const files = unzipSync(new Uint8Array(zipRes.rawPayload));
    expect(Object.keys(files).sort()).toEqual(kept.map((r) => `${r.receipt_number}.pdf`));
    for (const [name, bytes] of Object.entries(files)) {
      const one = await readPdf(bytes);
      expect(one.pages).toHaveLength(1);
      expect(one.squashed).toContain(name.replace('.pdf', ''));
    }
    const exports = await env.handle.db.selectFrom('audit_event').select('details').where('entity_type', '=', 'receipt_batch').where('action', '=', 'export').execute();
    expect(exports.map((e) => e.details)).toEqual([{ format: 'pdf', receipts: 2 }, { format: 'zip', receipts: 2 }]);
  });

  it('creates an empty batch as done, and answers 404 for a batch of nobody', async () => {
    const batch = await createBatch({ year: yearOf(20) });
    expect(batch).toMatchObject({ total: 0, status: 'done' });
    expect((await call('GET', '/api/fundraising/receipt-batches/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const list = json<{ batches: ReceiptBatch[] }>(await call('GET', `/api/fundraising/receipt-batches?year=${yearOf(20)}`));
    expect(list.batches.map((b) => b.id)).toEqual([batch.id]);
  });
});
