import { toRomaji } from 'wanakana';
import type { Rng } from './demo.generator';
import { addDays } from '../../../shared/time';

/**
 * Made-up fundraising data for the demo: about 2,000 supporters (people across Japan, a few
 * companies and foundations), three years of gifts with the winter appeal's peak every
 * November–January, monthly givers (some paused, failing or cancelled), a Tokyo Marathon charity
 * campaign, a few refunds and anonymous gifts. Pure: the same seed and day give the same plan.
 */

const FAMILY: Array<[string, string]> = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['斎藤', 'サイトウ'], ['清水', 'シミズ'], ['山崎', 'ヤマザキ'],
  ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'], ['石川', 'イシカワ'], ['前田', 'マエダ'], ['藤田', 'フジタ'],
  ['小川', 'オガワ'], ['岡田', 'オカダ'], ['長谷川', 'ハセガワ'], ['村上', 'ムラカミ'], ['近藤', 'コンドウ'], ['石井', 'イシイ'], ['坂本', 'サカモト'],
];
const GIVEN: Array<[string, string]> = [
  ['太郎', 'タロウ'], ['花子', 'ハナコ'], ['健', 'ケン'], ['恵', 'メグミ'], ['翔', 'ショウ'], ['陽子', 'ヨウコ'], ['誠', 'マコト'], ['由美', 'ユミ'],
  ['大輔', 'ダイスケ'], ['美咲', 'ミサキ'], ['拓也', 'タクヤ'], ['真理子', 'マリコ'], ['直樹', 'ナオキ'], ['裕子', 'ユウコ'], ['和也', 'カズヤ'],
  ['さくら', 'サクラ'], ['浩', 'ヒロシ'], ['明美', 'アケミ'], ['隆', 'タカシ'], ['彩', 'アヤ'], ['修', 'オサム'], ['千尋', 'チヒロ'], ['亮', 'リョウ'],
  ['奈々', 'ナナ'], ['剛', 'ツヨシ'], ['葵', 'アオイ'], ['悟', 'サトル'], ['愛', 'アイ'], ['学', 'マナブ'], ['瞳', 'ヒトミ'],
];
const FOREIGN: Array<[string, string]> = [['Smith', 'Anna'], ['Müller', 'Jonas'], ['Dubois', 'Claire'], ['Nguyen', 'Linh'], ['Kim', 'Minji'], ['Brown', 'David'], ['García', 'Lucía']];
const COMPANIES: Array<[string, string, string]> = [
  ['株式会社みらい商事', 'ミライショウジ', '総務部'], ['ひかり製薬株式会社', 'ヒカリセイヤク', 'CSR推進室'], ['有限会社あおば印刷', 'アオバインサツ', ''],
  ['株式会社さくら不動産', 'サクラフドウサン', '社長室'], ['東京ソフトウェア株式会社', 'トウキョウソフトウェア', '人事部'], ['合同会社つなぐ', 'ツナグ', ''],
  ['一般財団法人はるかぜ財団', 'ハルカゼザイダン', '助成事業部'], ['公益財団法人こもれび基金', 'コモレビキキン', ''], ['宗教法人聖アンナ教会', 'セイアンナキョウカイ', ''],
  ['株式会社ゆうき食品', 'ユウキショクヒン', '広報部'],
];
/** Real postal codes (Japan Post), weighted to Tokyo and the cities around it, where most supporters live. */
const POSTAL: Array<[string, number]> = [
  ['1040061', 6], ['1600022', 6], ['1500001', 5], ['1130033', 5], ['1710014', 4], ['1350064', 3], ['1010051', 4], ['1200034', 3], ['1690075', 4],
  ['1540004', 4], ['1800004', 3], ['1820024', 3], ['1920082', 2], ['2310023', 3], ['2200012', 2], ['2100007', 2], ['3300063', 2], ['2600013', 2],
  ['2730005', 2], ['5300001', 3], ['5420081', 2], ['6008216', 2], ['6500021', 2], ['4600008', 2], ['8100001', 2], ['0600001', 1], ['9800021', 1],
  ['7300011', 1], ['9000006', 1], ['3800836', 1],
];

export type DemoGiftMethod = 'card' | 'bank_transfer' | 'direct_debit' | 'cash' | 'convenience_store' | 'in_kind';

export interface DemoSupporter {
  kind: 'individual' | 'organisation';
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  organisationName: string;
  organisationNameKana: string;
  department: string;
  honorific: 'sama' | 'onchu';
  email: string | null;
  phone: string | null;
  preferredLanguage: 'ja' | 'en';
  allowPhone: boolean;
  publishName: boolean;
  noContact: boolean;
  postalCode: string;
  line1: string;
  since: string;
}

export interface DemoCampaign {
  code: string;
  nameJa: string;
  nameEn: string;
  channel: 'online' | 'mail' | 'event' | 'runners' | 'corporate';
  goalYen: number;
  startsOn: string;
  endsOn: string;
  fund: string;
}

export interface DemoGift {
  supporter: number | null;
  amountYen: number;
  receivedOn: string;
  method: DemoGiftMethod;
  campaign: string | null;
  fund: string;
  isAnonymous: boolean;
  message: string;
  platform: string;
  externalId: string | null;
  feeYen: number;
  commitment: number | null;
  refundOn: string | null;
  inKind: string;
}

export interface DemoCommitment {
  supporter: number;
  amountYen: number;
  dayOfMonth: number;
  method: 'card' | 'direct_debit';
  startsOn: string;
  endsOn: string | null;
  status: 'active' | 'paused' | 'failing' | 'cancelled';
  reason: string;
  /** An amount change on a date (upgrade or downgrade), or none. */
  change: { on: string; amountYen: number } | null;
  platform: 'congrant' | 'syncable';
}

export interface FundraisingPlan {
  supporters: DemoSupporter[];
  campaigns: DemoCampaign[];
  gifts: DemoGift[];
  commitments: DemoCommitment[];
}

const MESSAGES = ['寒い冬を乗り越えられますように。', '少しですが、お役立てください。', '応援しています。', 'Stay warm. You are not alone.', '毎年の恒例にしています。', ''];
const AMOUNTS: Array<[number, number]> = [[1000, 10], [2000, 10], [3000, 14], [5000, 18], [10000, 16], [20000, 6], [30000, 4], [50000, 3], [100000, 1]];

const month = (date: string) => Number(date.slice(5, 7));
const year = (date: string) => Number(date.slice(0, 4));
const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The winter appeals (one per winter in the three years) and the marathon campaign. */
function planCampaigns(today: string): DemoCampaign[] {
  const y = year(today);
  const first = month(today) >= 11 ? y - 2 : y - 3;
  const campaigns: DemoCampaign[] = [];
  for (let w = first; w <= (month(today) >= 11 ? y : y - 1); w++) {
    campaigns.push({
      code: `winter-${w}`, nameJa: `冬の緊急支援アピール${w}`, nameEn: `Winter appeal ${w}`, channel: 'online', goalYen: 3_000_000 + (w - first) * 500_000,
      startsOn: ymd(w, 11, 1), endsOn: ymd(w + 1, 1, 31), fund: 'winter',
    });
  }
  campaigns.push({ code: 'tokyo-marathon-2026', nameJa: '東京マラソン2026 チャリティ', nameEn: 'Tokyo Marathon 2026 charity', channel: 'runners', goalYen: 2_000_000, startsOn: '2025-08-01', endsOn: '2026-03-31', fund: 'unrestricted' });
  campaigns.push({ code: `summer-${y - 1}`, nameJa: `夏の食料支援${y - 1}`, nameEn: `Summer food drive ${y - 1}`, channel: 'mail', goalYen: 800_000, startsOn: ymd(y - 1, 6, 1), endsOn: ymd(y - 1, 8, 31), fund: 'food' });
  return campaigns;
}

function campaignOn(campaigns: readonly DemoCampaign[], date: string, channel?: DemoCampaign['channel']): DemoCampaign | null {
  return campaigns.find((c) => c.startsOn <= date && date <= c.endsOn && (channel === undefined || c.channel === channel)) ?? null;
}

/** A date in the window, with most gifts in the winter appeal months. */
function giftDate(rng: Rng, from: string, today: string): string {
  for (let tries = 0; tries < 20; tries++) {
    const span = Math.max(1, Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000));
    const d = addDays(from, rng.int(0, span));
    const m = month(d);
    const weight = m === 12 ? 1 : m === 11 || m === 1 ? 0.7 : m === 3 ? 0.35 : 0.18;
    if (rng.chance(weight)) return d;
  }
  return addDays(from, rng.int(0, 30));
}

export function planFundraising(rng: Rng, today: string, count = 2000): FundraisingPlan {
  const start = ymd(year(today) - 3, month(today), 1);
  const campaigns = planCampaigns(today);
  const supporters: DemoSupporter[] = [];
  const postal = POSTAL.map(([code, w]) => [code, w] as const);
  for (let i = 0; i < count; i++) {
    const since = addDays(start, rng.int(0, 900));
    if (i < COMPANIES.length) {
      const [name, kana, department] = COMPANIES[i] ?? COMPANIES[0] ?? ['', '', ''];
      const named = rng.chance(0.4);
      const [fam, famKana] = rng.pick(FAMILY);
      const [giv, givKana] = rng.pick(GIVEN);
      supporters.push({
        kind: 'organisation', familyName: named ? fam : '', givenName: named ? giv : '', familyNameKana: named ? famKana : '', givenNameKana: named ? givKana : '',
        organisationName: name, organisationNameKana: kana, department, honorific: named ? 'sama' : 'onchu', email: `info${i}@example.co.jp`,
        phone: `03-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`, preferredLanguage: 'ja', allowPhone: true, publishName: rng.chance(0.6), noContact: false,
        postalCode: rng.weighted(postal), line1: `${rng.int(1, 9)}-${rng.int(1, 30)}-${rng.int(1, 20)}`, since,
      });
      continue;
    }
    const foreign = rng.chance(0.03);
    const [fam, famKana] = foreign ? (rng.pick(FOREIGN) as [string, string]) : rng.pick(FAMILY);
    const [giv, givKana] = foreign ? [rng.pick(FOREIGN)[1], ''] : rng.pick(GIVEN);
    const romaji = foreign ? `${giv}.${fam}`.toLowerCase().normalize('NFD').replace(/[^\w.]/g, '') : `${toRomaji(givKana)}.${toRomaji(famKana)}`.toLowerCase();
    supporters.push({
      kind: 'individual', familyName: fam, givenName: giv, familyNameKana: foreign ? '' : famKana, givenNameKana: foreign ? '' : givKana,
      organisationName: '', organisationNameKana: '', department: '', honorific: 'sama',
      email: rng.chance(0.85) ? `${romaji}${i}@example.jp` : null, phone: rng.chance(0.5) ? `090-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}` : null,
      preferredLanguage: foreign ? 'en' : 'ja', allowPhone: rng.chance(0.2), publishName: rng.chance(0.3), noContact: rng.chance(0.02),
      postalCode: rng.weighted(postal), line1: `${rng.int(1, 9)}-${rng.int(1, 30)}-${rng.int(1, 20)}`, since,
    });
  }

  // Monthly givers: about one in nine supporters, mostly by direct debit or card through the platforms.
  const commitments: DemoCommitment[] = [];
  for (let i = COMPANIES.length; i < supporters.length; i++) {
    if (!rng.chance(0.11)) continue;
    const s = supporters[i];
    if (!s) continue;
    const status = rng.weighted([['active', 70], ['paused', 6], ['failing', 6], ['cancelled', 18]] as const);
    const amountYen = rng.weighted([[1000, 45], [2000, 25], [3000, 18], [5000, 9], [10000, 3]] as const);
    const startsOn = s.since > today ? today : s.since;
    const endsOn = status === 'cancelled' ? addDays(startsOn, rng.int(90, 700)) : null;
    const changeOn = rng.chance(0.15) ? addDays(startsOn, rng.int(60, 500)) : null;
    commitments.push({
      supporter: i, amountYen, dayOfMonth: rng.pick([1, 10, 15, 20, 27]), method: rng.chance(0.6) ? 'direct_debit' : 'card', startsOn,
      endsOn: endsOn && endsOn < today ? endsOn : status === 'cancelled' ? today : null, status,
      reason: status === 'cancelled' ? rng.pick(['家計の事情', 'Moved abroad', '他団体への寄付に切り替え']) : status === 'paused' ? '一時休止の希望' : status === 'failing' ? 'カードの有効期限切れ' : '',
      change: changeOn && changeOn < today ? { on: changeOn, amountYen: rng.chance(0.7) ? amountYen * 2 : Math.max(1000, amountYen / 2) } : null,
      platform: rng.chance(0.6) ? 'congrant' : 'syncable',
    });
  }

  const gifts: DemoGift[] = [];
  let external = 0;
  const platformId = (platform: string) => (platform === 'manual' ? null : `${platform === 'congrant' ? 'CG' : platform === 'syncable' ? 'SY' : 'BK'}-${String(++external).padStart(7, '0')}`);
  // The monthly payments, month by month, with the odd failure.
  commitments.forEach((c, index) => {
    const end = c.endsOn ?? today;
    let y = year(c.startsOn);
    let m = month(c.startsOn);
    while (ymd(y, m, 1) <= end) {
      const day = ymd(y, m, Math.min(c.dayOfMonth, lastDay(y, m)));
      if (day >= c.startsOn && day <= end && day <= today) {
        const amount = c.change && day >= c.change.on ? c.change.amountYen : c.amountYen;
        const missed = (c.status === 'failing' && addDays(day, 62) >= today) || (c.status === 'paused' && addDays(day, 95) >= today) || rng.chance(0.015);
        if (!missed) {
          const fee = c.method === 'card' ? Math.round(amount * 0.036) : 100;
          gifts.push({
            supporter: c.supporter, amountYen: amount, receivedOn: day, method: c.method, campaign: null, fund: 'unrestricted', isAnonymous: false,
            message: '', platform: c.platform, externalId: platformId(c.platform), feeYen: fee, commitment: index, refundOn: null, inKind: '',
          });
        }
      }
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
  });
  // One-off gifts: most supporters give once or a few times, many around the winter appeal.
  supporters.forEach((s, i) => {
    const isOrg = s.kind === 'organisation';
    const n = isOrg ? rng.int(1, 4) : rng.weighted([[1, 45], [2, 25], [3, 14], [4, 8], [6, 5], [9, 3]] as const);
    for (let k = 0; k < n; k++) {
      const receivedOn = giftDate(rng, s.since > today ? start : s.since, today);
      const winter = campaignOn(campaigns, receivedOn, 'online');
      const marathon = campaignOn(campaigns, receivedOn, 'runners');
      const summer = campaignOn(campaigns, receivedOn, 'mail');
      const campaign = winter ?? (marathon && rng.chance(0.3) ? marathon : null) ?? (summer && rng.chance(0.5) ? summer : null);
      const method: DemoGiftMethod = isOrg ? 'bank_transfer' : rng.weighted([['card', 45], ['bank_transfer', 35], ['convenience_store', 8], ['cash', 8], ['in_kind', 4]] as const);
      const base = rng.weighted(AMOUNTS);
      const amountYen = isOrg ? base * rng.pick([10, 20, 30, 50]) : method === 'in_kind' ? rng.pick([8000, 15000, 24000]) : base;
      const platform = method === 'card' ? rng.pick(['congrant', 'syncable']) : method === 'bank_transfer' ? 'bank' : 'manual';
      gifts.push({
        supporter: i, amountYen, receivedOn, method, campaign: campaign?.code ?? null, fund: campaign?.fund ?? (rng.chance(0.2) ? rng.pick(['shelter', 'food', 'medical']) : 'unrestricted'),
        isAnonymous: rng.chance(0.04), message: rng.chance(0.15) ? rng.pick(MESSAGES) : '', platform, externalId: platformId(platform),
        feeYen: method === 'card' ? Math.round(amountYen * 0.036) : 0, commitment: null,
        refundOn: rng.chance(0.004) && addDays(receivedOn, 7) <= today ? addDays(receivedOn, 7) : null,
        inKind: method === 'in_kind' ? rng.pick(['冬物衣料（コート・毛布）', '米 30kg', 'カイロ・防寒具一式']) : '',
      });
    }
  });
  // Cash from the collection box at events: nobody to thank by name.
  for (let k = 0; k < 24; k++) {
    const receivedOn = giftDate(rng, start, today);
    gifts.push({
      supporter: null, amountYen: rng.int(3, 40) * 1000, receivedOn, method: 'cash', campaign: campaignOn(campaigns, receivedOn)?.code ?? null, fund: 'unrestricted',
      isAnonymous: true, message: '', platform: 'manual', externalId: null, feeYen: 0, commitment: null, refundOn: null, inKind: '',
    });
  }
  gifts.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
  return { supporters, campaigns, gifts, commitments };
}
