import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../../server/test/factories';
import type { Commitment, Gift, GiftList, Supporter, SupporterList } from '../../contract';
import type { ImportBatch, ImportRowView, RollbackResult } from '../batches.contract';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const file = (name: string) => readFileSync(path.join(fixtures, name));

let env: TestEnv;
let fundraiser: TestStaff;
let fundraiserJa: TestStaff;
let admin: TestStaff;
let yamada: Supporter;
const json = <T>(res: { json: () => unknown }) => res.json() as T;
const problem = (res: { json: () => unknown }) => (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;

async function upload(name: string, bytes: Buffer, staff = fundraiser) {
  return env.app.inject({ method: 'POST', url: `/api/fundraising/imports?fileName=${encodeURIComponent(name)}`, headers: { ...staff.headers, 'content-type': 'text/csv' }, payload: bytes });
}
const post = (url: string, payload: Record<string, unknown> = {}, staff = fundraiser) => env.app.inject({ method: 'POST', url, headers: staff.headers, payload });
const get = <T>(url: string, staff = fundraiser) => env.app.inject({ method: 'GET', url, headers: staff.headers }).then((r) => json<T>(r));
const rows = (id: string, match?: string) => get<{ rows: ImportRowView[] }>(`/api/fundraising/imports/${id}/rows${match ? `?match=${match}` : ''}`).then((r) => r.rows);

beforeAll(async () => {
  env = await createTestEnv();
  fundraiser = await env.staff('fundraiser');
  fundraiserJa = await env.staff('fundraiser', 'ja');
  admin = await env.staff('admin');
  // Already on file: the same email as the Congrant row, and the reading the bank writes in kana.
  yamada = json<Supporter>(await post('/api/fundraising/supporters', { familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', email: 'taro.yamada@example.jp', address: { postalCode: '1040061' } }));
  await post('/api/fundraising/campaigns', { code: 'tokyo-marathon-2026', nameJa: '東京マラソン2026 チャリティ', nameEn: 'Tokyo Marathon 2026 charity', startsOn: '2025-08-01' });
});
afterAll(async () => env.close());

describe('gift imports', () => {
  it('are for fundraisers: 401, 403 for a caseworker, and a clear error for a file that is not a CSV', async () => {
    expect((await env.app.inject({ method: 'POST', url: '/api/fundraising/imports?fileName=a.csv', headers: { 'content-type': 'text/csv' }, payload: 'a' })).statusCode).toBe(401);
    expect((await upload('a.csv', Buffer.from('a,b\n1,2\n'), await env.staff('caseworker'))).statusCode).toBe(403);
    const garbage = await upload('garbage.csv', randomBytes(2 * 1024 * 1024), fundraiserJa);
    expect(garbage.statusCode).toBeGreaterThanOrEqual(400);
    expect(garbage.statusCode).toBeLessThan(500);
    expect(problem(garbage).code).toMatch(/^import\.(not_csv|unknown_encoding)$/);
    expect(problem(garbage).message).not.toBe('');
    const huge = await upload('huge.csv', Buffer.alloc(21 * 1024 * 1024, 0x41));
    expect(huge.statusCode).toBe(413);
    expect((await get<{ batches: ImportBatch[] }>('/api/fundraising/imports')).batches).toHaveLength(0);
  });

  let congrant: ImportBatch;
  it('reads a Congrant export: source and mapping found, rows checked, the existing donor matched by email', async () => {
    const res = await upload('congrant-2026-01.csv', file('congrant-sample.csv'));
    expect(res.statusCode).toBe(201);
    congrant = json<ImportBatch>(res);
    expect(congrant).toMatchObject({ source: 'congrant', encoding: 'utf-8', status: 'uploaded' });
    expect(congrant.mapping?.amountYen).toBe('寄付金額');
    expect(congrant.sample[0]?.[0]).toBe('CG-20260105-0001');

    const analysed = json<ImportBatch>(await post(`/api/fundraising/imports/${congrant.id}/analyse`, {}));
    expect(analysed.status).toBe('mapped');
    const all = await rows(congrant.id);
    const first = all.find((r) => r.row?.externalId === 'CG-20260105-0001');
    expect(first).toMatchObject({ match: 'existing', supporterId: yamada.id, row: { amountYen: 3000, feeYen: 137, receivedOn: '2026-01-05', method: 'card' } });
    expect(first?.candidates[0]?.reasons).toContain('email');
    const errors = all.filter((r) => r.match === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.flatMap((r) => r.errors.map((e) => e.key))).toContain('import.formula_cell');
  });

  it('commits in one go, creates each new donor once, and a second import of the same file changes nothing', async () => {
    const before = json<GiftList>(await env.app.inject({ method: 'GET', url: '/api/fundraising/gifts?limit=1', headers: fundraiser.headers })).total;
    const committed = json<ImportBatch>(await post(`/api/fundraising/imports/${congrant.id}/commit`));
    expect(committed.status).toBe('committed');
    expect(committed.giftsCreated).toBeGreaterThan(2);
    const after = json<GiftList>(await env.app.inject({ method: 'GET', url: '/api/fundraising/gifts?limit=1', headers: fundraiser.headers })).total;
    expect(after - before).toBe(committed.giftsCreated);
    const yamadaGifts = await get<GiftList>(`/api/fundraising/gifts?supporterId=${yamada.id}`);
    expect(yamadaGifts.gifts.map((g) => [g.externalId, g.sourcePlatform, g.importBatchId])).toEqual([['CG-20260105-0001', 'congrant', congrant.id]]);
    // The company became an organisation supporter, found by its reading.
    const company = await get<SupporterList>(`/api/fundraising/supporters?q=${encodeURIComponent('テスト商事')}`);
    expect(company.supporters[0]).toMatchObject({ kind: 'organisation' });
    // The monthly gift started a commitment.
    const hanako = (await get<SupporterList>(`/api/fundraising/supporters?q=${encodeURIComponent('hanako.sato@example.jp')}`)).supporters[0];
    const commitments = await get<{ commitments: Commitment[] }>(`/api/fundraising/commitments?supporterId=${hanako?.id}`);
    expect(commitments.commitments).toMatchObject([{ frequency: 'monthly', amountYen: 1000, sourcePlatform: 'congrant', status: 'active' }]);

    const again = json<ImportBatch>(await upload('congrant-2026-01 (1).csv', file('congrant-sample.csv')));
    json<ImportBatch>(await post(`/api/fundraising/imports/${again.id}/analyse`, {}));
    const second = await rows(again.id);
    expect(second.filter((r) => r.row !== null).every((r) => r.match === 'duplicate')).toBe(true);
    const recommitted = json<ImportBatch>(await post(`/api/fundraising/imports/${again.id}/commit`));
    expect(recommitted.giftsCreated).toBe(0);
    expect(json<GiftList>(await env.app.inject({ method: 'GET', url: '/api/fundraising/gifts?limit=1', headers: fundraiser.headers })).total).toBe(after);
  });

  let syncable: ImportBatch;
  it('reads a Syncable export with its campaign by name', async () => {
    syncable = json<ImportBatch>(await upload('syncable.csv', file('syncable-sample.csv')));
    expect(syncable.source).toBe('syncable');
    await post(`/api/fundraising/imports/${syncable.id}/analyse`, {});
    await post(`/api/fundraising/imports/${syncable.id}/decide-ambiguous`, { decision: 'new' });
    const done = json<ImportBatch>(await post(`/api/fundraising/imports/${syncable.id}/commit`));
    expect(done.giftsCreated).toBeGreaterThan(0);
    const imported = (await rows(syncable.id)).find((r) => r.row?.externalId === 'SY-1001');
    const gift = await get<Gift>(`/api/fundraising/gifts/${imported?.giftId}`);
    expect(gift).toMatchObject({ amountYen: 2000, campaignNameJa: '東京マラソン2026 チャリティ', sourcePlatform: 'syncable' });
  });

  let bank: ImportBatch;
  it('reads a Shift_JIS bank statement: half-width kana payers, withdrawals and interest left out, a reading match asks a person', async () => {
    bank = json<ImportBatch>(await upload('nyushukkin.csv', file('bank-nyushukkin.sjis.csv')));
    expect(bank).toMatchObject({ source: 'bank', encoding: 'shift_jis' });
    expect((await post(`/api/fundraising/imports/${bank.id}/analyse`, {})).statusCode).toBe(200);
    const all = await rows(bank.id);
    expect(all.filter((r) => r.match === 'skipped').length).toBeGreaterThanOrEqual(2);
    const taro = all.filter((r) => r.row?.supporter?.familyNameKana === 'ヤマダ' && r.row.supporter.kind === 'individual');
    expect(taro).toHaveLength(2);
    expect(taro.every((r) => r.match === 'ambiguous' && r.candidates[0]?.supporter.id === yamada.id && r.candidates[0].reasons.includes('kana'))).toBe(true);
    const refused = await post(`/api/fundraising/imports/${bank.id}/commit`, {}, fundraiserJa);
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).code).toBe('import.unresolved');
    expect(problem(refused).message).toContain('未確定');
    for (const r of taro) expect((await post(`/api/fundraising/imports/${bank.id}/rows/${r.line}/decision`, { decision: 'existing', supporterId: yamada.id })).statusCode).toBe(200);
    await post(`/api/fundraising/imports/${bank.id}/decide-ambiguous`, { decision: 'new' });
    const done = json<ImportBatch>(await post(`/api/fundraising/imports/${bank.id}/commit`));
    expect(done.status).toBe('committed');
    const yamadaGifts = await get<GiftList>(`/api/fundraising/gifts?supporterId=${yamada.id}`);
    expect(yamadaGifts.gifts.filter((g) => g.sourcePlatform === 'bank').map((g) => g.amountYen)).toEqual([10_000, 10_000]);
  });

  it('rolls a batch back in full: its gifts and the supporters it created go; the others stay', async () => {
    expect((await post(`/api/fundraising/imports/${bank.id}/rollback`, {}, await env.staff('reception'))).statusCode).toBe(403);
    const before = await get<GiftList>(`/api/fundraising/gifts?supporterId=${yamada.id}`);
    const res = await post(`/api/fundraising/imports/${bank.id}/rollback`, {}, admin);
    expect(res.statusCode).toBe(200);
    const result = json<RollbackResult>(res);
    expect(result.giftsRemoved).toBe(bank.giftsCreated || result.giftsRemoved);
    expect(result.giftsRemoved).toBeGreaterThan(2);
    expect(result.supportersKept).toBe(0);
    const after = await get<GiftList>(`/api/fundraising/gifts?supporterId=${yamada.id}`);
    expect(after.total).toBe(before.total - 2);
    expect((await get<SupporterList>(`/api/fundraising/supporters?q=${encodeURIComponent('タナカ ハナコ')}`)).total).toBe(0);
    expect((await get<ImportBatch>(`/api/fundraising/imports/${bank.id}`)).status).toBe('rolled_back');
    expect(problem(await post(`/api/fundraising/imports/${bank.id}/rollback`, {}, admin)).code).toBe('import.not_committed');
  });

  it('refuses to roll back a batch once one of its gifts was refunded', async () => {
    const imported = (await rows(syncable.id)).find((r) => r.giftId !== null);
    const gift = await get<Gift>(`/api/fundraising/gifts/${imported?.giftId}`);
    await post(`/api/fundraising/gifts/${gift.id}/refund`, { version: gift.version, refundedOn: '2026-02-01', reason: 'card dispute' });
    const res = await post(`/api/fundraising/imports/${syncable.id}/rollback`, {}, admin);
    expect(res.statusCode).toBe(409);
    expect(problem(res).code).toBe('import.rollback_refunded');
    expect((await get<ImportBatch>(`/api/fundraising/imports/${syncable.id}`)).status).toBe('committed');
  });
});
