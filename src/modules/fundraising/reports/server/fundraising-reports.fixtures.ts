import type { Db } from '../../../../server/db/database';
import type { GiftMethod, GiftStatus } from '../../server/fundraising.tables';

/**
 * Rows written straight into the fundraising tables for the reports' tests (the reports read
 * tables, so the tests set them up exactly, without the supporters and gifts services' rules).
 */
export function fixtures(db: Db, organisationId: string) {
  const org = organisationId;
  return {
    async fund(code: string, labelJa: string, labelEn: string): Promise<string> {
      const r = await db.insertInto('fund').values({ organisation_id: org, code, label_ja: labelJa, label_en: labelEn }).returning('id').executeTakeFirstOrThrow();
      return r.id;
    },

    async campaign(c: { code: string; nameJa: string; nameEn: string; startsOn: string; endsOn?: string | null; goalYen?: number | null; fundId?: string | null }): Promise<string> {
      const r = await db.insertInto('campaign').values({
        organisation_id: org, code: c.code, name_ja: c.nameJa, name_en: c.nameEn, channel: 'online', starts_on: c.startsOn, ends_on: c.endsOn ?? null,
        goal_yen: c.goalYen ?? null, fund_id: c.fundId ?? null,
      }).returning('id').executeTakeFirstOrThrow();
      return r.id;
    },

    async supporter(s: {
      number: string; kind?: 'individual' | 'organisation'; familyName?: string; givenName?: string; familyNameKana?: string; givenNameKana?: string;
      organisationName?: string; organisationNameKana?: string; mergedIntoId?: string | null;
    }): Promise<string> {
      const kind = s.kind ?? 'individual';
      const r = await db.insertInto('supporter').values({
        organisation_id: org, supporter_number: s.number, kind, honorific: kind === 'organisation' && !s.familyName ? 'onchu' : 'sama',
        family_name: s.familyName ?? '', given_name: s.givenName ?? '', family_name_kana: s.familyNameKana ?? '', given_name_kana: s.givenNameKana ?? '',
        organisation_name: s.organisationName ?? '', organisation_name_kana: s.organisationNameKana ?? '', merged_into_id: s.mergedIntoId ?? null,
      }).returning('id').executeTakeFirstOrThrow();
      return r.id;
    },

    async address(supporterId: string, a: { postalCode?: string; prefecture: string; city?: string; line1?: string; line2?: string; validFrom: string; replacedAt?: string }) {
      await db.insertInto('supporter_address').values({
        organisation_id: org, supporter_id: supporterId, postal_code: a.postalCode ?? null, prefecture: a.prefecture, city: a.city ?? '',
        line1: a.line1 ?? '', line2: a.line2 ?? '', valid_from: a.validFrom, replaced_at: a.replacedAt ?? null,
      }).execute();
    },

    async gift(g: {
      supporterId: string | null; amountYen: number; receivedOn: string; method: GiftMethod; fundId: string; campaignId?: string | null;
      status?: GiftStatus; reversesGiftId?: string | null; commitmentId?: string | null;
    }): Promise<string> {
      const r = await db.insertInto('gift').values({
        organisation_id: org, supporter_id: g.supporterId, amount_yen: g.amountYen, received_on: g.receivedOn, method: g.method, fund_id: g.fundId,
        campaign_id: g.campaignId ?? null, status: g.status ?? 'received', reverses_gift_id: g.reversesGiftId ?? null,
        recurring_commitment_id: g.commitmentId ?? null,
      }).returning('id').executeTakeFirstOrThrow();
      return r.id;
    },

    async commitment(c: {
      supporterId: string; frequency: 'monthly' | 'yearly'; amountYen: number; dayOfMonth: number; monthOfYear?: number | null; method: GiftMethod;
      fundId: string; startsOn: string; endsOn?: string | null; status?: 'active' | 'paused' | 'failing' | 'cancelled';
    }): Promise<string> {
      const r = await db.insertInto('recurring_commitment').values({
        organisation_id: org, supporter_id: c.supporterId, frequency: c.frequency, amount_yen: c.amountYen, day_of_month: c.dayOfMonth,
        month_of_year: c.monthOfYear ?? null, method: c.method, fund_id: c.fundId, starts_on: c.startsOn, ends_on: c.endsOn ?? null, status: c.status ?? 'active',
      }).returning('id').executeTakeFirstOrThrow();
      return r.id;
    },

    async change(ch: {
      commitmentId: string; kind: 'started' | 'upgraded' | 'downgraded' | 'status' | 'edited'; effectiveOn: string;
      oldStatus?: string | null; newStatus?: string | null; oldAmountYen?: number | null; newAmountYen?: number | null;
    }) {
      await db.insertInto('recurring_change').values({
        organisation_id: org, commitment_id: ch.commitmentId, kind: ch.kind, effective_on: ch.effectiveOn, old_status: ch.oldStatus ?? null,
        new_status: ch.newStatus ?? null, old_amount_yen: ch.oldAmountYen ?? null, new_amount_yen: ch.newAmountYen ?? null,
      }).execute();
    },
  };
}

export interface HandWorked {
  funds: { general: string; shelter: string };
  summer: string;
  /** Supporters S1…S10 by number (S9 is merged into S1). */
  s: Record<1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10, string>;
  commitments: { c1: string; c2: string; c3: string; c4: string; c5: string };
}

/**
 * The dataset the reports' tests work out by hand (the expected figures are in the tests, with
 * the reasoning). Fiscal years: FY2023 = 2023-04-01 … 2024-03-31, and so on.
 *
 *   S1  青木 太郎   FY23 10,000 · FY24 10,000 · FY25 10,000 + 5,000 (moved from S9 by a merge) · FY26 10,000 (yearly C3)
 *   S2  伊藤 花子   FY24 20,000 · FY25 30,000 on 2026-03-31 (last day of FY2025; calendar 2026)
 *   S3  上田 次郎   FY25 8,000 on 2025-04-01 · FY26 8,000 on 2026-04-01 + 1,500 + 1,500 (monthly C4, paused)
 *   S4  遠藤商事     FY23 100,000 (organisation)
 *   S5  小野 三郎   FY24 5,000 · FY25 50,000 refunded (its −50,000 reversal dated 2026-04-10, FY26)
 *   S6  加藤 美紀   FY25 4,000 · FY26 3,000 failed and 40,000 pledged (neither is giving)
 *   S7  木村 健     FY23 3,000 · FY26 6,000 (summer campaign) + 3 × 2,000 (monthly C2, cancelled 2026-08-15)
 *   S8  佐藤 結衣   FY26 25,000 (summer campaign) + 5,000 (monthly C5, failing since 2026-11-11)
 *   S9  青木 太郎   merged into S1: no gifts
 *   S10 田中 愛     FY26 monthly C1: 2,000 in April and May, June missed, 3,000 July–November (upgraded 2026-07-01)
 *   —   (no supporter) 1,000 cash on 2026-07-01 in the summer campaign's collection box
 */
export async function seedHandWorked(db: Db, organisationId: string): Promise<HandWorked> {
  const f = fixtures(db, organisationId);
  const general = await f.fund('rep_general', '一般寄付', 'General fund');
  const shelter = await f.fund('rep_shelter', 'シェルター基金', 'Shelter fund');
  const summer = await f.campaign({ code: 'summer-2026', nameJa: '夏の緊急募金', nameEn: 'Summer emergency appeal', startsOn: '2026-07-01', endsOn: '2026-08-31', goalYen: 100_000 });

  const s1 = await f.supporter({ number: 'S-000001', familyName: '青木', givenName: '太郎', familyNameKana: 'アオキ', givenNameKana: 'タロウ' });
  const s2 = await f.supporter({ number: 'S-000002', familyName: '伊藤', givenName: '花子', familyNameKana: 'イトウ', givenNameKana: 'ハナコ' });
  const s3 = await f.supporter({ number: 'S-000003', familyName: '上田', givenName: '次郎', familyNameKana: 'ウエダ', givenNameKana: 'ジロウ' });
  const s4 = await f.supporter({ number: 'S-000004', kind: 'organisation', organisationName: '株式会社遠藤商事', organisationNameKana: 'エンドウショウジ' });
  const s5 = await f.supporter({ number: 'S-000005', familyName: '小野', givenName: '三郎', familyNameKana: 'オノ', givenNameKana: 'サブロウ' });
  const s6 = await f.supporter({ number: 'S-000006', familyName: '加藤', givenName: '美紀', familyNameKana: 'カトウ', givenNameKana: 'ミキ' });
  const s7 = await f.supporter({ number: 'S-000007', familyName: '木村', givenName: '健', familyNameKana: 'キムラ', givenNameKana: 'ケン' });
  const s8 = await f.supporter({ number: 'S-000008', familyName: '佐藤', givenName: '結衣', familyNameKana: 'サトウ', givenNameKana: 'ユイ' });
  const s9 = await f.supporter({ number: 'S-000009', familyName: '青木', givenName: '太郎', familyNameKana: 'アオキ', givenNameKana: 'タロウ', mergedIntoId: s1 });
  const s10 = await f.supporter({ number: 'S-000010', familyName: '田中', givenName: '愛', familyNameKana: 'タナカ', givenNameKana: 'アイ' });

  await f.address(s1, { postalCode: '1040061', prefecture: '東京都', city: '中央区', line1: '銀座1-1-1', validFrom: '2020-01-01' });
  await f.address(s2, { postalCode: '2600013', prefecture: '千葉県', city: '千葉市中央区', line1: '中央2-2-2', line2: '=1+2 メゾン', validFrom: '2020-01-01' });
  // S3 moved from Tokyo to Kanagawa: the register and the prefecture breakdown use the current row.
  await f.address(s3, { postalCode: '1600022', prefecture: '東京都', city: '新宿区', line1: '新宿3-3-3', validFrom: '2019-01-01', replacedAt: '2025-12-01T00:00:00Z' });
  await f.address(s3, { postalCode: '2200012', prefecture: '神奈川県', city: '横浜市西区', line1: 'みなとみらい4-4-4', validFrom: '2025-12-01' });
  await f.address(s4, { postalCode: '4500002', prefecture: '愛知県', city: '名古屋市中村区', line1: '名駅5-5-5', validFrom: '2020-01-01' });
  await f.address(s5, { postalCode: '8100001', prefecture: '福岡県', city: '福岡市中央区', line1: '天神6-6-6', validFrom: '2020-01-01' });
  await f.address(s6, { postalCode: '0600001', prefecture: '北海道', city: '札幌市中央区', line1: '北一条7-7-7', validFrom: '2020-01-01' });
  await f.address(s7, { postalCode: '5300001', prefecture: '大阪府', city: '大阪市北区', line1: '梅田8-8-8', validFrom: '2020-01-01' });
  await f.address(s8, { postalCode: '1500001', prefecture: '東京都', city: '渋谷区', line1: '神宮前9-9-9', validFrom: '2020-01-01' });

  // Commitments and their history.
  const c1 = await f.commitment({ supporterId: s10, frequency: 'monthly', amountYen: 3_000, dayOfMonth: 25, method: 'card', fundId: general, startsOn: '2026-04-01' });
  await f.change({ commitmentId: c1, kind: 'started', effectiveOn: '2026-04-01', newStatus: 'active', newAmountYen: 2_000 });
  await f.change({ commitmentId: c1, kind: 'upgraded', effectiveOn: '2026-07-01', oldAmountYen: 2_000, newAmountYen: 3_000 });
  const c2 = await f.commitment({ supporterId: s7, frequency: 'monthly', amountYen: 2_000, dayOfMonth: 31, method: 'card', fundId: general, startsOn: '2026-05-01', endsOn: '2026-08-15', status: 'cancelled' });
  await f.change({ commitmentId: c2, kind: 'started', effectiveOn: '2026-05-01', newStatus: 'active', newAmountYen: 2_000 });
  await f.change({ commitmentId: c2, kind: 'status', effectiveOn: '2026-08-15', oldStatus: 'active', newStatus: 'cancelled' });
  const c3 = await f.commitment({ supporterId: s1, frequency: 'yearly', amountYen: 10_000, dayOfMonth: 10, monthOfYear: 6, method: 'bank_transfer', fundId: shelter, startsOn: '2026-06-01' });
  await f.change({ commitmentId: c3, kind: 'started', effectiveOn: '2026-06-01', newStatus: 'active', newAmountYen: 10_000 });
  const c4 = await f.commitment({ supporterId: s3, frequency: 'monthly', amountYen: 1_500, dayOfMonth: 1, method: 'direct_debit', fundId: general, startsOn: '2026-09-01', status: 'paused' });
  await f.change({ commitmentId: c4, kind: 'started', effectiveOn: '2026-09-01', newStatus: 'active', newAmountYen: 1_500 });
  await f.change({ commitmentId: c4, kind: 'status', effectiveOn: '2026-10-15', oldStatus: 'active', newStatus: 'paused' });
  const c5 = await f.commitment({ supporterId: s8, frequency: 'monthly', amountYen: 5_000, dayOfMonth: 10, method: 'card', fundId: general, startsOn: '2026-10-01', status: 'failing' });
  await f.change({ commitmentId: c5, kind: 'started', effectiveOn: '2026-10-01', newStatus: 'active', newAmountYen: 5_000 });
  await f.change({ commitmentId: c5, kind: 'status', effectiveOn: '2026-11-11', oldStatus: 'active', newStatus: 'failing' });

  const gift = f.gift;
  // S1
  await gift({ supporterId: s1, amountYen: 10_000, receivedOn: '2023-06-10', method: 'bank_transfer', fundId: general });
  await gift({ supporterId: s1, amountYen: 10_000, receivedOn: '2024-06-10', method: 'bank_transfer', fundId: general });
  await gift({ supporterId: s1, amountYen: 10_000, receivedOn: '2025-06-10', method: 'bank_transfer', fundId: general });
  await gift({ supporterId: s1, amountYen: 5_000, receivedOn: '2025-09-01', method: 'card', fundId: general }); // moved from S9 by the merge
  await gift({ supporterId: s1, amountYen: 10_000, receivedOn: '2026-06-10', method: 'bank_transfer', fundId: shelter, commitmentId: c3 });
  // S2: the 31 March gift
  await gift({ supporterId: s2, amountYen: 20_000, receivedOn: '2024-05-01', method: 'bank_transfer', fundId: general });
  await gift({ supporterId: s2, amountYen: 30_000, receivedOn: '2026-03-31', method: 'bank_transfer', fundId: general });
  // S3: the 1 April gifts
  await gift({ supporterId: s3, amountYen: 8_000, receivedOn: '2025-04-01', method: 'bank_transfer', fundId: general });
  await gift({ supporterId: s3, amountYen: 8_000, receivedOn: '2026-04-01', method: 'bank_transfer', fundId: general });
  await gift({ supporterId: s3, amountYen: 1_500, receivedOn: '2026-09-01', method: 'direct_debit', fundId: general, commitmentId: c4 });
  await gift({ supporterId: s3, amountYen: 1_500, receivedOn: '2026-10-01', method: 'direct_debit', fundId: general, commitmentId: c4 });
  // S4
  await gift({ supporterId: s4, amountYen: 100_000, receivedOn: '2023-10-01', method: 'bank_transfer', fundId: general });
  // S5: a refund
  await gift({ supporterId: s5, amountYen: 5_000, receivedOn: '2024-12-01', method: 'cash', fundId: general });
  const refunded = await gift({ supporterId: s5, amountYen: 50_000, receivedOn: '2025-07-01', method: 'bank_transfer', fundId: general, status: 'refunded' });
  await gift({ supporterId: s5, amountYen: -50_000, receivedOn: '2026-04-10', method: 'bank_transfer', fundId: general, reversesGiftId: refunded });
  // S6: failed and pledged are not giving
  await gift({ supporterId: s6, amountYen: 4_000, receivedOn: '2025-11-01', method: 'convenience_store', fundId: general });
  await gift({ supporterId: s6, amountYen: 3_000, receivedOn: '2026-05-01', method: 'card', fundId: general, status: 'failed' });
  await gift({ supporterId: s6, amountYen: 40_000, receivedOn: '2026-11-01', method: 'bank_transfer', fundId: general, status: 'pledged' });
  // S7: recaptured
  await gift({ supporterId: s7, amountYen: 3_000, receivedOn: '2023-05-05', method: 'cash', fundId: general });
  for (const day of ['2026-05-31', '2026-06-30', '2026-07-31']) await gift({ supporterId: s7, amountYen: 2_000, receivedOn: day, method: 'card', fundId: general, commitmentId: c2 });
  await gift({ supporterId: s7, amountYen: 6_000, receivedOn: '2026-07-07', method: 'cash', fundId: shelter, campaignId: summer });
  // S8: new
  await gift({ supporterId: s8, amountYen: 25_000, receivedOn: '2026-08-08', method: 'card', fundId: shelter, campaignId: summer });
  await gift({ supporterId: s8, amountYen: 5_000, receivedOn: '2026-10-10', method: 'card', fundId: general, commitmentId: c5 });
  // S10: monthly, June missed
  for (const [day, yen] of [['2026-04-25', 2_000], ['2026-05-25', 2_000], ['2026-07-25', 3_000], ['2026-08-25', 3_000], ['2026-09-25', 3_000], ['2026-10-25', 3_000], ['2026-11-25', 3_000]] as const) {
    await gift({ supporterId: s10, amountYen: yen, receivedOn: day, method: 'card', fundId: general, commitmentId: c1 });
  }
  // The collection box: no supporter.
  await gift({ supporterId: null, amountYen: 1_000, receivedOn: '2026-07-01', method: 'cash', fundId: general, campaignId: summer });

  return {
    funds: { general, shelter }, summer,
    s: { 1: s1, 2: s2, 3: s3, 4: s4, 5: s5, 6: s6, 7: s7, 8: s8, 9: s9, 10: s10 },
    commitments: { c1, c2, c3, c4, c5 },
  };
}
