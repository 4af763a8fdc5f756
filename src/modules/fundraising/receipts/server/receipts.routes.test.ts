import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../../server/test/factories';
import { readPdf, squash } from '../../../../server/test/pdf-text';
import { tokyoDate } from '../../../../shared/time';
import { DEFAULT_STATEMENT_EN, DEFAULT_STATEMENT_JA, type Receipt, type ReceiptList, type ReceiptSettings } from '../contract';
import { insertFund, insertGift, insertSupporter, SAMPLE_SEAL_PNG, sampleSettings } from './receipts.test-helpers';

let env: TestEnv;
let fundraiser: TestStaff;
let fundraiserJa: TestStaff;
let caseworker: TestStaff;
let fundId: string;
const issueYear = tokyoDate().slice(0, 4);
/** Gifts of last year: a receipt for them is issued this year. */
const giftYear = Number(issueYear) - 1;
const NO_ID = '00000000-0000-4000-8000-000000000000';

const call = (who: TestStaff | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  env.app.inject({ method, url, headers: who?.headers ?? {}, payload });
const json = <T>(res: { json: () => unknown }) => res.json() as T;
const problem = (res: { json: () => unknown }) => (res.json() as { error: { code: string; message: string; fields: Record<string, string> } }).error;
const numberOf = (r: Receipt) => Number(r.receiptNumber.slice(5, 11));

async function supporterWithGift(amountYen = 5000, receivedOn = `${giftYear}-06-15`, overrides: Parameters<typeof insertSupporter>[2] = {}) {
  const supporter = await insertSupporter(env.handle.db, env.organisationId, overrides);
  const giftId = await insertGift(env.handle.db, env.organisationId, fundId, { supporterId: supporter.id, amountYen, receivedOn });
  return { supporter, giftId };
}

async function issue(giftId: string, who = fundraiser): Promise<Receipt> {
  const res = await call(who, 'POST', '/api/fundraising/receipts', { giftId });
  expect(res.statusCode, res.body).toBe(201);
  return json<Receipt>(res);
}

beforeAll(async () => {
  env = await createTestEnv();
  fundraiser = await env.staff('fundraiser');
  fundraiserJa = await env.staff('fundraiser', 'ja');
  caseworker = await env.staff('caseworker');
  fundId = await insertFund(env.handle.db, env.organisationId);
});
afterAll(async () => env?.close());

describe('who may reach receipts', () => {
  const routes: Array<['GET' | 'POST' | 'PUT', string, object | undefined]> = [
    ['GET', '/api/fundraising/receipt-settings', undefined],
    // An empty body: a fundraiser gets 400 here, so the settings stay unsaved for the tests below.
    ['PUT', '/api/fundraising/receipt-settings', {}],
    ['GET', '/api/fundraising/receipt-settings/seal', undefined],
    ['GET', '/api/fundraising/receipts', undefined],
    ['POST', '/api/fundraising/receipts', { giftId: NO_ID }],
    ['POST', '/api/fundraising/receipts/annual', { supporterId: NO_ID, year: giftYear }],
    ['GET', `/api/fundraising/receipts/${NO_ID}`, undefined],
    ['GET', `/api/fundraising/receipts/${NO_ID}/pdf`, undefined],
    ['POST', `/api/fundraising/receipts/${NO_ID}/reissue`, { reason: 'lost' }],
    ['POST', `/api/fundraising/receipts/${NO_ID}/void`, { reason: 'wrong' }],
    ['GET', '/api/fundraising/receipt-batches', undefined],
    ['POST', '/api/fundraising/receipt-batches', { year: giftYear }],
    ['GET', `/api/fundraising/receipt-batches/${NO_ID}`, undefined],
    ['GET', `/api/fundraising/receipt-batches/${NO_ID}/items`, undefined],
    ['POST', `/api/fundraising/receipt-batches/${NO_ID}/run`, undefined],
    ['GET', `/api/fundraising/receipt-batches/${NO_ID}/file`, undefined],
  ];

  it('answers 401 without login and 403 to a caseworker on every route; a fundraiser is let through', async () => {
    for (const [method, url, payload] of routes) {
      expect((await call(null, method, url, payload)).statusCode, `${method} ${url}`).toBe(401);
      const refused = await call(caseworker, method, url, payload);
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(problem(refused).code).toBe('auth.forbidden');
      expect((await call(fundraiser, method, url, payload)).statusCode, `${method} ${url}`).not.toBe(403);
    }
  });

  it('answers 400 naming the field for malformed input', async () => {
    const cases: Array<['GET' | 'POST' | 'PUT', string, object | undefined, string]> = [
      ['PUT', '/api/fundraising/receipt-settings', { ...sampleSettings(), postalCode: '12-34' }, 'postalCode'],
      ['PUT', '/api/fundraising/receipt-settings', { ...sampleSettings(), legalNameJa: '' }, 'legalNameJa'],
      ['PUT', '/api/fundraising/receipt-settings', { ...sampleSettings(), receiptThresholdYen: 1999.5 }, 'receiptThresholdYen'],
      ['GET', '/api/fundraising/receipts?year=abc', undefined, 'year'],
      ['POST', '/api/fundraising/receipts', { giftId: 'gift-1' }, 'giftId'],
      ['POST', '/api/fundraising/receipts', { giftId: NO_ID, language: 'fr' }, 'language'],
      ['POST', '/api/fundraising/receipts/annual', { supporterId: NO_ID }, 'year'],
      ['POST', '/api/fundraising/receipts/annual', { supporterId: NO_ID, year: 1999 }, 'year'],
      ['GET', '/api/fundraising/receipts/not-a-uuid', undefined, 'id'],
      ['GET', `/api/fundraising/receipts/${NO_ID}/pdf?language=de`, undefined, 'language'],
      ['POST', `/api/fundraising/receipts/${NO_ID}/reissue`, { reason: '' }, 'reason'],
      ['POST', `/api/fundraising/receipts/${NO_ID}/void`, {}, 'reason'],
      ['POST', '/api/fundraising/receipt-batches', { year: giftYear, thresholdYen: -1 }, 'thresholdYen'],
      ['POST', `/api/fundraising/receipt-batches/${NO_ID}/run?limit=0`, undefined, 'limit'],
      ['GET', `/api/fundraising/receipt-batches/${NO_ID}/file?format=rar`, undefined, 'format'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await call(fundraiser, method, url, payload);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(400);
      expect(Object.keys(problem(res).fields), `${method} ${url}`).toContain(field);
    }
    const named = problem(await call(fundraiser, 'PUT', '/api/fundraising/receipt-settings', { ...sampleSettings(), postalCode: '12-34' }));
    expect(named.fields.postalCode).toBe('Postal code: enter seven digits (e.g. 104-0061)');
    const future = await call(fundraiser, 'POST', '/api/fundraising/receipts/annual', { supporterId: NO_ID, year: Number(issueYear) + 1 });
    expect(future.statusCode).toBe(400);
    expect(problem(future)).toMatchObject({ code: 'receipt.year_in_future', fields: { year: 'Year of the gifts: must not be in the future' } });
  });
});

describe('receipt settings', () => {
  it('refuses to issue anything before the settings are saved', async () => {
    const { giftId } = await supporterWithGift();
    const res = await call(fundraiserJa, 'POST', '/api/fundraising/receipts', { giftId });
    expect(res.statusCode).toBe(409);
    expect(problem(res).code).toBe('receipt.settings_missing');
    expect(problem(res).message).toContain('受領証明書の設定');
  });

  it('start from the statement about specified non-profit activities and a ¥2,000 threshold, as the migration does', async () => {
    const empty = json<ReceiptSettings>(await call(fundraiser, 'GET', '/api/fundraising/receipt-settings'));
    expect(empty).toMatchObject({ isConfigured: false, version: 0, receiptThresholdYen: 2000, statementJa: DEFAULT_STATEMENT_JA, statementEn: DEFAULT_STATEMENT_EN, hasSealImage: false });
    expect(DEFAULT_STATEMENT_JA).toContain('特定非営利活動に係る事業に関連する寄附金');
    const defaults = await sql<{ column_name: string; column_default: string }>`
      SELECT column_name, column_default FROM information_schema.columns
       WHERE table_name = 'fundraising_settings' AND column_name IN ('statement_ja', 'statement_en', 'receipt_threshold_yen')`.execute(env.handle.db);
    const byName = Object.fromEntries(defaults.rows.map((r) => [r.column_name, r.column_default]));
    expect(byName.statement_ja).toContain(DEFAULT_STATEMENT_JA);
    expect(byName.statement_en).toContain(DEFAULT_STATEMENT_EN);
    expect(byName.receipt_threshold_yen).toContain('2000');
  });

  it('are saved with a seal image, refuse a stale version and anything but PNG or JPEG, and are audited', async () => {
    const notImage = await call(fundraiser, 'PUT', '/api/fundraising/receipt-settings', sampleSettings({ sealImage: Buffer.from('GIF89a-not-a-seal').toString('base64') }));
    expect(notImage.statusCode).toBe(400);
    expect(problem(notImage)).toMatchObject({ code: 'receipt.seal_image_invalid', fields: { sealImage: expect.stringContaining('PNG or JPEG') } });
    const tooLarge = await call(fundraiser, 'PUT', '/api/fundraising/receipt-settings', sampleSettings({ sealImage: Buffer.concat([SAMPLE_SEAL_PNG, Buffer.alloc(300_000)]).toString('base64') }));
    expect(tooLarge.statusCode).toBe(400);

    const saved = await call(fundraiser, 'PUT', '/api/fundraising/receipt-settings', sampleSettings({ postalCode: '〒160-0022', sealImage: `data:image/png;base64,${SAMPLE_SEAL_PNG.toString('base64')}` }));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(json<ReceiptSettings>(saved)).toMatchObject({ isConfigured: true, version: 1, postalCode: '1600022', hasSealImage: true, sealContentType: 'image/png', updatedByName: 'fundraiser en' });
    const seal = await call(fundraiser, 'GET', '/api/fundraising/receipt-settings/seal');
    expect(seal.headers['content-type']).toBe('image/png');
    expect(seal.rawPayload.equals(SAMPLE_SEAL_PNG)).toBe(true);

    const stale = await call(fundraiser, 'PUT', '/api/fundraising/receipt-settings', sampleSettings({ version: 0 }));
    expect(stale.statusCode).toBe(409);
    expect(problem(stale).code).toBe('receipt.settings_version_conflict');
    // Left out, the seal stays.
    const again = json<ReceiptSettings>(await call(fundraiser, 'PUT', '/api/fundraising/receipt-settings', sampleSettings({ version: 1, receiptThresholdYen: 3000 })));
    expect(again).toMatchObject({ version: 2, hasSealImage: true, receiptThresholdYen: 3000 });
    const events = await env.handle.db.selectFrom('audit_event').select(['action', 'details']).where('entity_type', '=', 'fundraising_settings').orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(events[1]?.details).toEqual({ changed: ['receipt_threshold_yen'] });
  });
});

describe('a single receipt for a gift', () => {
  it('is numbered by the issue year in sequence, addressed with 様, and audited', async () => {
    const a = await supporterWithGift(12000);
    const b = await supporterWithGift(3000);
    const c = await supporterWithGift(8000);
    const first = await issue(a.giftId);
    const second = await issue(b.giftId);
    const third = await issue(c.giftId);
    expect(first.receiptNumber).toMatch(new RegExp(`^${issueYear}-\\d{6}$`));
    expect([numberOf(second), numberOf(third)]).toEqual([numberOf(first) + 1, numberOf(first) + 2]);
    expect(first).toMatchObject({
      kind: 'single', year: giftYear, supporterId: a.supporter.id, totalYen: 12000, language: 'ja', issuedOn: tokyoDate(), reissueOfId: null, voidedAt: null,
      addressee: expect.stringMatching(/^山田 太郎\d+ 様$/), hasSeal: true, issuedByName: 'fundraiser en',
      gifts: [{ giftId: a.giftId, receivedOn: `${giftYear}-06-15`, amountYen: 12000, isInKind: false }],
      recipient: { supporterNumber: a.supporter.supporterNumber, honorific: 'sama', postalCode: '1040061', country: 'JP' },
      issuer: { legalNameJa: '認定特定非営利活動法人 とびら難民支援', certificationNumber: '生都管第1234号', certificationDate: '2019-04-01', authorityJa: '東京都' },
    });
    const event = await env.handle.db.selectFrom('audit_event').select(['action', 'details']).where('entity_type', '=', 'receipt').where('entity_id', '=', first.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'create', details: { receiptNumber: first.receiptNumber, kind: 'single', totalYen: 12000, giftCount: 1 } });
  });

  it('addresses an organisation 御中 and prints in the supporter’s language unless told', async () => {
    const org = await insertSupporter(env.handle.db, env.organisationId, { kind: 'organisation', organisation_name: '株式会社みらい', department: '総務部', family_name: '', given_name: '', honorific: 'onchu', preferred_language: 'en' });
    const giftId = await insertGift(env.handle.db, env.organisationId, fundId, { supporterId: org.id, amountYen: 50000, receivedOn: `${giftYear}-03-01` });
    const receipt = await issue(giftId);
    expect(receipt).toMatchObject({ addressee: '株式会社みらい 総務部 御中', language: 'en' });
  });

  it('refuses a gift that is not received, a refund, an anonymous or unknown gift, and a donor without address or merged', async () => {
    const expectError = async (giftId: string, status: number, code: string) => {
      const res = await call(fundraiser, 'POST', '/api/fundraising/receipts', { giftId });
      expect(res.statusCode, res.body).toBe(status);
      expect(problem(res).code).toBe(code);
      return problem(res);
    };
    const pledged = await supporterWithGift();
    await env.handle.db.updateTable('gift').set({ status: 'pledged' }).where('id', '=', pledged.giftId).execute();
    expect((await expectError(pledged.giftId, 409, 'receipt.gift_not_received')).message).toContain('pledged');
    const refunded = await supporterWithGift();
    await env.handle.db.updateTable('gift').set({ status: 'refunded' }).where('id', '=', refunded.giftId).execute();
    await expectError(refunded.giftId, 409, 'receipt.gift_not_received');
    const reversal = await insertGift(env.handle.db, env.organisationId, fundId, { supporterId: refunded.supporter.id, amountYen: -5000, receivedOn: `${giftYear}-07-01`, reverses_gift_id: refunded.giftId });
    await expectError(reversal, 409, 'receipt.gift_reversal');
    const anonymous = await insertGift(env.handle.db, env.organisationId, fundId, { supporterId: null, amountYen: 1000, receivedOn: `${giftYear}-07-01`, method: 'cash' });
    await expectError(anonymous, 409, 'receipt.gift_anonymous');
    expect((await expectError(NO_ID, 404, 'receipt.gift_not_found'))).toMatchObject({ fields: { giftId: expect.any(String) } });

    // Another organisation's gift is not found: ids never tell what another office holds.
    const other = await env.handle.db.insertInto('organisation').values({ name: 'Other office' }).returning('id').executeTakeFirstOrThrow();
    const otherFund = await insertFund(env.handle.db, other.id);
    const otherSupporter = await insertSupporter(env.handle.db, other.id);
    const otherGift = await insertGift(env.handle.db, other.id, otherFund, { supporterId: otherSupporter.id, amountYen: 9000, receivedOn: `${giftYear}-02-02` });
    await expectError(otherGift, 404, 'receipt.gift_not_found');

    const homeless = await insertSupporter(env.handle.db, env.organisationId, {}, null);
    const homelessGift = await insertGift(env.handle.db, env.organisationId, fundId, { supporterId: homeless.id, amountYen: 3000, receivedOn: `${giftYear}-01-10` });
    await expectError(homelessGift, 409, 'receipt.no_address');

    const kept = await insertSupporter(env.handle.db, env.organisationId);
    const merged = await supporterWithGift(4000, `${giftYear}-05-05`, { merged_into_id: kept.id });
    expect((await expectError(merged.giftId, 409, 'receipt.supporter_merged')).message).toContain(kept.supporterNumber);
  });

  it('is refused for a gift already on a valid receipt, in the caller’s language, naming that receipt', async () => {
    const { giftId } = await supporterWithGift();
    const receipt = await issue(giftId);
    const en = await call(fundraiser, 'POST', '/api/fundraising/receipts', { giftId });
    expect(en.statusCode).toBe(409);
    expect(problem(en)).toMatchObject({ code: 'receipt.gift_already_receipted', message: expect.stringContaining(`already on receipt ${receipt.receiptNumber}`) });
    const ja = await call(fundraiserJa, 'POST', '/api/fundraising/receipts', { giftId });
    expect(problem(ja).message).toContain(`すでに受領証明書 ${receipt.receiptNumber} に記載`);
  });

  it('cannot be issued twice for one gift even when two requests race, and the loser leaves no gap in the numbers', async () => {
    const { giftId } = await supporterWithGift();
    const [a, b] = await Promise.all([call(fundraiser, 'POST', '/api/fundraising/receipts', { giftId }), call(fundraiser, 'POST', '/api/fundraising/receipts', { giftId })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const winner = json<Receipt>(a.statusCode === 201 ? a : b);
    const next = await issue((await supporterWithGift()).giftId);
    expect(numberOf(next)).toBe(numberOf(winner) + 1);
  });

  it('is refused by the database itself when a second valid receipt would cover the same gift', async () => {
    const { giftId } = await supporterWithGift();
    const receipt = await issue(giftId);
    const other = await issue((await supporterWithGift()).giftId);
    const second = env.handle.db.insertInto('receipt_gift').values({ organisation_id: env.organisationId, receipt_id: other.id, gift_id: giftId, amount_yen: 5000 }).execute();
    await expect(second).rejects.toMatchObject({ code: '23505' });
    // Inactive lines (of voided receipts) do not count.
    await env.handle.db.insertInto('receipt_gift').values({ organisation_id: env.organisationId, receipt_id: other.id, gift_id: giftId, amount_yen: 5000, is_active: false }).execute();
    expect(receipt.gifts).toHaveLength(1);
  });
});

describe('void and reissue', () => {
  it('voids a receipt: it keeps its number, the next receipt takes the next one, and its gift can be receipted again under a new number', async () => {
    const { giftId } = await supporterWithGift(7000);
    const receipt = await issue(giftId);
    const voided = await call(fundraiser, 'POST', `/api/fundraising/receipts/${receipt.id}/void`, { reason: 'Wrong amount typed' });
    expect(voided.statusCode).toBe(200);
    expect(json<Receipt>(voided)).toMatchObject({ receiptNumber: receipt.receiptNumber, voidReason: 'Wrong amount typed', voidedByName: 'fundraiser en', voidedAt: expect.any(String) });
    const again = await call(fundraiser, 'POST', `/api/fundraising/receipts/${receipt.id}/void`, { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(problem(again).code).toBe('receipt.already_voided');

    const replacement = await issue(giftId);
    expect(replacement.receiptNumber).not.toBe(receipt.receiptNumber);
    expect(numberOf(replacement)).toBe(numberOf(receipt) + 1);
    const numbers = await env.handle.db.selectFrom('receipt').select('receipt_number').where('organisation_id', '=', env.organisationId).execute();
    expect(numbers.filter((n) => n.receipt_number === receipt.receiptNumber)).toHaveLength(1);

    // A voided receipt prints only as a copy marked 無効 / VOID.
    const refused = await call(fundraiser, 'GET', `/api/fundraising/receipts/${receipt.id}/pdf`);
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).code).toBe('receipt.voided');
    const copy = await call(fundraiser, 'GET', `/api/fundraising/receipts/${receipt.id}/pdf?voidCopy=true`);
    expect(copy.statusCode).toBe(200);
    const pdf = await readPdf(copy.rawPayload);
    expect(pdf.squashed).toContain('無効/VOID');
    expect(pdf.squashed).toContain(receipt.receiptNumber);
    expect(copy.headers['content-disposition']).toContain('-void.pdf');
  });

  it('reissues with the same facts and the number suffixed -R1, -R2, printed 再発行; a voided chain cannot be reissued', async () => {
    const { giftId } = await supporterWithGift(15000);
    const receipt = await issue(giftId);
    // The donor moves and the organisation changes its representative: the reissue still prints what the receipt said.
    await env.handle.db.updateTable('supporter_address').set({ line1: '引っ越し先' }).where('supporter_id', '=', receipt.supporterId).execute();
    const current = json<ReceiptSettings>(await call(fundraiser, 'GET', '/api/fundraising/receipt-settings'));
    await call(fundraiser, 'PUT', '/api/fundraising/receipt-settings', sampleSettings({ version: current.version, representativeNameJa: '鈴木 一郎', receiptThresholdYen: 3000 }));

    const r1res = await call(fundraiser, 'POST', `/api/fundraising/receipts/${receipt.id}/reissue`, { reason: 'Lost in the post' });
    expect(r1res.statusCode, r1res.body).toBe(201);
    const r1 = json<Receipt>(r1res);
    expect(r1).toMatchObject({ receiptNumber: `${receipt.receiptNumber}-R1`, reissueOfId: receipt.id, reissueNumber: 1, reissueReason: 'Lost in the post', totalYen: 15000 });
    expect(r1.recipient).toEqual(receipt.recipient);
    expect(r1.issuer.representativeNameJa).toBe('佐藤 花子');
    const r2 = json<Receipt>(await call(fundraiser, 'POST', `/api/fundraising/receipts/${r1.id}/reissue`, { reason: 'Lost again' }));
    expect(r2.receiptNumber).toBe(`${receipt.receiptNumber}-R2`);
    expect(r2.chain.map((c) => c.receiptNumber)).toEqual([receipt.receiptNumber, r1.receiptNumber, r2.receiptNumber]);

    const pdf = await readPdf((await call(fundraiser, 'GET', `/api/fundraising/receipts/${r2.id}/pdf`)).rawPayload);
    expect(pdf.squashed).toContain('【再発行】');
    expect(pdf.squashed).toContain(`証明書番号${receipt.receiptNumber}-R2`);
    expect(pdf.squashed).toContain('佐藤花子');
    expect(pdf.squashed).not.toContain('引っ越し先');
    const en = await readPdf((await call(fundraiser, 'GET', `/api/fundraising/receipts/${r2.id}/pdf?language=en`)).rawPayload);
    expect(en.squashed).toContain('Reissued');

    // Voiding any receipt of the chain voids them all; nothing of it can be reissued afterwards.
    await call(fundraiser, 'POST', `/api/fundraising/receipts/${r1.id}/void`, { reason: 'Gift refunded' });
    const after = json<Receipt>(await call(fundraiser, 'GET', `/api/fundraising/receipts/${receipt.id}`));
    expect(after.voidedAt).not.toBeNull();
    const refused = await call(fundraiser, 'POST', `/api/fundraising/receipts/${receipt.id}/reissue`, { reason: 'again' });
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).code).toBe('receipt.voided');
    expect(numberOf(await issue(giftId))).toBeGreaterThan(numberOf(receipt));
  });
});

describe('the annual combined receipt', () => {
  it('covers every received gift of the year not yet receipted, and refuses a second one', async () => {
    const s = await insertSupporter(env.handle.db, env.organisationId, { email: 'annual.only@example.jp', phone: '090-1111-0001' });
    const db = env.handle.db;
    const gift = (amountYen: number, receivedOn: string, extra: Partial<Parameters<typeof insertGift>[3]> = {}) =>
      insertGift(db, env.organisationId, fundId, { supporterId: s.id, amountYen, receivedOn, ...extra });
    const jan = await gift(3000, `${giftYear}-01-27`);
    const feb = await gift(3000, `${giftYear}-02-27`);
    const dec = await gift(10000, `${giftYear}-12-31`, { method: 'in_kind', in_kind_description: '毛布 20枚' });
    const singly = await gift(2000, `${giftYear}-04-01`);
    await issue(singly);
    const refunded = await gift(5000, `${giftYear}-05-01`, { status: 'refunded' });
    await gift(-5000, `${giftYear}-05-20`, { reverses_gift_id: refunded });
    await gift(4000, `${giftYear - 1}-12-31`);
    await gift(4000, `${giftYear + 1}-01-01`);

    const res = await call(fundraiser, 'POST', '/api/fundraising/receipts/annual', { supporterId: s.id, year: giftYear });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = json<Receipt>(res);
    expect(receipt).toMatchObject({ kind: 'annual', year: giftYear, totalYen: 16000 });
    expect(receipt.gifts.map((g) => g.giftId)).toEqual([jan, feb, dec]);
    expect(receipt.gifts[2]?.isInKind).toBe(true);

    const second = await call(fundraiser, 'POST', '/api/fundraising/receipts/annual', { supporterId: s.id, year: giftYear });
    expect(second.statusCode).toBe(409);
    expect(problem(second)).toMatchObject({ code: 'receipt.annual_exists', message: expect.stringContaining(receipt.receiptNumber) });

    const pdf = await readPdf((await call(fundraiser, 'GET', `/api/fundraising/receipts/${receipt.id}/pdf`)).rawPayload);
    expect(pdf.squashed).toContain(`受領期間${giftYear}年1月1日〜${giftYear}年12月31日（3件）`);
    expect(pdf.squashed).toContain('金16,000円也');
    expect(pdf.squashed).toContain(`${giftYear}年12月31日(現物)¥10,000`);

    const empty = await call(fundraiser, 'POST', '/api/fundraising/receipts/annual', { supporterId: s.id, year: giftYear - 2 });
    expect(empty.statusCode).toBe(409);
    expect(problem(empty).code).toBe('receipt.no_gifts');
    expect((await call(fundraiser, 'POST', '/api/fundraising/receipts/annual', { supporterId: NO_ID, year: giftYear })).statusCode).toBe(404);
  });

  it('is refused while other records look like the same donor (e-mail, phone, kana reading at the same 〒), unless acknowledged', async () => {
    const db = env.handle.db;
    const annual = (supporterId: string, acknowledgeDuplicates?: boolean) =>
      call(fundraiser, 'POST', '/api/fundraising/receipts/annual', { supporterId, year: giftYear, ...(acknowledgeDuplicates === undefined ? {} : { acknowledgeDuplicates }) });

    const byEmail = await supporterWithGift(5000, `${giftYear}-08-01`, { email: 'Hanako.Tanaka@Example.jp' });
    const twin = await insertSupporter(db, env.organisationId, { email: 'hanako.tanaka@example.jp' });
    const refused = await annual(byEmail.supporter.id);
    expect(refused.statusCode).toBe(409);
    expect(problem(refused)).toMatchObject({ code: 'receipt.possible_duplicates', message: expect.stringContaining(twin.supporterNumber) });

    const byPhone = await supporterWithGift(5000, `${giftYear}-08-01`, { phone: '03-1234-5678' });
    const phoneTwin = await insertSupporter(db, env.organisationId, { phone: '(03) 1234 5678' });
    expect(problem(await annual(byPhone.supporter.id)).message).toContain(phoneTwin.supporterNumber);

    const byKana = await supporterWithGift(5000, `${giftYear}-08-01`, { family_name_kana: 'スズキ', given_name_kana: 'ハナ' });
    await db.updateTable('supporter_address').set({ postal_code: '5300001' }).where('supporter_id', '=', byKana.supporter.id).execute();
    const kanaTwin = await insertSupporter(db, env.organisationId, { family_name: '鈴木', given_name: '花', family_name_kana: 'スズキ', given_name_kana: 'ハナ' }, { postal_code: '5300001' });
    // The same reading elsewhere in Japan is someone else.
    await insertSupporter(db, env.organisationId, { family_name_kana: 'スズキ', given_name_kana: 'ハナ' }, { postal_code: '9000001' });
    const kana = problem(await annual(byKana.supporter.id));
    expect(kana.code).toBe('receipt.possible_duplicates');
    expect(kana.message).toContain(kanaTwin.supporterNumber);
    expect(kana.message.match(/S-/g)).toHaveLength(1);

    // A record already merged away is no duplicate any more.
    await db.updateTable('supporter').set({ merged_into_id: byEmail.supporter.id }).where('id', '=', twin.id).execute();
    expect((await annual(byEmail.supporter.id)).statusCode).toBe(201);
    expect((await annual(byPhone.supporter.id, true)).statusCode).toBe(201);
    const event = await db.selectFrom('audit_event').select('details').where('entity_type', '=', 'receipt').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ kind: 'annual', acknowledgedDuplicates: true });
  });
});

describe('finding and printing receipts', () => {
  it('lists by supporter and by year of the gifts, newest first', async () => {
    const { supporter, giftId } = await supporterWithGift(2500, `${giftYear - 3}-10-10`);
    const older = await issue(giftId);
    const later = await issue(await insertGift(env.handle.db, env.organisationId, fundId, { supporterId: supporter.id, amountYen: 2600, receivedOn: `${giftYear - 3}-11-11` }));
    const bySupporter = json<ReceiptList>(await call(fundraiser, 'GET', `/api/fundraising/receipts?supporterId=${supporter.id}`));
    expect(bySupporter.total).toBe(2);
    expect(bySupporter.receipts.map((r) => r.id)).toEqual([later.id, older.id]);
    const byYear = json<ReceiptList>(await call(fundraiser, 'GET', `/api/fundraising/receipts?year=${giftYear - 3}&kind=single`));
    expect(byYear.receipts.map((r) => r.id).sort()).toEqual([older.id, later.id].sort());
    expect((await call(fundraiser, 'GET', `/api/fundraising/receipts/${NO_ID}`)).statusCode).toBe(404);
  });

  it('downloads the PDF with every mandatory fact, in Japanese and in English, and audits the download', async () => {
    const { giftId } = await supporterWithGift(123456, `${giftYear}-09-09`);
    const receipt = await issue(giftId);
    const res = await call(fundraiser, 'GET', `/api/fundraising/receipts/${receipt.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const ja = await readPdf(res.rawPayload);
    for (const text of [
      '寄附金受領証明書', receipt.receiptNumber, squash(receipt.addressee), '〒104-0061', '東京都中央区銀座', '金123,456円也', `受領日${giftYear}年9月9日`,
      '特定非営利活動に係る事業に関連する寄附金', '認定特定非営利活動法人とびら難民支援', '〒160-0022東京都新宿区新宿1-2-3', '認定番号生都管第1234号', '認定年月日2019年4月1日', '所轄庁東京都',
    ]) expect(ja.squashed, text).toContain(text);
    const en = await readPdf((await call(fundraiser, 'GET', `/api/fundraising/receipts/${receipt.id}/pdf?language=en`)).rawPayload);
    for (const text of ['Receipt for Donation', 'Amount ¥123,456', `Date received 9 September ${giftYear}`, 'specified non-profit activities', 'Tobira Refugee Support', 'Tokyo Metropolitan Government']) {
      expect(en.squashed, text).toContain(squash(text));
    }
    const exports = await env.handle.db.selectFrom('audit_event').select('details').where('action', '=', 'export').where('entity_id', '=', receipt.id).execute();
    expect(exports.map((e) => e.details)).toEqual([expect.objectContaining({ language: 'ja' }), expect.objectContaining({ language: 'en' })]);
  });
});
