import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../../server/test/factories';
import type { LapsedDonor, RetentionYear } from '../contract';
import { seedHandWorked, type HandWorked } from './fundraising-reports.fixtures';
import { createFundraisingReportsService, mondayOf, registerReminder, type FundraisingReportsService } from './fundraising-reports.service';

// Every expected figure below is worked out by hand from the dataset in ./fundraising-reports.fixtures.ts
// (its table of supporters and gifts); the comments give the reasoning. "Today" is fixed at
// 2026-12-07 (in FY2026) so nothing depends on the day the tests run.

let env: TestEnv;
let fundraiser: TestStaff;
let data: HandWorked;
let reports: FundraisingReportsService;
const TODAY = '2026-12-07';

beforeAll(async () => {
  env = await createTestEnv();
  fundraiser = await env.staff('fundraiser');
  data = await seedHandWorked(env.handle.db, env.organisationId);
  reports = createFundraisingReportsService({ db: env.handle.db, audit: env.services.audit, today: () => TODAY });
});
afterAll(async () => env.close());

const numbers = (items: LapsedDonor[]) => items.map((d) => d.supporterNumber);
const page = { limit: 50, offset: 0 };

describe('LYBUNT and SYBUNT', () => {
  it('LYBUNT FY2026: gave in FY2025, not in FY2026 (S2 through the 31 March gift, S6 whose FY2026 gifts are failed and pledged)', async () => {
    const list = await reports.lapsed(fundraiser.ctx, 'lybunt', { yearKind: 'fiscal', year: 2026, ...page });
    // FY2025 donors: S1 (10,000 + 5,000), S2 (30,000 on 2026-03-31), S3 (8,000 on 2025-04-01), S6 (4,000).
    // S5's 50,000 was refunded: not giving, so S5 is no FY2025 donor. FY2026 donors: S1, S3, S7, S8, S10.
    // Left: S2 and S6, largest last-year giving first (the default sort).
    expect(list).toMatchObject({ yearFrom: '2026-04-01', yearTo: '2027-03-31', lastYearFrom: '2025-04-01', lastYearTo: '2026-03-31', sort: 'lastYearYen', order: 'desc' });
    expect(list.total).toBe(2);
    expect(list.totalYen).toBe(34_000); // 30,000 + 4,000
    expect(list.items).toEqual([
      // S2: 20,000 (2024-05-01) + 30,000 (2026-03-31) = 50,000 in all.
      { supporterId: data.s[2], supporterNumber: 'S-000002', kind: 'individual', name: '伊藤 花子', kana: 'イトウ ハナコ', lastGiftOn: '2026-03-31', lastGiftYen: 30_000, lastYearYen: 30_000, lifetimeYen: 50_000, giftCount: 2 },
      // S6: only the 4,000 counts; the failed 3,000 and the pledged 40,000 are not giving.
      { supporterId: data.s[6], supporterNumber: 'S-000006', kind: 'individual', name: '加藤 美紀', kana: 'カトウ ミキ', lastGiftOn: '2025-11-01', lastGiftYen: 4_000, lastYearYen: 4_000, lifetimeYen: 4_000, giftCount: 1 },
    ]);
  });

  it('LYBUNT by calendar year 2026: the 31 March gift is in 2026, so S2 is not lapsed; only S6', async () => {
    // CY2025 donors: S1 (June, September), S3 (2025-04-01), S6 (November). CY2026 donors: S2 (2026-03-31), S1, S3, S7, S8, S10.
    const list = await reports.lapsed(fundraiser.ctx, 'lybunt', { yearKind: 'calendar', year: 2026, ...page });
    expect(list).toMatchObject({ lastYearFrom: '2025-01-01', lastYearTo: '2025-12-31', total: 1 });
    expect(numbers(list.items)).toEqual(['S-000006']);
  });

  it('SYBUNT FY2026: gave before FY2025, neither in FY2025 nor FY2026 (disjoint from LYBUNT)', async () => {
    const list = await reports.lapsed(fundraiser.ctx, 'sybunt', { yearKind: 'fiscal', year: 2026, ...page });
    // Last gift before 2025-04-01: S4 (100,000 in 2023-10), S5 (5,000 in 2024-12; the refunded FY2025 gift does not count).
    // S7 also gave in FY2023 but gave again in FY2026 (recaptured), S2 is on LYBUNT. Default sort: lifetime, largest first.
    expect(list.sort).toBe('lifetimeYen');
    expect(list.total).toBe(2);
    expect(list.totalYen).toBe(105_000);
    expect(list.items).toEqual([
      { supporterId: data.s[4], supporterNumber: 'S-000004', kind: 'organisation', name: '株式会社遠藤商事', kana: 'エンドウショウジ', lastGiftOn: '2023-10-01', lastGiftYen: 100_000, lastYearYen: 0, lifetimeYen: 100_000, giftCount: 1 },
      { supporterId: data.s[5], supporterNumber: 'S-000005', kind: 'individual', name: '小野 三郎', kana: 'オノ サブロウ', lastGiftOn: '2024-12-01', lastGiftYen: 5_000, lastYearYen: 0, lifetimeYen: 5_000, giftCount: 1 },
    ]);
  });

  it('FY2025 looks only up to 2026-03-31: LYBUNT is S5 (gave FY2024, refund in FY2025), SYBUNT S4 and S7 (their FY2026 gifts are after the year)', async () => {
    const lybunt = await reports.lapsed(fundraiser.ctx, 'lybunt', { yearKind: 'fiscal', year: 2025, ...page });
    expect(lybunt.items.map((d) => [d.supporterNumber, d.lastYearYen, d.lifetimeYen])).toEqual([['S-000005', 5_000, 5_000]]);
    const sybunt = await reports.lapsed(fundraiser.ctx, 'sybunt', { yearKind: 'fiscal', year: 2025, ...page });
    // S4 100,000 (2023-10-01), S7 3,000 (2023-05-05): as of FY2025's end S7 had given 3,000 in all.
    expect(sybunt.items.map((d) => [d.supporterNumber, d.lastGiftOn, d.lifetimeYen])).toEqual([['S-000004', '2023-10-01', 100_000], ['S-000007', '2023-05-05', 3_000]]);
  });

  it('sorts by amount either way or by kana, and pages with the total of the whole list', async () => {
    const asc = await reports.lapsed(fundraiser.ctx, 'lybunt', { yearKind: 'fiscal', year: 2026, sort: 'lifetimeYen', order: 'asc', ...page });
    expect(numbers(asc.items)).toEqual(['S-000006', 'S-000002']); // 4,000 then 50,000
    const second = await reports.lapsed(fundraiser.ctx, 'lybunt', { yearKind: 'fiscal', year: 2026, sort: 'lifetimeYen', order: 'asc', limit: 1, offset: 1 });
    expect(second).toMatchObject({ total: 2, totalYen: 34_000, limit: 1, offset: 1 });
    expect(numbers(second.items)).toEqual(['S-000002']);
    const recent = await reports.lapsed(fundraiser.ctx, 'lybunt', { yearKind: 'fiscal', year: 2026, sort: 'lastGiftOn', ...page });
    expect(numbers(recent.items)).toEqual(['S-000002', 'S-000006']); // 2026-03-31, then 2025-11-01
    const past = await reports.lapsed(fundraiser.ctx, 'lybunt', { yearKind: 'fiscal', year: 2026, limit: 10, offset: 5 });
    expect(past).toMatchObject({ total: 2, items: [] });
    // エンドウ (エ) comes before オノ (オ) in the gojūon order.
    const kana = await reports.lapsed(fundraiser.ctx, 'sybunt', { yearKind: 'fiscal', year: 2026, sort: 'kana', ...page });
    expect(kana.order).toBe('asc');
    expect(numbers(kana.items)).toEqual(['S-000004', 'S-000005']);
    const kanaDesc = await reports.lapsed(fundraiser.ctx, 'sybunt', { yearKind: 'fiscal', year: 2026, sort: 'kana', order: 'desc', ...page });
    expect(numbers(kanaDesc.items)).toEqual(['S-000005', 'S-000004']);
  });

  it('never lists the merged duplicate S9 (its gifts were moved to S1), nor S1 who gave every year', async () => {
    const all = await Promise.all([2024, 2025, 2026].flatMap((year) => (['lybunt', 'sybunt'] as const).map((kind) => reports.lapsed(fundraiser.ctx, kind, { yearKind: 'fiscal', year, ...page }))));
    const listed = new Set(all.flatMap((l) => numbers(l.items)));
    expect(listed.has('S-000009')).toBe(false);
    expect(listed.has('S-000001')).toBe(false);
  });
});

describe('retention', () => {
  const fy = (years: RetentionYear[], year: number) => years.find((y) => y.year === year);

  it('FY2024–FY2026: donor and value retention with new, retained, recaptured and lapsed donors', async () => {
    const r = await reports.retention(fundraiser.ctx, { yearKind: 'fiscal', from: 2024, to: 2026 });
    expect(r.years.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    // Donors per year (giving only): FY2023 S1 10k, S4 100k, S7 3k (113,000); FY2024 S1 10k, S2 20k, S5 5k (35,000);
    // FY2025 S1 15k, S2 30k, S3 8k, S6 4k (57,000); FY2026 S1 10k, S3 11k, S7 12k, S8 30k, S10 19k (82,000).
    // FY2024 against FY2023: retained S1; new S2, S5; lapsed S4, S7. Retention 1/3; value 10,000 / 113,000.
    expect(fy(r.years, 2024)).toEqual({
      year: 2024, from: '2024-04-01', to: '2025-03-31', donors: 3, givingYen: 35_000, lastYearDonors: 3, lastYearYen: 113_000,
      new: 2, retained: 1, recaptured: 0, lapsed: 2, retainedYen: 10_000, retainedLastYearYen: 10_000, donorRetention: 1 / 3, valueRetention: 10_000 / 113_000,
    });
    // FY2025: retained S1, S2 (15k + 30k this year; 10k + 20k last year); new S3, S6; lapsed S5 (refund). Retention 2/3; value 45,000 / 35,000.
    expect(fy(r.years, 2025)).toEqual({
      year: 2025, from: '2025-04-01', to: '2026-03-31', donors: 4, givingYen: 57_000, lastYearDonors: 3, lastYearYen: 35_000,
      new: 2, retained: 2, recaptured: 0, lapsed: 1, retainedYen: 45_000, retainedLastYearYen: 30_000, donorRetention: 2 / 3, valueRetention: 45_000 / 35_000,
    });
    // FY2026: retained S1, S3 (10k + 11k; had given 15k + 8k); new S8, S10; recaptured S7 (FY2023, not FY2025); lapsed S2, S6.
    // Retention 2/4; value 21,000 / 57,000.
    expect(fy(r.years, 2026)).toEqual({
      year: 2026, from: '2026-04-01', to: '2027-03-31', donors: 5, givingYen: 82_000, lastYearDonors: 4, lastYearYen: 57_000,
      new: 2, retained: 2, recaptured: 1, lapsed: 2, retainedYen: 21_000, retainedLastYearYen: 23_000, donorRetention: 0.5, valueRetention: 21_000 / 57_000,
    });
    for (const y of r.years) {
      expect(y.donors).toBe(y.new + y.retained + y.recaptured);
      expect(y.lastYearDonors).toBe(y.retained + y.lapsed);
    }
  });

  it('counts first gifts before the years shown: FY2026 alone still has S7 recaptured and S1 retained, not new', async () => {
    // Only FY2025 and FY2026 are read; S7's first gift (FY2023) and S1's are before them.
    const r = await reports.retention(fundraiser.ctx, { yearKind: 'fiscal', from: 2026, to: 2026 });
    expect(r.years).toHaveLength(1);
    expect(r.years[0]).toMatchObject({ year: 2026, donors: 5, new: 2, retained: 2, recaptured: 1, lapsed: 2, retainedYen: 21_000, lastYearYen: 57_000 });
  });

  it('defaults to the five years ending with this one; a year without donors before has no rate', async () => {
    const r = await reports.retention(fundraiser.ctx, { yearKind: 'fiscal' });
    expect([r.from, r.to]).toEqual([2022, 2026]);
    expect(fy(r.years, 2022)).toMatchObject({ donors: 0, lastYearDonors: 0, donorRetention: null, valueRetention: null });
    // FY2023 is everyone's first year: 3 new donors, nobody the year before.
    expect(fy(r.years, 2023)).toMatchObject({ donors: 3, givingYen: 113_000, new: 3, retained: 0, lastYearDonors: 0, donorRetention: null });
  });
});

describe('recurring health', () => {
  it('counts active commitments and MRR: C1 3,000 monthly + C3 10,000 yearly / 12 = 3,833.33 → ¥3,833', async () => {
    const r = await reports.recurring(fundraiser.ctx, { from: '2026-04', to: '2026-11' });
    // C2 cancelled, C4 paused, C5 failing: not in MRR.
    expect(r).toMatchObject({ asOf: TODAY, from: '2026-04', to: '2026-11', activeCommitments: 2, mrrYen: 3_833, byStatus: { active: 2, paused: 1, failing: 1, cancelled: 1 } });
  });

  it('compares dues with payments month by month, with churn', async () => {
    const r = await reports.recurring(fundraiser.ctx, { from: '2026-04', to: '2026-11' });
    expect(r.months).toEqual([
      // C1 starts 04-01 at 2,000 (due the 25th): paid.
      { month: '2026-04', liveAtStart: 1, cancelled: 0, churnRate: 0, expected: 1, expectedYen: 2_000, paid: 1, missed: 0, receivedGifts: 1, receivedYen: 2_000 },
      // + C2 from 05-01 (day 31): both paid.
      { month: '2026-05', liveAtStart: 2, cancelled: 0, churnRate: 0, expected: 2, expectedYen: 4_000, paid: 2, missed: 0, receivedGifts: 2, receivedYen: 4_000 },
      // + C3 yearly 10,000 due 06-10 (paid); C2 due 06-30 (the 31st in a 30-day month, paid); C1's 2,000 on 06-25 missed.
      { month: '2026-06', liveAtStart: 3, cancelled: 0, churnRate: 0, expected: 3, expectedYen: 14_000, paid: 2, missed: 1, receivedGifts: 2, receivedYen: 12_000 },
      // C1 upgraded to 3,000 from 07-01; C2 2,000.
      { month: '2026-07', liveAtStart: 3, cancelled: 0, churnRate: 0, expected: 2, expectedYen: 5_000, paid: 2, missed: 0, receivedGifts: 2, receivedYen: 5_000 },
      // C2 cancelled 08-15 (ends then): its 08-31 is not due. 1 cancelled of 3 live on 1 August.
      { month: '2026-08', liveAtStart: 3, cancelled: 1, churnRate: 1 / 3, expected: 1, expectedYen: 3_000, paid: 1, missed: 0, receivedGifts: 1, receivedYen: 3_000 },
      // C1, C3, and C4 from 09-01 (1,500 on the 1st, paid).
      { month: '2026-09', liveAtStart: 3, cancelled: 0, churnRate: 0, expected: 2, expectedYen: 4_500, paid: 2, missed: 0, receivedGifts: 2, receivedYen: 4_500 },
      // + C5 from 10-01 (5,000 on the 10th); C4 paused only from 10-15, so 10-01 was due (and paid).
      { month: '2026-10', liveAtStart: 4, cancelled: 0, churnRate: 0, expected: 3, expectedYen: 9_500, paid: 3, missed: 0, receivedGifts: 3, receivedYen: 9_500 },
      // C4 paused: not live, not due. C5 was still active on 11-10 (failing from 11-11): due, missed. C1 paid.
      { month: '2026-11', liveAtStart: 3, cancelled: 0, churnRate: 0, expected: 2, expectedYen: 8_000, paid: 1, missed: 1, receivedGifts: 1, receivedYen: 3_000 },
    ]);
  });

  it('lists the missed payments of active and failing commitments, oldest first', async () => {
    const r = await reports.recurring(fundraiser.ctx, { from: '2026-04', to: '2026-11' });
    expect(r.missedPayments).toEqual([
      { commitmentId: data.commitments.c1, supporterId: data.s[10], supporterNumber: 'S-000010', name: '田中 愛', kana: 'タナカ アイ', frequency: 'monthly', method: 'card', status: 'active', dueOn: '2026-06-25', amountYen: 2_000 },
      { commitmentId: data.commitments.c5, supporterId: data.s[8], supporterNumber: 'S-000008', name: '佐藤 結衣', kana: 'サトウ ユイ', frequency: 'monthly', method: 'card', status: 'failing', dueOn: '2026-11-10', amountYen: 5_000 },
    ]);
  });

  it('defaults to the 12 months ending this month; a due not yet reached is expected but not missed', async () => {
    const r = await reports.recurring(fundraiser.ctx, {});
    expect([r.from, r.to, r.months.length]).toEqual(['2026-01', '2026-12', 12]);
    // December: C1 due 12-25 (after today, 12-07), C3 not due (June), C5 failing due 12-10 (after today). Nothing received yet.
    expect(r.months.at(-1)).toMatchObject({ month: '2026-12', liveAtStart: 3, expected: 2, expectedYen: 8_000, paid: 0, missed: 0, receivedGifts: 0 });
    expect(r.missedPayments.map((m) => m.dueOn)).toEqual(['2026-06-25', '2026-11-10']);
  });
});

describe('breakdowns of a year', () => {
  it('FY2026 totals: 18 gifts of giving, ¥83,000; the books net of the −50,000 reversal dated 2026-04-10: ¥33,000', async () => {
    const b = await reports.breakdowns(fundraiser.ctx, { yearKind: 'fiscal', year: 2026, top: 3 });
    // Giving: S1 10,000; S3 8,000 + 2 × 1,500; S7 6,000 + 3 × 2,000; S8 25,000 + 5,000; S10 2 × 2,000 + 5 × 3,000; the box 1,000.
    // 1 + 3 + 4 + 2 + 7 + 1 = 18 gifts, 83,000 yen, 5 donors (the box is nobody's). Average 83,000 / 18 = 4,611.1 → 4,611.
    expect(b.totals).toEqual({ gifts: 18, donors: 5, givingYen: 83_000, netYen: 33_000, averageGiftYen: 4_611 });
  });

  it('by campaign, fund, method and prefecture (current address), largest first', async () => {
    const b = await reports.breakdowns(fundraiser.ctx, { yearKind: 'fiscal', year: 2026, top: 3 });
    const row = (key: string | null, code: string | null, labelJa: string | null, labelEn: string | null, gifts: number, donors: number, givingYen: number, netYen: number) =>
      ({ key, code, labelJa, labelEn, gifts, donors, givingYen, netYen });
    expect(b.byCampaign).toEqual([
      // Everything else: 15 gifts, 51,000; donors S1, S3, S7, S8, S10; books 51,000 − 50,000 (S5's reversal) = 1,000.
      row(null, null, null, null, 15, 5, 51_000, 1_000),
      // Summer: the box 1,000 + S7 6,000 + S8 25,000; 2 donors.
      row(data.summer, 'summer-2026', '夏の緊急募金', 'Summer emergency appeal', 3, 2, 32_000, 32_000),
    ]);
    expect(b.byFund).toEqual([
      // General: S3 8,000 + 3,000, S10 19,000, S7 6,000, S8 5,000, the box 1,000 = 42,000 in 15 gifts; books − 50,000.
      row(data.funds.general, 'rep_general', '一般寄付', 'General fund', 15, 4, 42_000, -8_000),
      // Shelter: S1 10,000 (yearly C3), S7 6,000, S8 25,000.
      row(data.funds.shelter, 'rep_shelter', 'シェルター基金', 'Shelter fund', 3, 3, 41_000, 41_000),
    ]);
    expect(b.byMethod).toEqual([
      row('card', 'card', null, null, 12, 3, 55_000, 55_000), // S10 19,000, S7 6,000, S8 25,000 + 5,000
      row('bank_transfer', 'bank_transfer', null, null, 2, 2, 18_000, -32_000), // S3 8,000, S1 10,000; S5's reversal
      row('cash', 'cash', null, null, 2, 1, 7_000, 7_000), // the box 1,000, S7 6,000
      row('direct_debit', 'direct_debit', null, null, 2, 1, 3_000, 3_000), // S3's C4
    ]);
    expect(b.byPrefecture).toEqual([
      row('東京都', '東京都', null, null, 3, 2, 40_000, 40_000), // S1 10,000, S8 30,000
      row(null, null, null, null, 8, 1, 20_000, 20_000), // S10 (no address) 19,000, the box 1,000
      row('大阪府', '大阪府', null, null, 4, 1, 12_000, 12_000), // S7
      // S3 moved from Tokyo to Kanagawa in 2025-12: counted where they live now.
      row('神奈川県', '神奈川県', null, null, 3, 1, 11_000, 11_000),
      row('福岡県', '福岡県', null, null, 0, 0, 0, -50_000), // S5: only the reversal
    ]);
  });

  it('lists the largest gifts', async () => {
    const b = await reports.breakdowns(fundraiser.ctx, { yearKind: 'fiscal', year: 2026, top: 3 });
    expect(b.topGifts.map((g) => [g.receivedOn, g.amountYen, g.supporterNumber, g.name, g.method, g.campaignCode, g.fundCode])).toEqual([
      ['2026-08-08', 25_000, 'S-000008', '佐藤 結衣', 'card', 'summer-2026', 'rep_shelter'],
      ['2026-06-10', 10_000, 'S-000001', '青木 太郎', 'bank_transfer', null, 'rep_shelter'],
      ['2026-04-01', 8_000, 'S-000003', '上田 次郎', 'bank_transfer', null, 'rep_general'],
    ]);
  });

  it('FY2025: the refunded 50,000 is out of giving (57,000) but in the books until its reversal (107,000)', async () => {
    const b = await reports.breakdowns(fundraiser.ctx, { yearKind: 'fiscal', year: 2025, top: 10 });
    // Giving: S1 10,000 + 5,000, S2 30,000, S3 8,000, S6 4,000 = 57,000 in 5 gifts; the pledged gift is in FY2026 and never counts.
    expect(b.totals).toEqual({ gifts: 5, donors: 4, givingYen: 57_000, netYen: 107_000, averageGiftYen: 11_400 });
  });
});

describe('an empty year', () => {
  it('has zeros, no average and no rows in every report', async () => {
    const b = await reports.breakdowns(fundraiser.ctx, { yearKind: 'fiscal', year: 2020, top: 3 });
    expect(b).toMatchObject({ totals: { gifts: 0, donors: 0, givingYen: 0, netYen: 0, averageGiftYen: null }, byCampaign: [], byFund: [], byMethod: [], byPrefecture: [], topGifts: [] });
    expect(await reports.lapsed(fundraiser.ctx, 'lybunt', { yearKind: 'fiscal', year: 2020, ...page })).toMatchObject({ total: 0, totalYen: 0, items: [] });
    expect(await reports.register(fundraiser.ctx, { yearKind: 'fiscal', year: 2020, limit: 10, offset: 0 })).toMatchObject({ total: 0, totalYen: 0, items: [] });
  });
});

describe('campaign progress', () => {
  it('per day from the campaign start to its end: raised, running totals, donors and new donors', async () => {
    const c = await reports.campaignProgress(fundraiser.ctx, data.summer, { interval: 'day' });
    expect(c).toMatchObject({ from: '2026-07-01', to: '2026-08-31', campaign: { code: 'summer-2026', goalYen: 100_000 } });
    expect(c.points).toHaveLength(62); // 31 days of July + 31 of August
    // 07-01 the box (no donor); 07-07 S7 (gave in 2023: not new); 08-08 S8 (first gift ever: new).
    expect(c.points[0]).toEqual({ start: '2026-07-01', gifts: 1, raisedYen: 1_000, cumulativeYen: 1_000, donors: 0, cumulativeDonors: 0, averageGiftYen: 1_000, newDonors: 0 });
    expect(c.points[6]).toEqual({ start: '2026-07-07', gifts: 1, raisedYen: 6_000, cumulativeYen: 7_000, donors: 1, cumulativeDonors: 1, averageGiftYen: 6_000, newDonors: 0 });
    expect(c.points[38]).toEqual({ start: '2026-08-08', gifts: 1, raisedYen: 25_000, cumulativeYen: 32_000, donors: 1, cumulativeDonors: 2, averageGiftYen: 25_000, newDonors: 1 });
    expect(c.points[61]).toEqual({ start: '2026-08-31', gifts: 0, raisedYen: 0, cumulativeYen: 32_000, donors: 0, cumulativeDonors: 2, averageGiftYen: null, newDonors: 0 });
    // 32,000 / 3 = 10,666.7 → 10,667; 32,000 of the 100,000 goal.
    expect(c.totals).toEqual({ gifts: 3, raisedYen: 32_000, donors: 2, newDonors: 1, averageGiftYen: 10_667, goalShare: 0.32 });
  });

  it('per week (from Monday 29 June, the week of Wednesday 1 July)', async () => {
    const c = await reports.campaignProgress(fundraiser.ctx, data.summer, { interval: 'week' });
    expect(c.points.map((p) => p.start)).toEqual(['2026-06-29', '2026-07-06', '2026-07-13', '2026-07-20', '2026-07-27', '2026-08-03', '2026-08-10', '2026-08-17', '2026-08-24', '2026-08-31']);
    expect(c.points.map((p) => p.raisedYen)).toEqual([1_000, 6_000, 0, 0, 0, 25_000, 0, 0, 0, 0]);
    expect(c.points.map((p) => p.cumulativeYen)).toEqual([1_000, 7_000, 7_000, 7_000, 7_000, 32_000, 32_000, 32_000, 32_000, 32_000]);
  });

  it('is 404 for a campaign that is not the organisation\'s', async () => {
    await expect(reports.campaignProgress(fundraiser.ctx, '00000000-0000-4000-8000-000000000000', { interval: 'day' })).rejects.toMatchObject({ status: 404, code: 'fundraising_reports.campaign_not_found' });
  });
});

describe('the donor register 寄附者名簿', () => {
  it('FY2025 (the default: the last finished year): one row per gift with the current address, oldest first', async () => {
    const r = await reports.register(fundraiser.ctx, { yearKind: 'fiscal', limit: 100, offset: 0 });
    expect(r).toMatchObject({ year: 2025, from: '2025-04-01', to: '2026-03-31', deadline: '2026-06-30', total: 5, totalYen: 57_000, withoutSupporter: { gifts: 0, yen: 0 }, prepared: null });
    // S5's refunded gift is not in it; S3 is at the Kanagawa address (the Tokyo one was replaced).
    expect(r.items.map((g) => [g.receivedOn, g.supporterNumber, g.name, g.postalCode, g.prefecture, g.city, g.line1, g.line2, g.amountYen])).toEqual([
      ['2025-04-01', 'S-000003', '上田 次郎', '220-0012', '神奈川県', '横浜市西区', 'みなとみらい4-4-4', '', 8_000],
      ['2025-06-10', 'S-000001', '青木 太郎', '104-0061', '東京都', '中央区', '銀座1-1-1', '', 10_000],
      ['2025-09-01', 'S-000001', '青木 太郎', '104-0061', '東京都', '中央区', '銀座1-1-1', '', 5_000],
      ['2025-11-01', 'S-000006', '加藤 美紀', '060-0001', '北海道', '札幌市中央区', '北一条7-7-7', '', 4_000],
      ['2026-03-31', 'S-000002', '伊藤 花子', '260-0013', '千葉県', '千葉市中央区', '中央2-2-2', '=1+2 メゾン', 30_000],
    ]);
  });

  it('FY2026 leaves out the collection-box gift, and says so', async () => {
    const r = await reports.register(fundraiser.ctx, { yearKind: 'fiscal', year: 2026, limit: 5, offset: 0 });
    // 18 gifts of giving − the box = 17, 83,000 − 1,000 = 82,000.
    expect(r).toMatchObject({ total: 17, totalYen: 82_000, withoutSupporter: { gifts: 1, yen: 1_000 } });
    expect(r.items).toHaveLength(5);
  });

  it('reminds from the year-end until 3 months after, until the register is prepared', async () => {
    const may = createFundraisingReportsService({ db: env.handle.db, audit: env.services.audit, today: () => '2026-05-10' });
    // FY2025 ended 2026-03-31; due by 2026-06-30, 51 days after 10 May (21 + 30).
    expect(await may.registerStatus(fundraiser.ctx, 'fiscal')).toEqual({
      yearKind: 'fiscal', year: 2025, yearEnd: '2026-03-31', deadline: '2026-06-30', today: '2026-05-10', prepared: null, isDue: true, isOverdue: false, daysLeft: 51,
    });
    // The calendar year 2025 was due by 2026-03-31: 40 days past (30 in April + 10).
    expect(await may.registerStatus(fundraiser.ctx, 'calendar')).toMatchObject({ year: 2025, yearEnd: '2025-12-31', deadline: '2026-03-31', isDue: false, isOverdue: true, daysLeft: -40 });

    const prepared = await may.markRegisterPrepared(fundraiser.ctx, { yearKind: 'fiscal', year: 2025 });
    expect(prepared).toMatchObject({ giftCount: 5, totalYen: 57_000, preparedByName: 'fundraiser en' });
    const after = await may.registerStatus(fundraiser.ctx, 'fiscal');
    expect(after).toMatchObject({ isDue: false, isOverdue: false, prepared: { giftCount: 5, totalYen: 57_000 } });
    expect((await may.register(fundraiser.ctx, { yearKind: 'fiscal', year: 2025, limit: 1, offset: 0 })).prepared).toMatchObject({ giftCount: 5 });
  });
});

describe('pure rules', () => {
  it('registerReminder: due from the day after the year-end to the last day of the third month', () => {
    expect(registerReminder('fiscal', '2026-04-01', null)).toMatchObject({ year: 2025, isDue: true, daysLeft: 90 }); // 30 + 31 + 29
    expect(registerReminder('fiscal', '2026-06-30', null)).toMatchObject({ year: 2025, isDue: true, isOverdue: false, daysLeft: 0 });
    expect(registerReminder('fiscal', '2026-07-01', null)).toMatchObject({ year: 2025, isDue: false, isOverdue: true, daysLeft: -1 });
    // 31 March is still in FY2025: the last finished year is FY2024, long past its deadline.
    expect(registerReminder('fiscal', '2026-03-31', null)).toMatchObject({ year: 2024, deadline: '2025-06-30', isDue: false, isOverdue: true });
    expect(registerReminder('calendar', '2027-01-05', null)).toMatchObject({ year: 2026, yearEnd: '2026-12-31', deadline: '2027-03-31', isDue: true });
    const prepared = { preparedAt: '2026-05-01T00:00:00.000Z', preparedByName: 'x', giftCount: 1, totalYen: 1 };
    expect(registerReminder('fiscal', '2026-05-10', prepared)).toMatchObject({ isDue: false, isOverdue: false });
  });

  it('mondayOf: weeks start on Monday', () => {
    expect(mondayOf('2026-07-01')).toBe('2026-06-29'); // a Wednesday
    expect(mondayOf('2026-06-29')).toBe('2026-06-29');
    expect(mondayOf('2026-07-05')).toBe('2026-06-29'); // a Sunday
  });
});
