import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../../server/http/csv';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../server/test/factories';
import { encodeShiftJis } from '../../fundraising/imports/fixtures/shift-jis';
import { parseCsv } from '../../fundraising/imports/import-parse';
import type { Partner, PartnerImportPreview, PartnerImportResult, PartnerList } from '../contract';

let env: TestEnv;
let coordinator: TestStaff;
let coordinatorJa: TestStaff;
let reception: TestStaff;
let fundraiser: TestStaff;
/** A free/low-cost clinic in Shinjuku that sees everyone, in English and French. */
let clinic: Partner;
/** A law office in Chūō, English only. */
let lawyer: Partner;
/** A hospital in Saitama with no English name (found by its reading in romaji). */
let hospital: Partner;
/** An employer with no reading (sorted by its name). */
let employer: Partner;

const json = <T>(res: { json: () => unknown }) => res.json() as T;
const problem = (res: { json: () => unknown }) => (res.json() as { error: { code: string; message: string; fields: Record<string, string> } }).error;
const call = (staff: TestStaff | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  env.app.inject({ method, url, headers: staff?.headers ?? {}, ...(payload !== undefined && { payload: payload as Record<string, unknown> }) });
const names = async (query: string, staff: TestStaff = reception) => {
  const res = await call(staff, 'GET', `/api/partners${query}`);
  expect(res.statusCode, query).toBe(200);
  return json<PartnerList>(res).partners.map((p) => p.nameJa);
};
const upload = (url: string, body: string | Uint8Array, staff: TestStaff = coordinator, type = 'text/csv') =>
  env.app.inject({ method: 'POST', url, headers: { ...staff.headers, 'content-type': type }, payload: typeof body === 'string' ? body : Buffer.from(body) });
const count = async () => Number((await env.handle.db.selectFrom('partner').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  env = await createTestEnv();
  coordinator = await env.staff('coordinator');
  coordinatorJa = await env.staff('coordinator', 'ja');
  reception = await env.staff('reception');
  fundraiser = await env.staff('fundraiser');
  const create = async (payload: Record<string, unknown>) => {
    const res = await call(coordinator, 'POST', '/api/partners', payload);
    expect(res.statusCode, JSON.stringify(res.json())).toBe(201);
    return json<Partner>(res);
  };
  clinic = await create({
    kind: 'free_low_cost_clinic', nameJa: '新宿みなとクリニック', nameEn: 'Shinjuku Minato Clinic', nameKana: 'しんじゅくみなとくりにっく', postalCode: '〒160-0022',
    phone: '+81-3-1234-5678', languages: ['en', 'fr'], cost: 'sliding_scale', acceptsUninsured: true, acceptsNoStatus: true, nearestStation: '新宿三丁目',
    contactName: '佐藤 花子', contactEmail: 'Sato@Example.JP', notes: '=HYPERLINK("http://evil.example")',
  });
  lawyer = await create({ kind: 'lawyer', nameJa: '東京りんかい法律事務所', nameEn: 'Tokyo Rinkai Law Office', nameKana: 'トウキョウリンカイホウリツジムショ', postalCode: '１０４－００６１', languages: ['en'] });
  hospital = await create({ kind: 'hospital', nameJa: 'さいたま中央病院', nameKana: 'ｻｲﾀﾏﾁｭｳｵｳﾋﾞｮｳｲﾝ', postalCode: '3300063', languages: ['fr', 'ar'], acceptsUninsured: true });
  employer = await create({ kind: 'employer', nameJa: '株式会社あおば食品', nameEn: 'Aoba Foods', prefecture: '神奈川県', city: '横浜市' });
});
afterAll(async () => env?.close());

describe('the partners directory', () => {
  it('answers 401 to an anonymous caller, 403 to a role without it, and lets reception read but not write', async () => {
    expect((await call(null, 'GET', '/api/partners')).statusCode).toBe(401);
    expect((await call(null, 'POST', '/api/partners', { kind: 'ngo', nameJa: 'x' })).statusCode).toBe(401);
    expect((await call(null, 'GET', '/api/partners/export.csv')).statusCode).toBe(401);
    for (const url of ['/api/partners', `/api/partners/${clinic.id}`, '/api/partners/export.csv']) {
      expect((await call(fundraiser, 'GET', url)).statusCode, url).toBe(403);
      expect((await call(reception, 'GET', url)).statusCode, url).toBe(200);
      expect((await call(await env.staff('viewer'), 'GET', url)).statusCode, url).toBe(200);
    }
    expect((await call(reception, 'POST', '/api/partners', { kind: 'ngo', nameJa: '受付の団体' })).statusCode).toBe(403);
    expect((await call(reception, 'PATCH', `/api/partners/${clinic.id}`, { version: clinic.version, notes: 'x' })).statusCode).toBe(403);
    expect((await upload('/api/partners/import/preview', 'kind,nameJa\nngo,x\n', reception)).statusCode).toBe(403);
    expect((await upload('/api/partners/import', 'kind,nameJa\nngo,x\n', await env.staff('caseworker'))).statusCode).toBe(403);
    expect((await call(await env.staff('admin'), 'POST', '/api/partners', { kind: 'ngo', nameJa: '管理者の団体' })).statusCode).toBe(201);
  });

  it('refuses a bad email, a bad or unknown postal code, an unknown kind or language, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ email: 'not-an-email' }, 'email', 'メール'],
      [{ contactEmail: 'a@' }, 'contactEmail', '担当者のメール'],
      [{ postalCode: '12-345' }, 'postalCode', '7桁'],
      [{ kind: 'spa' }, 'kind', '選択肢にない'],
      [{ cost: 'cheap' }, 'cost', '選択肢にない'],
      [{ languages: ['en', 'xx'] }, 'languages.1', '選択肢にない'],
      [{ website: 'ftp://example.jp' }, 'website', 'ウェブサイト'],
      [{ phone: 'call me' }, 'phone', '数字'],
      [{ nameJa: '' }, 'nameJa', '必須'],
      [{ colour: 'red' }, 'colour', '不明な項目'],
    ];
    for (const [patch, field, text] of cases) {
      const res = await call(coordinatorJa, 'POST', '/api/partners', { kind: 'ngo', nameJa: '誤りのある団体', ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(problem(res).code).toBe('validation.failed');
      expect(problem(res).fields[field], JSON.stringify(patch)).toContain(text);
    }
    const unknown = await call(coordinator, 'POST', '/api/partners', { kind: 'ngo', nameJa: '誤りのある団体', postalCode: '000-0000' });
    expect(unknown.statusCode).toBe(400);
    expect(problem(unknown)).toMatchObject({ code: 'partners.postal_code_unknown', fields: { postalCode: expect.stringContaining("Japan Post's list") } });
    expect((await call(reception, 'GET', '/api/partners?kind=spa')).statusCode).toBe(400);
    expect((await call(reception, 'GET', '/api/partners?language=xx')).statusCode).toBe(400);
    expect(await names('?q=誤りのある')).toEqual([]);
  });

  it('fills prefecture and city from the 〒 and keeps the reading in katakana', async () => {
    expect(clinic).toMatchObject({
      postalCode: '1600022', prefecture: '東京都', city: '新宿区', nameKana: 'シンジュクミナトクリニック', contactEmail: 'sato@example.jp',
      languages: ['en', 'fr'], archivedAt: null, version: 1,
    });
    expect(lawyer).toMatchObject({ postalCode: '1040061', prefecture: '東京都', city: '中央区' });
    expect(hospital).toMatchObject({ prefecture: '埼玉県', city: 'さいたま市浦和区', nameKana: 'サイタマチュウオウビョウイン', nameEn: '', cost: 'unknown' });
    // A city typed by hand is kept.
    const typed = json<Partner>(await call(coordinator, 'POST', '/api/partners', { kind: 'ngo', nameJa: '千代田の会', postalCode: '1000001', city: '千代田区（丸の内側）' }));
    expect(typed).toMatchObject({ prefecture: '東京都', city: '千代田区（丸の内側）' });
    expect((await call(reception, 'GET', `/api/partners/${clinic.id}`)).json()).toEqual(clinic);
  });

  it('is found as you type: kana in either script or width, the Japanese name, the English name, romaji of the reading', async () => {
    expect(await names('?q=しんじゅく')).toEqual(['新宿みなとクリニック']);
    expect(await names(`?q=${encodeURIComponent('ｼﾝｼﾞｭｸ')}`)).toEqual(['新宿みなとクリニック']);
    expect(await names(`?q=${encodeURIComponent('りんかい')}`)).toEqual(['東京りんかい法律事務所']);
    expect(await names(`?q=${encodeURIComponent('法律')}`)).toEqual(['東京りんかい法律事務所']);
    expect(await names(`?q=${encodeURIComponent('さいたま中央')}`)).toEqual(['さいたま中央病院']);
    expect(await names(`?q=${encodeURIComponent('RINKAI law')}`)).toEqual(['東京りんかい法律事務所']);
    expect(await names(`?q=${encodeURIComponent('Ｍｉｎａｔｏ')}`)).toEqual(['新宿みなとクリニック']);
    expect(await names('?q=saitama')).toEqual(['さいたま中央病院']);
    expect(await names(`?q=${encodeURIComponent('新宿三丁目')}`)).toEqual(['新宿みなとクリニック']);
    expect(await names('?q=nowhere')).toEqual([]);
  });

  it('is filtered by kind, language, insurance, status and area, and sorted by reading', async () => {
    const all = json<PartnerList>(await call(reception, 'GET', '/api/partners'));
    const ours = all.partners.map((p) => p.nameJa).filter((n) => [clinic, lawyer, hospital, employer].some((p) => p.nameJa === n));
    // サイタマ < シンジュク < トウキョウ; a name without a reading after every reading.
    expect(ours).toEqual(['さいたま中央病院', '新宿みなとクリニック', '東京りんかい法律事務所', '株式会社あおば食品']);
    expect(all.total).toBe(all.partners.length);
    expect(await names('?kind=lawyer')).toEqual(['東京りんかい法律事務所']);
    expect(await names('?kind=lawyer&kind=hospital')).toEqual(['さいたま中央病院', '東京りんかい法律事務所']);
    expect(await names('?language=fr')).toEqual(['さいたま中央病院', '新宿みなとクリニック']);
    expect(await names('?language=FR&kind=hospital')).toEqual(['さいたま中央病院']);
    expect(await names('?acceptsUninsured=true')).toEqual(['さいたま中央病院', '新宿みなとクリニック']);
    expect(await names('?acceptsNoStatus=true')).toEqual(['新宿みなとクリニック']);
    expect(await names(`?prefecture=${encodeURIComponent('東京都')}&city=${encodeURIComponent('中央区')}`)).toEqual(['東京りんかい法律事務所']);
    expect(await names(`?prefecture=${encodeURIComponent('埼玉県')}`)).toEqual(['さいたま中央病院']);
    expect(await names(`?kind=free_low_cost_clinic&language=en&acceptsUninsured=true&q=${encodeURIComponent('クリニック')}`)).toEqual(['新宿みなとクリニック']);
    const page = json<PartnerList>(await call(reception, 'GET', '/api/partners?limit=2&offset=1'));
    expect(page.partners).toHaveLength(2);
    expect(page.total).toBe(all.total);
  });

  it('changes only with the version it was read at, refills the area from a new 〒, and audits field names only', async () => {
    const res = await call(coordinator, 'PATCH', `/api/partners/${lawyer.id}`, { version: lawyer.version, postalCode: '160-0022', contactName: '山本 一郎' });
    expect(res.statusCode).toBe(200);
    const moved = json<Partner>(res);
    expect(moved).toMatchObject({ postalCode: '1600022', prefecture: '東京都', city: '新宿区', contactName: '山本 一郎', version: lawyer.version + 1 });
    const stale = await call(coordinatorJa, 'PATCH', `/api/partners/${lawyer.id}`, { version: lawyer.version, notes: '古い版' });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale).code).toBe('partners.version_conflict');
    expect(problem(stale).message).toContain('他の人が変更しました');
    // Sending what is already there changes nothing, not even the version.
    expect(json<Partner>(await call(coordinator, 'PATCH', `/api/partners/${lawyer.id}`, { version: moved.version, contactName: '山本 一郎' })).version).toBe(moved.version);
    expect((await call(coordinator, 'PATCH', `/api/partners/${lawyer.id}`, { version: moved.version, email: 'bad' })).statusCode).toBe(400);
    lawyer = moved;
    const events = await env.handle.db.selectFrom('audit_event').select(['action', 'details']).where('entity_type', '=', 'partner').where('entity_id', '=', lawyer.id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(events[1]?.details).toEqual({ fields: ['postalCode', 'city', 'contactName'] });
    expect(JSON.stringify(events)).not.toContain('山本');
  });

  it('answers 404 partners.not_found for an unknown id and for a partner of another organisation', async () => {
    const { id: otherOrg } = await env.handle.db.insertInto('organisation').values({ name: 'Another office' }).returning('id').executeTakeFirstOrThrow();
    const { id: theirs } = await env.handle.db.insertInto('partner').values({ organisation_id: otherOrg, kind: 'ngo', name_ja: '他団体の連携先' }).returning('id').executeTakeFirstOrThrow();
    for (const id of [theirs, '00000000-0000-4000-8000-000000000000']) {
      const res = await call(reception, 'GET', `/api/partners/${id}`);
      expect(res.statusCode).toBe(404);
      expect(problem(res).code).toBe('partners.not_found');
      expect((await call(coordinator, 'PATCH', `/api/partners/${id}`, { version: 1, notes: 'x' })).statusCode).toBe(404);
    }
    expect(await names(`?q=${encodeURIComponent('他団体')}`)).toEqual([]);
    expect((await call(reception, 'GET', '/api/partners/not-a-uuid')).statusCode).toBe(400);
  });

  it('archives a partner out of the list and brings it back', async () => {
    const archived = json<Partner>(await call(coordinator, 'PATCH', `/api/partners/${employer.id}`, { version: employer.version, archived: true }));
    expect(archived.archivedAt).not.toBeNull();
    expect(await names('?kind=employer')).toEqual([]);
    expect(await names('?kind=employer&includeArchived=true')).toEqual(['株式会社あおば食品']);
    expect((await call(reception, 'GET', `/api/partners/${employer.id}`)).json()).toMatchObject({ archivedAt: archived.archivedAt });
    const back = json<Partner>(await call(coordinator, 'PATCH', `/api/partners/${employer.id}`, { version: archived.version, archived: false }));
    expect(back).toMatchObject({ archivedAt: null, version: archived.version + 1 });
    expect(await names('?kind=employer')).toEqual(['株式会社あおば食品']);
    employer = back;
    const details = (await env.handle.db.selectFrom('audit_event').select('details').where('entity_id', '=', employer.id).where('action', '=', 'update').orderBy('id').execute()).map((e) => e.details);
    expect(details).toEqual([{ fields: ['archived'], archived: true }, { fields: ['archived'], archived: false }]);
  });
});

describe('the directory as CSV', () => {
  it('exports with bilingual headers, formula-safe, and reads the export back: update, create, unchanged; a second import changes nothing', async () => {
    const res = await call(reception, 'GET', '/api/partners/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="partners-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = res.body;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed.headers.slice(0, 4)).toEqual(['ID / ID', '種別 / Kind', '名称 / Name (Japanese)', '名称（英語） / Name (English)']);
    const before = json<PartnerList>(await call(reception, 'GET', '/api/partners')).partners;
    expect(parsed.rows).toHaveLength(before.length);
    const cell = (row: string[] | undefined, header: string) => row?.[parsed.headers.findIndex((h) => h.includes(header))];
    const clinicRow = parsed.rows.find((r) => r.cells[0] === clinic.id)?.cells;
    expect(cell(clinicRow, 'Languages')).toBe('en fr');
    expect(cell(clinicRow, 'without insurance')).toBe('1');
    expect(cell(clinicRow, 'without residence status')).toBe('1');
    // A spreadsheet would run these: they are written as text.
    expect(cell(clinicRow, 'Notes')).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(cell(clinicRow, '電話番号 / Phone')).toBe("'+81-3-1234-5678");

    // Change one row, add one; the rest stays as exported.
    const rows = parsed.rows.map((r) => [...r.cells]);
    const lawyerRow = rows.find((r) => r[0] === lawyer.id);
    if (!lawyerRow) throw new Error('the lawyer is not in the export');
    lawyerRow[parsed.headers.findIndex((h) => h.includes('Opening hours'))] = '平日 9:30–17:00';
    const added = parsed.headers.map((h) => (h.includes('Kind') ? 'language_school' : h.includes('Name (Japanese)') ? 'にほんご教室ひまわり' : h.includes('Languages') ? 'ne bn' : h.includes('Postal code') ? '1600022' : ''));
    const file = `\uFEFF${toCsv([parsed.headers, ...rows, added])}`;

    const preview = await upload('/api/partners/import/preview', file);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = json<PartnerImportPreview>(preview);
    expect(p.counts).toEqual({ create: 1, update: 1, unchanged: before.length - 1, error: 0 });
    expect(p.rows.find((r) => r.partnerId === lawyer.id)).toMatchObject({ action: 'update', nameJa: lawyer.nameJa, errors: {} });
    expect(p.rows.at(-1)).toMatchObject({ action: 'create', partnerId: null, nameJa: 'にほんご教室ひまわり', line: before.length + 2 });
    expect(await count()).toBe(before.length + 1); // the preview wrote nothing (+1: the other organisation's partner)

    const imported = await upload('/api/partners/import', file);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(json<PartnerImportResult>(imported)).toEqual({ created: 1, updated: 1, unchanged: before.length - 1 });
    const after = json<PartnerList>(await call(reception, 'GET', '/api/partners')).partners;
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((x) => x.id === lawyer.id)).toMatchObject({ openingHours: '平日 9:30–17:00', version: lawyer.version + 1 });
    expect(after.find((x) => x.id === clinic.id)).toEqual(before.find((x) => x.id === clinic.id));
    expect(after.find((x) => x.nameJa === 'にほんご教室ひまわり')).toMatchObject({ kind: 'language_school', languages: ['ne', 'bn'], prefecture: '東京都', city: '新宿区' });

    // The same file again: the changed row is now as the file says, the added one is already there.
    const again = json<PartnerImportPreview>(await upload('/api/partners/import/preview', file, coordinatorJa, 'application/octet-stream'));
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: before.length + 1, error: 0 });
    expect(json<PartnerImportResult>(await upload('/api/partners/import', file))).toEqual({ created: 0, updated: 0, unchanged: before.length + 1 });
    expect(json<PartnerList>(await call(reception, 'GET', '/api/partners')).partners).toEqual(after);
    // A fresh export reads back as nothing to do.
    const fresh = await call(reception, 'GET', '/api/partners/export.csv');
    expect(json<PartnerImportPreview>(await upload('/api/partners/import/preview', fresh.body)).counts).toMatchObject({ create: 0, update: 0, error: 0 });
    const audited = await env.handle.db.selectFrom('audit_event').select(['action', 'details']).where('entity_type', '=', 'partner').where('entity_id', '=', lawyer.id).orderBy('id').execute();
    expect(audited.at(-1)).toEqual({ action: 'update', details: { fields: ['openingHours'], via: 'import' } });
  });

  it('shows each bad row with its line and what is wrong, in the reader language, and imports nothing while any row is wrong', async () => {
    const file = [
      'Kind,Name (Japanese),Email,Postal code,Languages,Accepts people without insurance,Notes,id',
      'ngo,正しい団体,info@example.jp,1600022,en,1,"二行の',
      'メモ",',
      'spa,温泉,,,,,,',
      'ngo,メールの誤り,not-an-email,,,,,',
      'ngo,郵便番号の誤り,,0000000,,,,',
      'ngo,言語の誤り,,,en xx,maybe,,',
      ',,,,,,,',
      `ngo,知らないID,,,,,,00000000-0000-4000-8000-000000000000`,
      `ngo,同じID,,,,,,${clinic.id}`,
      `ngo,同じID,,,,,,${clinic.id}`,
    ].join('\r\n');
    const before = await count();
    const res = await upload('/api/partners/import/preview', file, coordinatorJa);
    expect(res.statusCode, res.body).toBe(200);
    const p = json<PartnerImportPreview>(res);
    expect(p.counts).toEqual({ create: 1, update: 1, unchanged: 0, error: 6 });
    const byLine = new Map(p.rows.map((r) => [r.line, r]));
    expect(byLine.get(2)).toMatchObject({ action: 'create', nameJa: '正しい団体', errors: {} });
    expect(byLine.get(4)).toMatchObject({ action: 'error', nameJa: '温泉', errors: { kind: expect.stringContaining('種別') } });
    expect(byLine.get(5)?.errors).toEqual({ email: expect.stringMatching(/^メール: /) });
    expect(byLine.get(6)?.errors).toEqual({ postalCode: '郵便番号: 日本郵便の一覧にない郵便番号です' });
    expect(Object.keys(byLine.get(7)?.errors ?? {}).sort()).toEqual(['acceptsUninsured', 'languages']);
    expect(byLine.has(8)).toBe(false); // a blank line is no row
    expect(byLine.get(9)).toMatchObject({ action: 'error', partnerId: null, errors: { id: expect.stringContaining('この ID の連携先はありません') } });
    // The first row with an id updates it (this file gives kind and name only); the repeat is an error naming the first line.
    expect(byLine.get(10)).toMatchObject({ action: 'update', partnerId: clinic.id });
    expect(byLine.get(11)).toMatchObject({ action: 'error', errors: { id: expect.stringContaining('10 行目') } });
    const english = json<PartnerImportPreview>(await upload('/api/partners/import/preview', file, coordinator));
    expect(english.rows.find((r) => r.line === 6)?.errors).toEqual({ postalCode: "Postal code: not a postal code in Japan Post's list" });

    const refused = await upload('/api/partners/import', file, coordinatorJa);
    expect(refused.statusCode).toBe(400);
    expect(problem(refused).code).toBe('partners.import_has_errors');
    expect(problem(refused).message).toContain('6 行');
    expect(await count()).toBe(before);
    expect(json<Partner>(await call(reception, 'GET', `/api/partners/${clinic.id}`))).toEqual(clinic);
  });

  it('refuses a file it cannot read: unknown or missing columns, not a CSV, empty', async () => {
    const unknown = await upload('/api/partners/import/preview', 'kind,nameJa,colour\nngo,x,red\n');
    expect(unknown.statusCode).toBe(422);
    expect(problem(unknown)).toMatchObject({ code: 'partners.import_unknown_columns', message: expect.stringContaining('colour') });
    const missing = await upload('/api/partners/import/preview', 'Name (English),Kind\nX,ngo\n', coordinatorJa);
    expect(missing.statusCode).toBe(422);
    expect(problem(missing)).toMatchObject({ code: 'partners.import_missing_columns', message: expect.stringContaining('名称') });
    const twice = await upload('/api/partners/import/preview', 'kind,nameJa,名称\nngo,x,y\n');
    expect(problem(twice).code).toBe('partners.import_repeated_columns');
    expect(problem(await upload('/api/partners/import', '')).code).toBe('import.empty');
    expect((await upload('/api/partners/import', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).statusCode).toBe(415);
  });

  it('reads a Shift_JIS file with Japanese headers and fills the area from the 〒', async () => {
    const file = encodeShiftJis('種別,名称,名称（カナ）,郵便番号,対応言語,保険のない人の受入れ\r\nngo,難民支援ネット東京,ナンミンシエンネットトウキョウ,160-0022,en fr,はい\r\n');
    const preview = json<PartnerImportPreview>(await upload('/api/partners/import/preview', file, coordinator, 'application/octet-stream'));
    expect(preview.rows).toEqual([{ line: 2, action: 'create', partnerId: null, nameJa: '難民支援ネット東京', errors: {} }]);
    expect(json<PartnerImportResult>(await upload('/api/partners/import', file, coordinator, 'application/octet-stream'))).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const found = json<PartnerList>(await call(reception, 'GET', `/api/partners?q=${encodeURIComponent('なんみん')}`)).partners;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'ngo', prefecture: '東京都', city: '新宿区', languages: ['en', 'fr'], acceptsUninsured: true });
  });
});
