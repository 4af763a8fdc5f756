import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../server/test/factories';
import type { DuplicateCandidate, MergePreview, Supporter, SupporterList, SupporterMerge } from '../contract';

let env: TestEnv;
let fundraiser: TestStaff;
let fundraiserJa: TestStaff;
let caseworker: TestStaff;
const json = <T>(res: { json: () => unknown }) => res.json() as T;
const problem = (res: { json: () => unknown }) => (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;

beforeAll(async () => {
  env = await createTestEnv();
  fundraiser = await env.staff('fundraiser');
  fundraiserJa = await env.staff('fundraiser', 'ja');
  caseworker = await env.staff('caseworker');
});
afterAll(async () => env.close());

const yamada = {
  familyName: '山田', givenName: '太郎', familyNameKana: 'やまだ', givenNameKana: 'タロウ', email: 'Taro.Yamada@example.jp', phone: '03-1234-5678',
  address: { postalCode: '104-0061', line1: '7-1-1', line2: '銀座ビル 3F' },
};

async function create(body: Record<string, unknown>, staff = fundraiser) {
  return env.app.inject({ method: 'POST', url: '/api/fundraising/supporters', headers: staff.headers, payload: body });
}

describe('supporters', () => {
  it('are for fundraisers only: 401 without a login, 403 for a caseworker, 400 naming the field', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/fundraising/supporters' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: '/api/fundraising/supporters', headers: caseworker.headers })).statusCode).toBe(403);
    expect((await create(yamada, caseworker)).statusCode).toBe(403);
    const bad = await create({ familyName: '山田', familyNameKana: 'Yamada' }, fundraiserJa);
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).fields?.familyNameKana).toContain('カタカナ');
    const nameless = await create({ kind: 'individual' });
    expect(nameless.statusCode).toBe(400);
    expect(problem(nameless).code).toBe('supporter.name_required');
  });

  it('fills prefecture and city from the postal code, and refuses a code that does not exist', async () => {
    const lookup = await env.app.inject({ method: 'GET', url: '/api/fundraising/postal-codes/1040061', headers: fundraiser.headers });
    expect(lookup.json()).toMatchObject({ postalCode: '1040061', places: [{ prefecture: '東京都', city: '中央区', town: '銀座' }] });
    const res = await create(yamada);
    expect(res.statusCode).toBe(201);
    const s = json<Supporter>(res);
    expect(s).toMatchObject({
      displayName: '山田 太郎 様', reading: 'ヤマダ タロウ', email: 'taro.yamada@example.jp', honorific: 'sama',
      address: { postalCode: '1040061', prefecture: '東京都', city: '中央区', line1: '7-1-1' },
    });
    expect(s.supporterNumber).toMatch(/^S-\d{6}$/);
    const unknown = await create({ familyName: '佐藤', address: { postalCode: '0000000' } }, fundraiserJa);
    expect(unknown.statusCode).toBe(400);
    expect(problem(unknown).code).toBe('supporter.postal_code_unknown');
    expect(problem(unknown).fields?.['address.postalCode']).toContain('郵便番号');
    const short = await create({ familyName: '佐藤', address: { postalCode: '104-006' } });
    expect(problem(short).code).toBe('supporter.postal_code_invalid');
  });

  it('addresses an organisation 御中, or a named person in it 様', async () => {
    const org = json<Supporter>(await create({ kind: 'organisation', organisationName: '株式会社みらい商事', organisationNameKana: 'ミライショウジ', department: '総務部' }));
    expect(org.displayName).toBe('株式会社みらい商事 総務部 御中');
    const named = json<Supporter>(await create({ kind: 'organisation', organisationName: '株式会社ひかり', familyName: '鈴木', givenName: '花子' }));
    expect(named.displayName).toBe('株式会社ひかり 鈴木 花子 様');
  });

  it('proposes duplicates while creating: same email or phone or kana + postal code is strong, a similar name in the same city possible', async () => {
    const dupes = async (body: Record<string, unknown>) => json<{ candidates: DuplicateCandidate[] }>(
      await env.app.inject({ method: 'POST', url: '/api/fundraising/supporters/duplicates', headers: fundraiser.headers, payload: body }),
    ).candidates;
    const byEmail = await dupes({ familyName: '別人', email: 'taro.yamada@example.jp' });
    expect(byEmail[0]).toMatchObject({ level: 'strong', reasons: ['email'] });
    expect((await dupes({ familyName: '別人', phone: '(03) 1234 5678' }))[0]?.reasons).toEqual(['phone']);
    const byKana = await dupes({ familyName: '山田', givenName: '太朗', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', postalCode: '1040061' });
    expect(byKana[0]).toMatchObject({ level: 'strong', reasons: ['kana_postal', 'name_city'] });
    // 銀座 and 築地 share the ward (中央区): a similar name there is only "possible".
    const sameCity = await dupes({ familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロー', postalCode: '1040045' });
    expect(sameCity[0]).toMatchObject({ level: 'possible', reasons: ['name_city'] });
    expect(await dupes({ familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', postalCode: '1040045' })).toEqual([]);
    expect(await dupes({ familyName: '山田', givenName: '太郎', postalCode: '1600022' })).toEqual([]);

    const again = await create({ ...yamada, email: 'other@example.jp', phone: null });
    expect(again.statusCode).toBe(409);
    expect(problem(again).code).toBe('supporter.possible_duplicate');
    const confirmed = await create({ ...yamada, email: 'other@example.jp', phone: null, acknowledgeDuplicates: true });
    expect(confirmed.statusCode).toBe(201);
  });

  it('finds a supporter as you type by kanji, kana in either script, romaji, email, phone and postal code', async () => {
    const search = async (q: string) => json<SupporterList>(await env.app.inject({ method: 'GET', url: `/api/fundraising/supporters?q=${encodeURIComponent(q)}`, headers: fundraiser.headers }))
      .supporters.map((s) => s.displayName);
    for (const q of ['山田 太郎', 'やまだ', 'ヤマダ', 'ﾔﾏﾀﾞ', 'yamada tarou', 'Yamada', 'taro.yamada@', '1234-5678', '104-0061', 'ミライ', 'みらい商事']) {
      const found = await search(q);
      expect(found.length, q).toBeGreaterThan(0);
      expect(found.some((n) => n.startsWith('山田 太郎') || n.includes('みらい')), q).toBe(true);
    }
    expect(await search('存在しない名前')).toEqual([]);
  });

  it('keeps the old address as history when the supporter moves, and refuses a stale version', async () => {
    const s = json<Supporter>(await create({ familyName: '高橋', givenName: '健', familyNameKana: 'タカハシ', givenNameKana: 'ケン', address: { postalCode: '1600022', line1: '1-1' } }));
    const moved = await env.app.inject({
      method: 'PATCH', url: `/api/fundraising/supporters/${s.id}`, headers: fundraiser.headers,
      payload: { version: s.version, address: { postalCode: '5300001', line1: '2-2' }, publishName: true },
    });
    expect(moved.statusCode).toBe(200);
    expect(json<Supporter>(moved)).toMatchObject({ publishName: true, address: { prefecture: '大阪府', city: '大阪市北区' } });
    const history = json<{ addresses: Array<{ city: string; replacedAt: string | null }> }>(
      await env.app.inject({ method: 'GET', url: `/api/fundraising/supporters/${s.id}/addresses`, headers: fundraiser.headers }),
    ).addresses;
    expect(history.map((a) => [a.city, a.replacedAt === null])).toEqual([['大阪市北区', true], ['新宿区', false]]);
    const stale = await env.app.inject({ method: 'PATCH', url: `/api/fundraising/supporters/${s.id}`, headers: fundraiser.headers, payload: { version: s.version, notes: 'x' } });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale).code).toBe('supporter.version_conflict');
  });

  it('merges a duplicate with a preview: gifts move, empty fields are filled; undo puts everything back', async () => {
    const kept = json<Supporter>(await create({ familyName: '伊藤', givenName: '誠', familyNameKana: 'イトウ', givenNameKana: 'マコト', address: { postalCode: '1500001' } }));
    const dup = json<Supporter>(await create({ familyName: '伊藤', givenName: '誠', email: 'ito@example.jp', acknowledgeDuplicates: true }));
    const gift = await env.app.inject({ method: 'POST', url: '/api/fundraising/gifts', headers: fundraiser.headers, payload: { supporterId: dup.id, amountYen: 5000, receivedOn: '2026-01-10', method: 'card' } });
    expect(gift.statusCode).toBe(201);

    const preview = json<MergePreview>(await env.app.inject({ method: 'POST', url: '/api/fundraising/supporters/merge-preview', headers: fundraiser.headers, payload: { keptId: kept.id, mergedId: dup.id } }));
    expect(preview.result.email).toBe('ito@example.jp');
    expect(preview.moves.gifts).toBe(1);

    const merged = await env.app.inject({ method: 'POST', url: '/api/fundraising/supporters/merge', headers: fundraiser.headers, payload: { keptId: kept.id, mergedId: dup.id } });
    expect(merged.statusCode).toBe(200);
    const m = json<SupporterMerge>(merged);
    const giftsOf = async (id: string) => (json<{ gifts: unknown[] }>(await env.app.inject({ method: 'GET', url: `/api/fundraising/gifts?supporterId=${id}`, headers: fundraiser.headers }))).gifts.length;
    expect(await giftsOf(kept.id)).toBe(1);
    expect(await giftsOf(dup.id)).toBe(0);
    const after = json<Supporter>(await env.app.inject({ method: 'GET', url: `/api/fundraising/supporters/${kept.id}`, headers: fundraiser.headers }));
    expect(after.email).toBe('ito@example.jp');
    const gone = json<Supporter>(await env.app.inject({ method: 'GET', url: `/api/fundraising/supporters/${dup.id}`, headers: fundraiser.headers }));
    expect(gone.mergedIntoId).toBe(kept.id);
    // A merged record takes no new gift.
    const late = await env.app.inject({ method: 'POST', url: '/api/fundraising/gifts', headers: fundraiser.headers, payload: { supporterId: dup.id, amountYen: 1000, receivedOn: '2026-01-11', method: 'cash' } });
    expect(problem(late).code).toBe('supporter.merged');

    const undone = await env.app.inject({ method: 'POST', url: `/api/fundraising/supporter-merges/${m.id}/undo`, headers: fundraiser.headers });
    expect(undone.statusCode).toBe(200);
    expect(await giftsOf(dup.id)).toBe(1);
    expect(await giftsOf(kept.id)).toBe(0);
    const restored = json<Supporter>(await env.app.inject({ method: 'GET', url: `/api/fundraising/supporters/${kept.id}`, headers: fundraiser.headers }));
    expect(restored.email).toBeNull();
    expect(json<Supporter>(await env.app.inject({ method: 'GET', url: `/api/fundraising/supporters/${dup.id}`, headers: fundraiser.headers })).mergedIntoId).toBeNull();
    expect((await env.app.inject({ method: 'POST', url: `/api/fundraising/supporter-merges/${m.id}/undo`, headers: fundraiser.headers })).statusCode).toBe(409);
  });

  it('audits reads and writes without the names', async () => {
    const rows = await env.handle.db.selectFrom('audit_event').select(['action', 'entity_type', 'details']).where('entity_type', '=', 'supporter').execute();
    expect(rows.some((r) => r.action === 'create')).toBe(true);
    expect(rows.some((r) => r.action === 'read')).toBe(true);
    expect(rows.some((r) => r.action === 'merge')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('山田');
  });
});
