import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../server/test/factories';
import { addDays, tokyoDate } from '../../../shared/time';
import type { Campaign, CampaignProgress, CommitmentDetail, Fund, Gift, GiftList, Supporter } from '../contract';
import { sampleSettings } from '../receipts/server/receipts.test-helpers';

let env: TestEnv;
let fundraiser: TestStaff;
let fundraiserJa: TestStaff;
let admin: TestStaff;
let reception: TestStaff;
let coordinator: TestStaff;
let donor: Supporter;
let other: Supporter;
let funds: Fund[];
const json = <T>(res: { json: () => unknown }) => res.json() as T;
const problem = (res: { json: () => unknown }) => (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
const call = (staff: TestStaff, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  env.app.inject({ method, url, headers: staff.headers, ...(payload !== undefined && { payload: payload as Record<string, unknown> }) });

beforeAll(async () => {
  env = await createTestEnv();
  fundraiser = await env.staff('fundraiser');
  fundraiserJa = await env.staff('fundraiser', 'ja');
  admin = await env.staff('admin');
  reception = await env.staff('reception');
  coordinator = await env.staff('coordinator');
  donor = json<Supporter>(await call(fundraiser, 'POST', '/api/fundraising/supporters', { familyName: '中村', givenName: '恵', familyNameKana: 'ナカムラ', givenNameKana: 'メグミ' }));
  other = json<Supporter>(await call(fundraiser, 'POST', '/api/fundraising/supporters', { familyName: 'Smith', givenName: 'Anna', preferredLanguage: 'en' }));
  funds = json<{ funds: Fund[] }>(await call(fundraiser, 'GET', '/api/fundraising/funds')).funds;
});
afterAll(async () => env.close());

const gift = (extra: Record<string, unknown> = {}) => ({ supporterId: donor.id, amountYen: 10_000, receivedOn: '2026-11-20', method: 'bank_transfer', ...extra });

describe('gifts', () => {
  it('start with the default funds in both languages', () => {
    expect(funds.map((f) => f.code)).toEqual(['unrestricted', 'winter', 'shelter', 'food', 'medical', 'legal', 'employment']);
    expect(funds.find((f) => f.code === 'winter')).toMatchObject({ labelJa: '冬季緊急支援', labelEn: 'Winter emergency', isRestricted: true });
  });

  it('refuse ¥0, negative and non-integer yen, a future date, a fee above the amount, an in-kind gift without a description', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ amountYen: 0 }, 'amountYen', '0円より大きく'],
      [{ amountYen: -500 }, 'amountYen', '0円より大きく'],
      [{ amountYen: 1000.5 }, 'amountYen', '整数'],
      [{ amountYen: '1000' }, 'amountYen', ''],
      [{ receivedOn: addDays(tokyoDate(), 1) }, 'receivedOn', '未来'],
      [{ feeYen: 20_000 }, 'feeYen', '超えられません'],
      [{ method: 'in_kind' }, 'inKindDescription', ''],
    ];
    for (const [patch, field, text] of cases) {
      const res = await call(fundraiserJa, 'POST', '/api/fundraising/gifts', gift(patch));
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(problem(res).fields?.[field], JSON.stringify(patch)).toContain(text);
    }
    const all = json<GiftList>(await call(fundraiser, 'GET', `/api/fundraising/gifts?supporterId=${donor.id}`));
    expect(all.total).toBe(0);
  });

  it('are reached by fundraisers and administrators only', async () => {
    for (const staff of [reception, coordinator, await env.staff('caseworker'), await env.staff('advocacy')]) {
      expect((await call(staff, 'GET', '/api/fundraising/gifts')).statusCode).toBe(403);
      expect((await call(staff, 'POST', '/api/fundraising/gifts', gift())).statusCode).toBe(403);
    }
    expect((await call(admin, 'GET', '/api/fundraising/gifts')).statusCode).toBe(200);
  });

  it('record a gift with fee, net, fund, soft credits and a message; an external id is never counted twice', async () => {
    const res = await call(fundraiser, 'POST', '/api/fundraising/gifts', gift({
      method: 'card', feeYen: 360, sourcePlatform: 'congrant', externalId: 'CG-0001', donorMessage: '応援しています', fundId: funds[1]?.id,
      softCredits: [{ kind: 'in_memory', name: '中村 正' }, { kind: 'runner', supporterId: other.id }],
    }));
    expect(res.statusCode).toBe(201);
    expect(json<Gift>(res)).toMatchObject({
      amountYen: 10_000, feeYen: 360, netYen: 9_640, status: 'received', fundLabelEn: 'Winter emergency', supporterName: '中村 恵',
      softCredits: [{ kind: 'in_memory', name: '中村 正', supporterId: null }, { kind: 'runner', supporterId: other.id, name: '' }],
    });
    const again = await call(fundraiserJa, 'POST', '/api/fundraising/gifts', gift({ method: 'card', sourcePlatform: 'congrant', externalId: 'CG-0001' }));
    expect(again.statusCode).toBe(409);
    expect(problem(again).code).toBe('gift.duplicate_external_id');
    expect(problem(again).message).toContain('二重には計上していません');
    // The same id from another platform is another gift.
    expect((await call(fundraiser, 'POST', '/api/fundraising/gifts', gift({ sourcePlatform: 'syncable', externalId: 'CG-0001' }))).statusCode).toBe(201);
  });

  it('refund by keeping the gift and adding a reversing entry; a refunded gift cannot be refunded or changed again', async () => {
    const g = json<Gift>(await call(fundraiser, 'POST', '/api/fundraising/gifts', gift({ amountYen: 3000, receivedOn: '2026-10-01' })));
    const early = await call(fundraiser, 'POST', `/api/fundraising/gifts/${g.id}/refund`, { version: g.version, refundedOn: '2026-09-30', reason: 'x' });
    expect(problem(early).code).toBe('gift.refund_before_gift');
    const res = await call(fundraiser, 'POST', `/api/fundraising/gifts/${g.id}/refund`, { version: g.version, refundedOn: '2026-10-05', reason: 'Donor asked: gave twice by mistake' });
    expect(res.statusCode).toBe(200);
    const { gift: kept, reversal } = json<{ gift: Gift; reversal: Gift }>(res);
    expect(kept).toMatchObject({ id: g.id, amountYen: 3000, receivedOn: '2026-10-01', status: 'refunded' });
    expect(reversal).toMatchObject({ amountYen: -3000, receivedOn: '2026-10-05', status: 'refunded', reversesGiftId: g.id });
    expect(problem(await call(fundraiser, 'POST', `/api/fundraising/gifts/${g.id}/refund`, { version: kept.version, refundedOn: '2026-10-06', reason: 'again' })).code).toBe('gift.not_refundable');
    expect(problem(await call(fundraiser, 'PATCH', `/api/fundraising/gifts/${g.id}`, { version: kept.version, note: 'x' })).code).toBe('gift.refunded');
  });

  it('refuse to refund a gift on a valid receipt until the receipt is voided', async () => {
    await call(admin, 'PUT', '/api/fundraising/receipt-settings', { ...sampleSettings(), version: 0 } as unknown as Record<string, unknown>);
    const addressed = json<Supporter>(await call(fundraiser, 'POST', '/api/fundraising/supporters', { familyName: '石井', givenName: '学', address: { postalCode: '1130033', line1: '1-1' } }));
    const g = json<Gift>(await call(fundraiser, 'POST', '/api/fundraising/gifts', { supporterId: addressed.id, amountYen: 5000, receivedOn: '2026-11-02', method: 'bank_transfer' }));
    const receipt = await call(fundraiser, 'POST', '/api/fundraising/receipts', { giftId: g.id });
    expect(receipt.statusCode).toBe(201);
    const refused = await call(fundraiserJa, 'POST', `/api/fundraising/gifts/${g.id}/refund`, { version: g.version, refundedOn: '2026-11-03', reason: 'x' });
    expect(refused.statusCode).toBe(409);
    expect(problem(refused)).toMatchObject({ code: 'gift.receipted' });
    expect(problem(refused).message).toContain('無効');
    const id = json<{ id: string }>(receipt).id;
    expect((await call(fundraiser, 'POST', `/api/fundraising/receipts/${id}/void`, { reason: 'gift refunded' })).statusCode).toBe(200);
    expect((await call(fundraiser, 'POST', `/api/fundraising/gifts/${g.id}/refund`, { version: g.version, refundedOn: '2026-11-03', reason: 'x' })).statusCode).toBe(200);
  });

  it('confirm a pledge as received, but never turn a received gift back into a pledge', async () => {
    const p = json<Gift>(await call(fundraiser, 'POST', '/api/fundraising/gifts', gift({ status: 'pledged', amountYen: 2000 })));
    const received = await call(fundraiser, 'PATCH', `/api/fundraising/gifts/${p.id}`, { version: p.version, status: 'received', receivedOn: '2026-11-25' });
    expect(json<Gift>(received)).toMatchObject({ status: 'received', receivedOn: '2026-11-25' });
    const back = await call(fundraiser, 'PATCH', `/api/fundraising/gifts/${p.id}`, { version: json<Gift>(received).version, status: 'failed' });
    expect(problem(back).code).toBe('gift.invalid_transition');
  });

  it('queue the gifts not yet thanked, and take them off when thanked', async () => {
    const queue = json<GiftList>(await call(fundraiser, 'GET', '/api/fundraising/gifts?unthanked=true'));
    expect(queue.gifts.every((g) => g.status === 'received' && g.amountYen > 0 && g.thankedAt === null)).toBe(true);
    const first = queue.gifts[0];
    expect(first).toBeDefined();
    const done = await call(fundraiser, 'POST', '/api/fundraising/gifts/thanked', { ids: [first?.id] });
    expect(json<{ thanked: number }>(done).thanked).toBe(1);
    const after = json<GiftList>(await call(fundraiser, 'GET', '/api/fundraising/gifts?unthanked=true'));
    expect(after.total).toBe(queue.total - 1);
  });
});

describe('campaigns', () => {
  it('show progress: raised net of refunds, donors, average gift, new donors and the running total', async () => {
    const winter = fundsBy('winter');
    const res = await call(fundraiser, 'POST', '/api/fundraising/campaigns', { code: 'winter-2026', nameJa: '冬の緊急支援アピール2026', nameEn: 'Winter appeal 2026', goalYen: 3_000_000, startsOn: '2026-11-01', fundId: winter });
    expect(res.statusCode).toBe(201);
    const c = json<Campaign>(res);
    expect(problem(await call(fundraiser, 'POST', '/api/fundraising/campaigns', { code: 'winter-2026', nameJa: 'x', nameEn: 'x', startsOn: '2026-11-01' })).code).toBe('campaign.code_taken');
    // 中村 gave last winter already.
    await call(fundraiser, 'POST', '/api/fundraising/gifts', { supporterId: donor.id, amountYen: 3000, receivedOn: '2025-12-01', method: 'cash' });
    const newcomer = json<Supporter>(await call(fundraiser, 'POST', '/api/fundraising/supporters', { familyName: '木村', givenName: '翔' }));
    const g1 = json<Gift>(await call(fundraiser, 'POST', '/api/fundraising/gifts', { supporterId: newcomer.id, amountYen: 5000, receivedOn: '2026-11-02', method: 'card', campaignId: c.id }));
    expect(g1.fundId).toBe(winter);
    await call(fundraiser, 'POST', '/api/fundraising/gifts', { supporterId: donor.id, amountYen: 20_000, receivedOn: '2026-11-02', method: 'bank_transfer', campaignId: c.id });
    const refunded = json<Gift>(await call(fundraiser, 'POST', '/api/fundraising/gifts', { supporterId: newcomer.id, amountYen: 1000, receivedOn: '2026-11-03', method: 'card', campaignId: c.id }));
    await call(fundraiser, 'POST', `/api/fundraising/gifts/${refunded.id}/refund`, { version: refunded.version, refundedOn: '2026-11-04', reason: 'card dispute' });
    await call(fundraiser, 'POST', '/api/fundraising/gifts', { supporterId: other.id, amountYen: 50_000, receivedOn: '2026-11-05', method: 'bank_transfer', campaignId: c.id, status: 'pledged' });

    const p = json<CampaignProgress>(await call(fundraiser, 'GET', `/api/fundraising/campaigns/${c.id}/progress`));
    // Received 5,000 + 20,000 (+1,000 refunded, −1,000 reversal) = 25,000; the pledge is apart.
    expect(p).toMatchObject({ raisedYen: 25_000, pledgedYen: 50_000, gifts: 2, donors: 2, averageGiftYen: 12_500 });
    // 木村 gave first through this campaign; 中村 gave before it.
    expect(p.newDonors).toBe(1);
    expect(p.series).toEqual([
      { date: '2026-11-02', raisedYen: 25_000, cumulativeYen: 25_000, gifts: 2 },
      { date: '2026-11-03', raisedYen: 1000, cumulativeYen: 26_000, gifts: 1 },
      { date: '2026-11-04', raisedYen: -1000, cumulativeYen: 25_000, gifts: 0 },
    ]);
  });
});

const fundsBy = (code: string) => funds.find((f) => f.code === code)?.id ?? '';

describe('monthly giving', () => {
  it('keeps upgrades, downgrades, pauses and cancellation with their reasons', async () => {
    const res = await call(fundraiser, 'POST', '/api/fundraising/commitments', { supporterId: donor.id, amountYen: 1000, dayOfMonth: 27, method: 'direct_debit', startsOn: '2026-01-27' });
    expect(res.statusCode).toBe(201);
    let c = json<CommitmentDetail>(res);
    c = json<CommitmentDetail>(await call(fundraiser, 'PATCH', `/api/fundraising/commitments/${c.id}`, { version: c.version, amountYen: 3000, effectiveOn: '2026-04-01' }));
    c = json<CommitmentDetail>(await call(fundraiser, 'PATCH', `/api/fundraising/commitments/${c.id}`, { version: c.version, amountYen: 2000, effectiveOn: '2026-08-01' }));
    const noReason = await call(fundraiser, 'PATCH', `/api/fundraising/commitments/${c.id}`, { version: c.version, status: 'paused' });
    expect(problem(noReason).code).toBe('commitment.reason_required');
    c = json<CommitmentDetail>(await call(fundraiser, 'PATCH', `/api/fundraising/commitments/${c.id}`, { version: c.version, status: 'cancelled', reason: 'Moved abroad', effectiveOn: '2026-11-30' }));
    expect(c).toMatchObject({ status: 'cancelled', statusReason: 'Moved abroad', amountYen: 2000, endsOn: '2026-11-30' });
    expect(c.history.map((h) => [h.kind, h.oldAmountYen, h.newAmountYen, h.newStatus])).toEqual([
      ['started', null, 1000, 'active'], ['upgraded', 1000, 3000, null], ['downgraded', 3000, 2000, null], ['status', null, null, 'cancelled'],
    ]);
    expect(problem(await call(fundraiser, 'PATCH', `/api/fundraising/commitments/${c.id}`, { version: c.version, amountYen: 5000 })).code).toBe('commitment.cancelled');
  });
});
