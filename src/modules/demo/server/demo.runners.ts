import sharp from 'sharp';
import { toRomaji } from 'wanakana';
import { reserveCounter } from '../../../server/db/counters';
import type { DbOrTx } from '../../../server/db/database';
import { preparePhoto, type PreparedPhoto } from '../../../server/images/photos';
import { addDays, daysBetween, tokyoDate } from '../../../shared/time';
import { lookupPostalCode } from '../../../server/postal-codes';
import { supporterSearchText } from '../../fundraising/server/supporter-names';
import type { ApplicationStatus, RevisionStatus } from '../../runners/server/runners.tables';
import type { DemoCampaign, FundraisingPlan } from './demo.fundraising';
import { tokyoInstant, type Rng } from './demo.generator';
import * as repo from './demo.repository';

/**
 * Made-up charity runners for the demo (issue 14): the Tokyo Marathon 2026 charity (race day
 * 1 March 2026, fixed) with about 40 applications, 20 runners at every stage of their pages and
 * their donors; the next Tokyo Marathon (first Sunday of March, applications open now) with runners
 * mid-fundraising; and the winter appeal's public page with a few messages. `planRunners` is pure
 * (the seeded rng, today and the fundraising plan it builds on); `writeRunners` puts the plan in the
 * tables in the loader's transaction.
 */

// ---------------------------------------------------------------- the plan's shapes

/** A supporter: one of the fundraising plan's (by index) or one planned here (by index in `supporters`). */
export type SupporterRef = { existing: number } | { planned: number };

export interface DemoRunnerSupporter {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string | null;
  phone: string | null;
  preferredLanguage: 'ja' | 'en';
  publishName: boolean;
  tags: string[];
  createdAt: Date;
  since: string;
  address: { postalCode: string; line1: string } | null;
}

export interface DemoCharityEvent {
  code: string;
  nameJa: string;
  nameEn: string;
  raceOn: string;
  minimumYen: number;
  applicationsOpenOn: string;
  applicationsCloseOn: string;
  places: number;
  /** The campaign's code (the fundraising plan's, or one of `RunnersPlan.campaigns`). */
  campaign: string;
  bankDetailsJa: string;
  bankDetailsEn: string;
  introJa: string;
  introEn: string;
  createdAt: Date;
}

export interface DemoApplication {
  event: number;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string;
  phone: string;
  motivation: string;
  plan: string;
  language: 'ja' | 'en';
  createdAt: Date;
  status: ApplicationStatus;
  decisionReason: string;
  decisionMessage: string;
  decidedAt: Date | null;
}

/** Where a runner's page stands. */
export type RunnerStage = 'published' | 'pending' | 'rejected_then_pending' | 'no_page' | 'withdrawn';

/** A made-up photo: a sky gradient, a sun, hills, a road and a runner, in colours from the rng. */
export interface DemoPhoto {
  skyHue: number;
  hillHue: number;
  shirtHue: number;
  sun: { x: number; y: number; r: number };
  ridge: number[];
  runnerX: number;
}

export interface DemoRevision {
  displayName: string;
  story: string;
  goalYen: number;
  /** The same object when a later revision keeps the photo (rendered once). */
  photo: DemoPhoto | null;
  status: RevisionStatus;
  reviewNote: string;
  submittedBy: 'runner' | 'staff';
  createdAt: Date;
  reviewedAt: Date | null;
}

export interface DemoRunner {
  event: number;
  application: number;
  supporter: SupporterRef;
  /** 20 hex characters (80 bits, as the service draws them), here from the rng. */
  slug: string;
  goalYen: number;
  status: 'active' | 'withdrawn';
  stage: RunnerStage;
  selectedAt: Date;
  revisions: DemoRevision[];
  /** The revision the public sees (index in `revisions`), or null. */
  published: number | null;
  lastRemindedAt: Date | null;
}

/** What a donor chose to show on the wall, for a gift through a public page. */
export interface DemoPageChoice {
  reference: string;
  onWall: boolean;
  wallName: string;
  showAmount: boolean;
  message: string;
  /** Staff took it off the wall (a phone number, an advert). */
  hiddenAt: Date | null;
}

export interface DemoRunnerGift {
  /** The runner credited (index in `runners`), or null for a gift through a campaign page. */
  runner: number | null;
  campaign: string;
  fund: string;
  donor: SupporterRef;
  amountYen: number;
  receivedOn: string;
  createdAt: Date;
  status: 'received' | 'pledged';
  method: 'card' | 'bank_transfer';
  platform: 'web_page' | 'congrant';
  externalId: string;
  feeYen: number;
  isAnonymous: boolean;
  message: string;
  /** A platform gift, imported: the note names the runner code it carried. */
  imported: boolean;
  receiptAsked: boolean;
  page: DemoPageChoice | null;
}

export interface DemoCampaignPage {
  campaign: string;
  slug: string;
  titleJa: string;
  titleEn: string;
  storyJa: string;
  storyEn: string;
  bankDetailsJa: string;
  bankDetailsEn: string;
  updatedAt: Date;
}

export interface RunnersPlan {
  /** Campaigns to create (the next marathon's). */
  campaigns: DemoCampaign[];
  events: DemoCharityEvent[];
  applications: DemoApplication[];
  /** In order of selection: runner codes follow it. */
  runners: DemoRunner[];
  supporters: DemoRunnerSupporter[];
  gifts: DemoRunnerGift[];
  campaignPage: DemoCampaignPage | null;
}

// ---------------------------------------------------------------- fixed facts and texts

/** The Tokyo Marathon 2026 charity: over by now, linked to the fundraising plan's campaign. */
export const TOKYO_2026 = {
  code: 'tokyo-2026', nameJa: '東京マラソン2026', nameEn: 'Tokyo Marathon 2026', raceOn: '2026-03-01', minimumYen: 100_000,
  applicationsOpenOn: '2025-08-01', applicationsCloseOn: '2025-09-30', places: 25, campaign: 'tokyo-marathon-2026',
} as const;

/** The Tokyo Marathon is on the first Sunday of March; the next one far enough ahead for applications to be open now. */
export function nextRaceDay(today: string): string {
  for (let y = Math.max(2027, Number(today.slice(0, 4))); ; y++) {
    const first = `${y}-03-01`;
    const race = addDays(first, (7 - new Date(`${first}T12:00:00Z`).getUTCDay()) % 7);
    if (daysBetween(today, race) >= 60) return race;
  }
}

const BANK_JA = [
  'ゆうちょ銀行　振替口座 00180-5-123456',
  '加入者名：トクヒ）トビラ（デモ）',
  '他の金融機関から：〇一九（ゼロイチキュウ）店　当座　0123456',
  'ご依頼人名の前に、表示された参照番号（8文字）を入れてお振り込みください。',
].join('\n');
const BANK_EN = [
  'Japan Post Bank (ゆうちょ銀行), transfer account 00180-5-123456',
  'Account name: トクヒ）トビラ（デモ） (NPO Tobira, demo)',
  'From other banks: branch 019 (〇一九), current account 0123456',
  'Please put the 8-character reference shown before your name when you transfer.',
].join('\n');

const INTRO_JA = (year: string) => `${year}年の東京マラソンを、難民支援のチャリティランナーとして走りませんか。ランナーは一人10万円以上の寄付を集め、いただいた寄付はシェルターの寝床、食料、相談支援に使われます。`;
const INTRO_EN = (year: string) => `Run the Tokyo Marathon ${year} as a charity runner for refugees in Tokyo. Each runner raises ¥100,000 or more; every gift goes to shelter beds, food and advice for people seeking asylum.`;

const JP_FAMILY: Array<[string, string]> = [
  ['山田', 'ヤマダ'], ['中島', 'ナカジマ'], ['西村', 'ニシムラ'], ['藤井', 'フジイ'], ['松田', 'マツダ'], ['岡本', 'オカモト'], ['後藤', 'ゴトウ'],
  ['小野', 'オノ'], ['原田', 'ハラダ'], ['竹内', 'タケウチ'], ['金子', 'カネコ'], ['和田', 'ワダ'], ['中野', 'ナカノ'], ['石田', 'イシダ'],
  ['上田', 'ウエダ'], ['森田', 'モリタ'], ['柴田', 'シバタ'], ['酒井', 'サカイ'], ['工藤', 'クドウ'], ['横山', 'ヨコヤマ'], ['宮崎', 'ミヤザキ'],
  ['宮本', 'ミヤモト'], ['内田', 'ウチダ'], ['高木', 'タカギ'], ['安藤', 'アンドウ'], ['谷口', 'タニグチ'], ['大野', 'オオノ'], ['丸山', 'マルヤマ'],
  ['今井', 'イマイ'], ['河野', 'コウノ'], ['藤原', 'フジワラ'], ['村田', 'ムラタ'], ['武田', 'タケダ'], ['新井', 'アライ'], ['菅原', 'スガワラ'],
];
const JP_GIVEN: Array<[string, string]> = [
  ['翔太', 'ショウタ'], ['美穂', 'ミホ'], ['健一', 'ケンイチ'], ['麻衣', 'マイ'], ['大樹', 'ダイキ'], ['結衣', 'ユイ'], ['直人', 'ナオト'],
  ['香織', 'カオリ'], ['雄介', 'ユウスケ'], ['智子', 'トモコ'], ['拓海', 'タクミ'], ['真由美', 'マユミ'], ['陽介', 'ヨウスケ'], ['彩花', 'アヤカ'],
  ['亮太', 'リョウタ'], ['里美', 'サトミ'], ['光', 'ヒカル'], ['千夏', 'チナツ'], ['俊', 'シュン'], ['恵美', 'エミ'], ['航', 'ワタル'],
  ['奈緒', 'ナオ'], ['聡', 'サトシ'], ['由佳', 'ユカ'], ['康平', 'コウヘイ'], ['久美子', 'クミコ'],
];
/** Family name, given name, their katakana (as the person wrote them on the form). */
const EN_NAMES: Array<[string, string, string, string]> = [
  ['Thompson', 'Emily', 'トンプソン', 'エミリー'], ['Walker', 'James', 'ウォーカー', 'ジェームズ'], ['Okafor', 'Grace', 'オカフォー', 'グレース'],
  ['Lee', 'Daniel', 'リー', 'ダニエル'], ['Schmidt', 'Hannah', 'シュミット', 'ハンナ'], ['Martin', 'Sophie', 'マルタン', 'ソフィー'],
  ['Rossi', 'Marco', 'ロッシ', 'マルコ'], ['Evans', 'Olivia', 'エヴァンズ', 'オリヴィア'],
];
/** Real postal codes (Japan Post), as the fundraising demo uses: Tokyo and around it. */
const POSTAL = ['1040061', '1600022', '1500001', '1130033', '1710014', '1350064', '1010051', '1690075', '1540004', '1800004', '2310023', '2200012', '3300063', '2600013'];

const MOTIVATIONS_JA = [
  '学生時代から長距離を走っています。日本に逃れてきた難民の方が路上で冬を越していると知り、走ることで何かできないかと思い応募しました。',
  '職場の同僚が難民申請中の方の支援をしていて、とびらの活動を知りました。初めてのフルマラソンですが、42.195kmを支援の輪を広げるきっかけにしたいです。',
  '以前ボランティアで食料配布をお手伝いしました。寒い中並んでいる方々の姿が忘れられず、今度はランナーとして支援を集めたいと思いました。',
  '祖父母が戦後に故郷を離れた経験があり、住む場所を失う苦しさを聞いて育ちました。難民の方々が安心して暮らせる社会に少しでも近づけたいです。',
  '東京マラソンは3回目ですが、チャリティランナーは初めてです。せっかく走るなら、誰かの力になる走りをしたいと考えました。',
  '大学で国際関係を学び、日本の難民認定率の低さを知りました。走ることで、身近な人たちにこの問題を知ってもらいたいです。',
  '子どもの学校に難民の家庭のお子さんがいて、支援団体の存在を知りました。親として、子どもたちに行動する姿を見せたいです。',
  'ランニングクラブの仲間と、毎年何か社会に役立つことに挑戦しています。今年は難民支援を選びました。',
];
const MOTIVATIONS_EN = [
  'I have lived in Tokyo for eight years and helped at a food distribution last winter. Running for Tobira is my way of giving back to the city that welcomed me.',
  'I came to Japan as a student and know how hard it is to start over in a new country. I want to run so that people who had to flee have a warm place this winter.',
  'My running club in Yokohama wanted a cause close to home. Refugee support in Japan gets little attention, and we want to change that.',
];
const PLANS_JA = [
  '職場と大学時代の友人にSNSで呼びかけます。30人から寄付を集めるのが目標です。',
  '所属するランニングクラブで練習会を兼ねたチャリティランを開き、参加費を寄付に回します。',
  '家族・親戚に手紙で協力をお願いし、勤務先の社内報でも紹介してもらう予定です。',
  '毎月の練習距離をSNSで報告し、1kmあたり100円の応援を友人に呼びかけます。',
  '地元の商店街のお店にチラシを置かせてもらい、店頭でも寄付を呼びかけます。',
  '会社のマッチングギフト制度を使い、同僚からの寄付と同額を会社にも寄付してもらう予定です。',
];
const PLANS_EN = [
  'I will share my training on Instagram and ask friends at work and at my church to give. My goal is 40 donors.',
  'A bake sale at my children\'s international school, and a short update to my colleagues every month.',
];
const DECLINE_REASONS = [
  '定員を超える応募があり、募金計画がより具体的な方を優先しました。',
  '募金計画がほぼ未記入で、目標額の達成が難しいと判断しました。',
  '他の団体のチャリティランナーとして既に登録されていたため。',
  'ご本人から辞退のご連絡がありました。',
  'ご連絡したメールアドレスに届かず、期日までに確認が取れませんでした。',
];
const WAITLIST_REASONS = [
  '計画は良いが定員のため補欠。辞退者が出た場合に連絡する。',
  '初めての応募で計画にやや具体性が欠けるため、補欠とした。',
];
const REJECT_NOTE = '写真に他の方の顔がはっきり写っています。ご本人だけの写真に差し替えてください。また、支援を受けている方が特定できる記述（国籍と年齢）は削除をお願いします。';

function decisionMessage(status: 'selected' | 'waitlisted' | 'declined', language: 'ja' | 'en', name: string, event: { nameJa: string; nameEn: string }): string {
  if (language === 'en') {
    const body = {
      selected: `Thank you for applying to run the ${event.nameEn} for us. We are delighted to tell you that you have been selected as one of our charity runners. We will send you a link to set up your page shortly.`,
      waitlisted: `Thank you for applying to run the ${event.nameEn} for us. All our places are taken for now, so we have put you on the waiting list and will write as soon as a place opens.`,
      declined: `Thank you for applying to run the ${event.nameEn} for us. We received many more applications than places, and we are sorry that we cannot offer you a place this time.`,
    }[status];
    return `Dear ${name},\n\n${body}\n\nTobira (demo)`;
  }
  const body = {
    selected: `このたびは${event.nameJa}チャリティランナーにご応募いただき、ありがとうございました。選考の結果、当団体のチャリティランナーとしてご一緒いただくことになりました。ランナーページの作成方法は追ってお送りします。`,
    waitlisted: `このたびは${event.nameJa}チャリティランナーにご応募いただき、ありがとうございました。現在定員に達しているため、補欠とさせていただきました。出走枠に空きが出ましたらご連絡いたします。`,
    declined: `このたびは${event.nameJa}チャリティランナーにご応募いただき、ありがとうございました。慎重に選考いたしました結果、誠に残念ながら今回はご期待に沿えない結果となりました。`,
  }[status];
  return `${name} 様\n\n${body}\n\nとびら（デモ）`;
}

const STORIES_JA = [
  (event: string) => `はじめまして。${event}を、難民支援のチャリティランナーとして走ります。日本には、故郷を追われて逃れてきたのに、住む場所も仕事もないまま冬を迎える人たちがいます。とびらは、そうした方々に食料や寝る場所、相談の場を届けています。週末ごとに30km走って準備中です。応援よろしくお願いします！`,
  (event: string) => `初めてのフルマラソンです。正直、42.195kmは未知の世界ですが、寒い夜を路上で過ごす人が一人でも減るなら、最後まで走り切れる気がします。${event}当日まで、練習の様子をここで報告します。`,
  (event: string) => `${event}は3回目。今回はサブ4を目指しながら、難民支援の寄付を集めます。3,000円で温かい食事が10食、10,000円でシェルターに2泊できます。一緒に走っている気持ちで応援してもらえたらうれしいです。`,
  () => `昨年の冬、ボランティアで食料配布に参加しました。雪の中で2時間並んでいた方が「ありがとう」と笑ってくれたことが忘れられません。今度は走って、支援の輪を広げたいと思います。`,
  () => `会社のランニング部の仲間と一緒に挑戦します。ご寄付は全額、とびらの難民支援（シェルター・食料・相談）に使われます。目標達成まで、どうか力を貸してください！`,
];
const STORIES_EN = [
  (event: string) => `Hi! I am running the ${event} for Tobira, which helps people who fled to Japan to find food, a bed and advice while they wait for a decision on their asylum claim. Every kilometre I run is for them. Thank you for your support!`,
  () => `I have run three marathons, but never for a cause this close to home. Many people seeking asylum in Tokyo spend the winter with nowhere to sleep. Your gift buys shelter nights and warm meals. Let's do this together!`,
];
const UPDATE_JA = '\n\n【1月の報告】練習で初めて35kmを走りました。皆さまのおかげで最初の目標額に届いたので、目標を引き上げました！';
const UPDATE_EN = '\n\nJanuary update: my first 35 km training run is done, and thanks to you I passed my first goal, so I have raised it!';

const CHEERS_JA = [
  '完走がんばって！', '沿道で応援してます！', '自己ベスト更新を祈ってます。', '素敵な挑戦、応援しています。', '少しですが、寒い冬の支えになりますように。',
  '去年に続いて応援！今年も楽しんで走ってね', '膝に気をつけて！', 'ゴールで待ってます', 'いつも元気をもらってます。ファイト！',
];
const CHEERS_EN = ['Go go go! So proud of you.', 'Run strong, we are cheering for you!', 'For a warmer winter for everyone.'];
/** Names a donor may give the wall: a family, a team, friends from work. */
const WALL_GROUPS = ['Team Hikari', '佐藤家一同', '営業二課のみんな', '大学陸上部OB会', 'ランニングクラブ「風」', 'Mika & Ken', 'ママ友一同', 'The Tanaka family', '朝ラン仲間'];
/** Messages staff take off the wall: a phone number given to the runner, an advert. */
const HIDDEN_MESSAGES = ['新しい携帯の番号は090-1234-5678です。レースの後に連絡ください！', '在宅で月収50万円！詳しくはプロフィールのリンクから'];
const WINTER_MESSAGES = [
  '寒い冬を乗り越えられますように。', '少しですが、温かい食事に使ってください。', '毎年の恒例にしています。今年もよろしくお願いします。',
  'Stay warm. You are not alone.', '一人でも多くの方が屋根の下で眠れますように。', 'ニュースを見て、何かしたくて寄付しました。',
  '子どもたちと相談して、お年玉の一部を寄付します。', 'Thank you for the work you do every winter.',
];
const AMOUNTS: Array<[number, number]> = [[1000, 8], [2000, 8], [3000, 20], [5000, 30], [10000, 22], [20000, 6], [30000, 3], [50000, 3]];
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

// ---------------------------------------------------------------- small helpers

const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);
const at = (rng: Rng, date: string, from = 7 * 60, to = 23 * 60) => tokyoInstant(date, rng.int(from, to));
const dateOf = (d: Date) => tokyoDate(d);

/** A day in [from, to], more of them towards the end (donors give as race day comes). */
function dayTowardsEnd(rng: Rng, from: string, to: string): string {
  const span = daysBetween(from, to);
  return span <= 0 ? from : addDays(from, Math.min(span, Math.floor((span + 1) * Math.sqrt(rng.next()))));
}

/**
 * Gift amounts that bring a runner to `target` (or just below `cap`): mostly ¥3,000–¥10,000,
 * between `min` and `max` gifts; a runner who must reach the target with the gifts left gets
 * bigger ones (family, an employer).
 */
function amountsFor(rng: Rng, target: number, cap: number, min: number, max: number): number[] {
  const out: number[] = [];
  let sum = 0;
  while (out.length < max && (sum < target || out.length < min)) {
    let a = rng.weighted(AMOUNTS);
    if (sum + a > cap) {
      const room = Math.min(cap - sum, out.length < min ? 3000 : cap - sum);
      a = [10000, 5000, 3000, 2000, 1000].find((x) => x <= room) ?? 0;
      if (a === 0) break;
    }
    out.push(a);
    sum += a;
  }
  while (sum < target && out.length > 0) {
    const i = out.indexOf(Math.min(...out));
    const current = out[i] ?? 0;
    const next = [5000, 10000, 20000, 30000, 50000].find((x) => x >= current + (target - sum)) ?? 50000;
    if (next <= current) break;
    out[i] = next;
    sum += next - current;
  }
  return rng.shuffle(out);
}

function hexSlug(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const slug = Array.from({ length: 20 }, () => '0123456789abcdef'[rng.int(0, 15)]).join('');
    if (!taken.has(slug)) {
      taken.add(slug);
      return slug;
    }
  }
}

function reference(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const ref = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[rng.int(0, REFERENCE_ALPHABET.length - 1)]).join('');
    if (!taken.has(ref)) {
      taken.add(ref);
      return ref;
    }
  }
}

function photo(rng: Rng): DemoPhoto {
  return {
    skyHue: rng.int(180, 230), hillHue: rng.int(80, 150), shirtHue: rng.pick([0, 20, 200, 280, 330]),
    sun: { x: rng.int(80, 720), y: rng.int(60, 200), r: rng.int(35, 70) },
    ridge: Array.from({ length: 6 }, () => rng.int(250, 420)), runnerX: rng.int(250, 550),
  };
}

interface Person {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string;
  phone: string;
  language: 'ja' | 'en';
}

/** A made-up person (a runner applicant or a new donor); `n` keeps the email unique. */
function person(rng: Rng, n: number, english: boolean, taken: Set<string>): Person {
  for (;;) {
    if (english) {
      const [family, , familyKana] = rng.pick(EN_NAMES);
      const [, given, , givenKana] = rng.pick(EN_NAMES);
      const key = `${family}/${given}`;
      if (taken.has(key)) continue;
      taken.add(key);
      // Some write their name in katakana on the form, some leave it.
      const kana = rng.chance(0.6);
      return {
        familyName: family, givenName: given, familyNameKana: kana ? familyKana : '', givenNameKana: kana ? givenKana : '',
        email: `${given}.${family}${n}@example.com`.toLowerCase(), phone: rng.chance(0.6) ? `080-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}` : '', language: 'en',
      };
    }
    const [family, familyKana] = rng.pick(JP_FAMILY);
    const [given, givenKana] = rng.pick(JP_GIVEN);
    const key = `${family}/${given}`;
    if (taken.has(key)) continue;
    taken.add(key);
    return {
      familyName: family, givenName: given, familyNameKana: familyKana, givenNameKana: givenKana,
      // ケンイチ → ken'ichi: no apostrophe in an address.
      email: `${toRomaji(givenKana)}.${toRomaji(familyKana)}${n}`.toLowerCase().replace(/[^a-z0-9.]/g, '') + (rng.chance(0.7) ? '@example.jp' : '@example.com'),
      phone: rng.chance(0.8) ? `${rng.pick(['090', '080', '070'])}-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}` : '', language: 'ja',
    };
  }
}

// ---------------------------------------------------------------- the plan

/** One runner's design: the stage of the page, the goal, and what share of it the runner ends with. */
interface Design {
  stage: RunnerStage;
  goal: number;
  /** Raised at the end, as a share of the goal: [low, high]. */
  share: [number, number];
  photo?: boolean;
  /** A second approved revision in January that raises the goal to this. */
  raisedGoal?: number;
}

const DESIGNS_2026: Design[] = [
  { stage: 'published', goal: 100_000, share: [1.05, 1.25], photo: true },
  { stage: 'published', goal: 100_000, share: [1.3, 1.6], photo: true },
  { stage: 'published', goal: 100_000, share: [1.0, 1.15] },
  { stage: 'published', goal: 150_000, share: [1.0, 1.2], photo: true },
  { stage: 'published', goal: 200_000, share: [1.0, 1.1], photo: true },
  { stage: 'published', goal: 100_000, share: [1.0, 1.1], raisedGoal: 150_000, photo: true },
  { stage: 'published', goal: 100_000, share: [1.1, 1.3], raisedGoal: 120_000 },
  { stage: 'published', goal: 150_000, share: [1.0, 1.15] },
  { stage: 'published', goal: 150_000, share: [0.72, 0.88], photo: true },
  { stage: 'published', goal: 200_000, share: [0.55, 0.72] },
  { stage: 'published', goal: 100_000, share: [0.8, 0.95], photo: true },
  { stage: 'published', goal: 100_000, share: [0.6, 0.8] },
  { stage: 'published', goal: 100_000, share: [0.45, 0.6] },
  { stage: 'published', goal: 100_000, share: [0.7, 0.9] },
  { stage: 'published', goal: 100_000, share: [0.85, 0.97] },
  { stage: 'pending', goal: 100_000, share: [1.0, 1.1], photo: true },
  { stage: 'pending', goal: 100_000, share: [0.3, 0.5] },
  { stage: 'rejected_then_pending', goal: 100_000, share: [0.5, 0.7], photo: true },
  { stage: 'no_page', goal: 100_000, share: [0.25, 0.4] },
  { stage: 'withdrawn', goal: 100_000, share: [0.15, 0.22] },
];

/** The next marathon's runners: [design, days since selection, returning from 2026]. */
const DESIGNS_NEXT: Array<{ design: Design; selectedDaysAgo: number; returning: boolean; pledge: boolean }> = [
  { design: { stage: 'published', goal: 150_000, share: [0.5, 0.6], photo: true }, selectedDaysAgo: 17, returning: true, pledge: true },
  { design: { stage: 'published', goal: 100_000, share: [1.0, 1.1], photo: true }, selectedDaysAgo: 17, returning: true, pledge: false },
  { design: { stage: 'published', goal: 100_000, share: [0.15, 0.25], photo: true }, selectedDaysAgo: 11, returning: false, pledge: true },
  { design: { stage: 'published', goal: 100_000, share: [0.02, 0.04] }, selectedDaysAgo: 10, returning: false, pledge: true },
  { design: { stage: 'published', goal: 200_000, share: [0.03, 0.05] }, selectedDaysAgo: 9, returning: false, pledge: false },
  { design: { stage: 'pending', goal: 100_000, share: [0, 0] }, selectedDaysAgo: 6, returning: false, pledge: false },
];

export function planRunners(rng: Rng, today: string, fundraising: FundraisingPlan): RunnersPlan {
  const supporters: DemoRunnerSupporter[] = [];
  const applications: DemoApplication[] = [];
  const runners: DemoRunner[] = [];
  const gifts: DemoRunnerGift[] = [];
  const slugs = new Set<string>();
  const references = new Set<string>();
  const names = new Set<string>();
  let externalSeq = 0;
  let emailSeq = 0;

  const existing = fundraising.supporters;
  const individuals = existing.flatMap((s, i) => (s.kind === 'individual' && !s.noContact ? [i] : []));
  const companies = existing.flatMap((s, i) => (s.kind === 'organisation' ? [i] : []));
  const nameOf = (ref: SupporterRef) => ('existing' in ref ? existing[ref.existing] : supporters[ref.planned]) ?? { familyName: '', givenName: '' };

  // Runners who already were supporters: found by their email when selected (nothing duplicated).
  const runnerPool = individuals.filter((i) => {
    const s = existing[i];
    return s !== undefined && s.email !== null && s.familyNameKana !== '' && s.preferredLanguage === 'ja';
  });
  const reused = new Set<number>();
  while (reused.size < 4 && runnerPool.length > 4) reused.add(rng.pick(runnerPool));
  const donorPool = individuals.filter((i) => !reused.has(i));

  const newSupporter = (p: Omit<DemoRunnerSupporter, 'since'>): SupporterRef => {
    supporters.push({ ...p, since: dateOf(p.createdAt) });
    return { planned: supporters.length - 1 };
  };
  const newDonor = (createdAt: Date, withAddress: boolean): SupporterRef => {
    const p = person(rng, ++emailSeq, rng.chance(0.06), names);
    return newSupporter({
      familyName: p.familyName, givenName: p.givenName, familyNameKana: p.familyNameKana, givenNameKana: p.givenNameKana,
      email: rng.chance(0.9) ? p.email : null, phone: p.phone || null, preferredLanguage: p.language, publishName: false, tags: [], createdAt,
      address: withAddress ? { postalCode: rng.pick(POSTAL), line1: `${rng.int(1, 9)}-${rng.int(1, 30)}-${rng.int(1, 20)}` } : null,
    });
  };
  const donor = (big: boolean, createdAt: Date, withAddress: boolean): SupporterRef => {
    if (big && companies.length > 0 && rng.chance(0.4)) return { existing: rng.pick(companies) };
    if (rng.chance(0.58)) return { existing: rng.pick(donorPool) };
    return newDonor(createdAt, withAddress);
  };
  const wallName = (ref: SupporterRef) => {
    const n = nameOf(ref);
    if ('existing' in ref && existing[ref.existing]?.kind === 'organisation') return `${existing[ref.existing]?.organisationName ?? ''} 有志一同`;
    return rng.weighted([[`${n.familyName}より`, 45], [`${n.familyName} ${n.givenName}`.trim(), 25], [rng.pick(WALL_GROUPS), 30]] as const);
  };

  const events: DemoCharityEvent[] = [];
  const campaigns: DemoCampaign[] = [];

  // --- The Tokyo Marathon 2026 (over) ---
  events.push({
    ...TOKYO_2026, bankDetailsJa: BANK_JA, bankDetailsEn: BANK_EN, introJa: INTRO_JA('2026'), introEn: INTRO_EN('2026'), createdAt: tokyoInstant('2025-07-15', 600),
  });
  const firstGiftDay = (r: DemoRunner) => addDays(dateOf(r.selectedAt), 3);

  /** An applicant: one of the reused supporters, or somebody new. */
  const applicant = (event: number, reuse: number | null, english: boolean, createdAt: Date): DemoApplication => {
    const s = reuse === null ? null : existing[reuse];
    const p = s
      ? { familyName: s.familyName, givenName: s.givenName, familyNameKana: s.familyNameKana, givenNameKana: s.givenNameKana, email: s.email ?? '', phone: s.phone ?? '', language: s.preferredLanguage }
      : person(rng, ++emailSeq, english, names);
    return {
      event, ...p, motivation: rng.pick(p.language === 'en' ? MOTIVATIONS_EN : MOTIVATIONS_JA), plan: rng.pick(p.language === 'en' ? PLANS_EN : PLANS_JA),
      createdAt, status: 'submitted', decisionReason: '', decisionMessage: '', decidedAt: null,
    };
  };
  const decide = (a: DemoApplication, status: 'selected' | 'waitlisted' | 'declined' | 'shortlisted', decidedAt: Date, eventNames: { nameJa: string; nameEn: string }) => {
    a.status = status;
    a.decidedAt = decidedAt;
    if (status === 'shortlisted') return;
    a.decisionReason = status === 'declined' ? rng.pick(DECLINE_REASONS) : status === 'waitlisted' ? rng.pick(WAITLIST_REASONS) : '';
    const name = a.language === 'ja' ? `${a.familyName} ${a.givenName}`.trim() : `${a.givenName} ${a.familyName}`.trim();
    a.decisionMessage = decisionMessage(status, a.language, name, eventNames);
  };
  const story = (language: 'ja' | 'en', eventName: string) => rng.pick(language === 'en' ? STORIES_EN : STORIES_JA)(eventName);
  const displayName = (a: DemoApplication) => (a.language === 'en'
    ? rng.chance(0.5) ? `${a.givenName} ${a.familyName}` : `${a.givenName} ${a.familyName.slice(0, 1)}.`
    : rng.chance(0.8) ? `${a.familyName} ${a.givenName}` : a.givenName);

  // 40 applications in the window: 20 selected (4 of them supporters already on file), the others
  // waitlisted or declined with the reason.
  const reusedList = [...reused];
  const order2026 = rng.shuffle(Array.from({ length: 40 }, (_, i) => i));
  const selectedSlots = new Set(order2026.slice(0, 20));
  const reusedSlots = new Set(order2026.slice(0, reusedList.length));
  const shuffledDesigns = rng.shuffle([...DESIGNS_2026]);
  const designOf = new Map<number, Design>();
  for (let i = 0; i < 40; i++) {
    const createdAt = at(rng, addDays(TOKYO_2026.applicationsOpenOn, Math.floor(60 * Math.sqrt(rng.next()))));
    const selected = selectedSlots.has(i);
    const reuse = reusedSlots.has(i) ? (reusedList.shift() ?? null) : null;
    const a = applicant(0, reuse, reuse === null && rng.chance(0.13), createdAt);
    const decidedAt = at(rng, addDays('2025-10-08', rng.int(0, 12)), 9 * 60, 19 * 60);
    decide(a, selected ? 'selected' : rng.chance(0.35) ? 'waitlisted' : 'declined', decidedAt, TOKYO_2026);
    applications.push(a);
    const design = shuffledDesigns[designOf.size];
    if (selected && design) designOf.set(applications.length - 1, design);
  }

  const supporterOfApplication = (a: DemoApplication, selectedAt: Date): SupporterRef => {
    const found = existing.findIndex((s) => s.email !== null && s.email === a.email);
    if (found >= 0) return { existing: found };
    return newSupporter({
      familyName: a.familyName, givenName: a.givenName, familyNameKana: a.familyNameKana, givenNameKana: a.givenNameKana, email: a.email,
      phone: a.phone || null, preferredLanguage: a.language, publishName: false, tags: ['runner'], createdAt: selectedAt, address: null,
    });
  };

  /** The runner's page revisions by stage, and which one is public. */
  const pages = (design: Design, a: DemoApplication, selectedOn: string, eventName: string, lastDay: string): { revisions: DemoRevision[]; published: number | null; publishedOn: string | null } => {
    const name = displayName(a);
    const text = story(a.language, eventName);
    const pic = design.photo ? photo(rng) : null;
    const written = earlier(addDays(selectedOn, rng.int(2, 30)), lastDay);
    const reviewed = earlier(addDays(written, rng.int(1, 3)), lastDay);
    const revision = (over: Partial<DemoRevision>): DemoRevision => ({
      displayName: name, story: text, goalYen: design.goal, photo: pic, status: 'approved', reviewNote: '', submittedBy: rng.chance(0.85) ? 'runner' : 'staff',
      createdAt: at(rng, written), reviewedAt: at(rng, reviewed, 10 * 60, 18 * 60), ...over,
    });
    switch (design.stage) {
      case 'published':
      case 'withdrawn': {
        const first = revision({});
        if (!design.raisedGoal) return { revisions: [first], published: 0, publishedOn: reviewed };
        const updatedOn = earlier(later(addDays(reviewed, 20), '2026-01-10'), lastDay);
        const second = revision({
          story: text + (a.language === 'en' ? UPDATE_EN : UPDATE_JA), goalYen: design.raisedGoal, submittedBy: 'runner',
          createdAt: at(rng, updatedOn), reviewedAt: at(rng, earlier(addDays(updatedOn, 1), lastDay), 10 * 60, 18 * 60),
        });
        return { revisions: [first, second], published: 1, publishedOn: reviewed };
      }
      case 'pending':
        return { revisions: [revision({ status: 'pending', reviewedAt: null, createdAt: at(rng, later(written, addDays(lastDay, -rng.int(3, 18)))) })], published: null, publishedOn: null };
      case 'rejected_then_pending':
        return {
          revisions: [
            revision({ status: 'rejected', reviewNote: REJECT_NOTE }),
            revision({ status: 'pending', reviewedAt: null, photo: null, createdAt: at(rng, addDays(lastDay, -rng.int(5, 12))) }),
          ],
          published: null, publishedOn: null,
        };
      case 'no_page':
        return { revisions: [], published: null, publishedOn: null };
    }
  };

  /** The gifts of a runner, through the page (when it is public) or imported from the platform. */
  const runnerGifts = (r: number, amounts: number[], from: string, publishedOn: string | null, to: string, campaign: string, pageShare: number) => {
    for (const amount of amounts) {
      const viaPage = publishedOn !== null && publishedOn <= to && rng.chance(pageShare);
      const day = dayTowardsEnd(rng, viaPage && publishedOn ? publishedOn : from, to);
      const createdAt = at(rng, day);
      const withAddress = amount >= 2000 && rng.chance(0.6);
      const who = donor(amount >= 30000, createdAt, withAddress);
      if (viaPage) {
        const wall = rng.weighted([['name', 55], ['anonymous', 30], ['hidden', 15]] as const);
        const message = rng.chance(0.5) ? rng.pick(rng.chance(0.85) ? CHEERS_JA : CHEERS_EN) : '';
        gifts.push({
          runner: r, campaign, fund: 'unrestricted', donor: who, amountYen: amount, receivedOn: earlier(addDays(day, rng.int(0, 3)), to), createdAt,
          status: 'received', method: 'bank_transfer', platform: 'web_page', externalId: '', feeYen: 0, isAnonymous: wall !== 'name', message,
          imported: false, receiptAsked: 'planned' in who && withAddress,
          page: { reference: reference(rng, references), onWall: wall !== 'hidden', wallName: wall === 'name' ? wallName(who) : '', showAmount: rng.chance(0.4), message, hiddenAt: null },
        });
      } else {
        gifts.push({
          runner: r, campaign, fund: 'unrestricted', donor: who, amountYen: amount, receivedOn: day, createdAt: at(rng, earlier(addDays(day, rng.int(3, 20)), to), 9 * 60, 18 * 60),
          status: 'received', method: 'card', platform: 'congrant', externalId: '', feeYen: Math.round(amount * 0.036), isAnonymous: rng.chance(0.08),
          message: rng.chance(0.2) ? rng.pick(CHEERS_JA) : '', imported: true, receiptAsked: false, page: null,
        });
      }
    }
  };

  const raceOver2026 = earlier(TOKYO_2026.raceOn, today);
  const runnerOf2026 = new Map<number, number>();
  const selected2026 = [...designOf.entries()].sort((x, y) => (applications[x[0]]?.decidedAt?.getTime() ?? 0) - (applications[y[0]]?.decidedAt?.getTime() ?? 0));
  for (const [index, design] of selected2026) {
    const a = applications[index];
    if (!a?.decidedAt) continue;
    const selectedOn = dateOf(a.decidedAt);
    const lastDay = design.stage === 'withdrawn' ? earlier('2025-12-20', raceOver2026) : raceOver2026;
    const page = pages(design, a, selectedOn, TOKYO_2026.nameJa, lastDay);
    const goal = page.published !== null ? (page.revisions[page.published]?.goalYen ?? design.goal) : design.goal;
    runners.push({
      event: 0, application: index, supporter: supporterOfApplication(a, a.decidedAt), slug: hexSlug(rng, slugs), goalYen: goal,
      status: design.stage === 'withdrawn' ? 'withdrawn' : 'active', stage: design.stage, selectedAt: a.decidedAt, revisions: page.revisions,
      published: page.published, lastRemindedAt: null,
    });
    const r = runners.length - 1;
    runnerOf2026.set(index, r);
    const share = design.share[0] + rng.next() * (design.share[1] - design.share[0]);
    const target = Math.round((goal * share) / 1000) * 1000;
    const reaches = share >= 1;
    const cap = reaches ? Number.POSITIVE_INFINITY : Math.min(target, goal - 1000);
    const runner = runners[r];
    if (runner) runnerGifts(r, amountsFor(rng, target, cap, 3, 25), firstGiftDay(runner), page.publishedOn, lastDay, TOKYO_2026.campaign, 0.72);
  }
  // Two page entries staff took off the wall, on two published runners.
  const visible = gifts.filter((g) => g.page?.onWall && g.runner !== null && runners[g.runner]?.stage === 'published');
  const onWalls = rng.shuffle([...new Set(visible.map((g) => g.runner))]).slice(0, HIDDEN_MESSAGES.length);
  for (const [k, r] of onWalls.entries()) {
    const g = rng.pick(visible.filter((x) => x.runner === r));
    const text = HIDDEN_MESSAGES[k] ?? '';
    if (!g.page) continue;
    g.page.message = text;
    g.message = text;
    g.page.hiddenAt = new Date(g.createdAt.getTime() + 20 * 3_600_000);
  }
  // Reminders went a month before race day to runners below the minimum then.
  const reminderCutoff = addDays(TOKYO_2026.raceOn, -30);
  if (reminderCutoff <= today) {
    for (const [r, runner] of runners.entries()) {
      if (runner.status !== 'active') continue;
      const raised = gifts.filter((g) => g.runner === r && g.receivedOn <= reminderCutoff).reduce((s, g) => s + g.amountYen, 0);
      if (raised < TOKYO_2026.minimumYen) runner.lastRemindedAt = tokyoInstant(addDays(reminderCutoff, 3), 10 * 60);
    }
  }

  // --- The next Tokyo Marathon: applications open, runners mid-fundraising ---
  const raceOn = nextRaceDay(today);
  const y = raceOn.slice(0, 4);
  const nextCampaign: DemoCampaign = {
    code: `tokyo-marathon-${y}`, nameJa: `東京マラソン${y} チャリティ`, nameEn: `Tokyo Marathon ${y} charity`, channel: 'runners', goalYen: 3_000_000,
    startsOn: addDays(today, -30), endsOn: addDays(raceOn, 30), fund: 'unrestricted',
  };
  campaigns.push(nextCampaign);
  const next: DemoCharityEvent = {
    code: `tokyo-${y}`, nameJa: `東京マラソン${y}`, nameEn: `Tokyo Marathon ${y}`, raceOn, minimumYen: 100_000, applicationsOpenOn: addDays(today, -20),
    applicationsCloseOn: addDays(today, 25), places: 30, campaign: nextCampaign.code, bankDetailsJa: BANK_JA, bankDetailsEn: BANK_EN,
    introJa: INTRO_JA(y), introEn: INTRO_EN(y), createdAt: at(rng, addDays(today, -30), 10 * 60, 17 * 60),
  };
  events.push(next);
  const nextIndex = events.length - 1;
  // Returning runners: two of 2026's who reached their goal, applying again on the first day.
  const returning = runners.filter((r) => r.event === 0 && r.stage === 'published' && gifts.filter((g) => g.runner === runners.indexOf(r)).reduce((s, g) => s + g.amountYen, 0) >= r.goalYen).slice(0, 2);
  const nextRunners: Array<{ index: number; plan: (typeof DESIGNS_NEXT)[number]; supporter: SupporterRef | undefined }> = [];
  for (const d of DESIGNS_NEXT) {
    const back = d.returning ? returning.shift() : undefined;
    const before = back ? applications[back.application] : undefined;
    const appliedOn = back ? next.applicationsOpenOn : addDays(today, -d.selectedDaysAgo - rng.int(2, 8));
    const a = applicant(nextIndex, null, false, at(rng, later(appliedOn, next.applicationsOpenOn)));
    if (before && back) Object.assign(a, { familyName: before.familyName, givenName: before.givenName, familyNameKana: before.familyNameKana, givenNameKana: before.givenNameKana, email: before.email, phone: before.phone, language: before.language, motivation: before.language === 'en' ? 'I ran for you last year and want to do it again.' : '昨年に続いて、もう一度とびらのために走りたいです。去年応援してくれた仲間にも、また声をかけます。' });
    decide(a, 'selected', at(rng, addDays(today, -d.selectedDaysAgo), 9 * 60, 19 * 60), next);
    applications.push(a);
    nextRunners.push({ index: applications.length - 1, plan: d, supporter: back?.supporter });
  }
  for (let k = 0; k < 7; k++) {
    const shortlisted = k < 3;
    const a = applicant(nextIndex, null, rng.chance(0.15), at(rng, addDays(today, shortlisted ? -rng.int(10, 18) : -rng.int(0, 6))));
    if (shortlisted) decide(a, 'shortlisted', at(rng, earlier(addDays(dateOf(a.createdAt), rng.int(3, 8)), today), 9 * 60, 18 * 60), next);
    applications.push(a);
  }
  for (const { index, plan: d, supporter } of nextRunners) {
    const a = applications[index];
    if (!a?.decidedAt) continue;
    const selectedOn = dateOf(a.decidedAt);
    const design = d.design;
    const written = earlier(addDays(selectedOn, rng.int(1, 3)), addDays(today, -1));
    const pic = design.photo ? photo(rng) : null;
    const revision: DemoRevision = {
      displayName: displayName(a), story: story(a.language, next.nameJa), goalYen: design.goal, photo: pic, status: design.stage === 'pending' ? 'pending' : 'approved',
      reviewNote: '', submittedBy: 'runner', createdAt: at(rng, design.stage === 'pending' ? addDays(today, -1) : written),
      reviewedAt: design.stage === 'pending' ? null : at(rng, earlier(addDays(written, 1), today), 10 * 60, 18 * 60),
    };
    runners.push({
      event: nextIndex, application: index, supporter: supporter ?? supporterOfApplication(a, a.decidedAt), slug: hexSlug(rng, slugs), goalYen: design.goal,
      status: 'active', stage: design.stage, selectedAt: a.decidedAt, revisions: [revision], published: design.stage === 'pending' ? null : 0, lastRemindedAt: null,
    });
    const r = runners.length - 1;
    const share = design.share[0] + rng.next() * (design.share[1] - design.share[0]);
    const target = Math.round((design.goal * share) / 1000) * 1000;
    const publishedOn = revision.reviewedAt ? dateOf(revision.reviewedAt) : null;
    if (target > 0) runnerGifts(r, amountsFor(rng, target, share >= 1 ? Number.POSITIVE_INFINITY : target, 1, 14), addDays(selectedOn, 1), publishedOn, today, nextCampaign.code, 0.7);
    else runnerGifts(r, [5000], addDays(selectedOn, 1), null, today, nextCampaign.code, 0);
    if (d.pledge && publishedOn) {
      // Promised on the page in the last days, not paid yet (not on the wall until it is).
      const day = later(addDays(today, -rng.int(0, 3)), publishedOn);
      const amount = rng.pick([3000, 5000, 10000]);
      const createdAt = at(rng, day);
      const who = donor(false, createdAt, false);
      const message = rng.chance(0.6) ? rng.pick(CHEERS_JA) : '';
      gifts.push({
        runner: r, campaign: nextCampaign.code, fund: 'unrestricted', donor: who, amountYen: amount, receivedOn: day, createdAt, status: 'pledged', method: 'bank_transfer',
        platform: 'web_page', externalId: '', feeYen: 0, isAnonymous: false, message, imported: false, receiptAsked: false,
        page: { reference: reference(rng, references), onWall: true, wallName: wallName(who), showAmount: rng.chance(0.5), message, hiddenAt: null },
      });
    }
  }

  // --- The winter appeal's public page, with a few messages given through it ---
  const winter = fundraising.campaigns.find((c) => c.channel === 'online' && c.startsOn <= today && today <= c.endsOn)
    ?? [...fundraising.campaigns].filter((c) => c.channel === 'online').sort((p, q) => q.startsOn.localeCompare(p.startsOn))[0];
  let campaignPage: DemoCampaignPage | null = null;
  if (winter) {
    campaignPage = {
      campaign: winter.code, slug: 'winter', titleJa: `${winter.nameJa}：寒い夜に、温かい寝床を`, titleEn: `${winter.nameEn}: a warm bed on a cold night`,
      storyJa: '東京では今夜も、難民として日本に逃れてきた人たちが路上やネットカフェで夜を過ごしています。難民申請の結果を待つ間、多くの人は働くことも公的な支援を受けることもできません。\n\nとびらは冬の間、シェルターの寝床、温かい食事、防寒具、そして相談の場を届けています。3,000円で温かい食事が10食、10,000円でシェルターに2泊できます。この冬を、誰も路上で越さずにすむように。ご支援をお願いします。',
      storyEn: 'Tonight in Tokyo, people who fled to Japan to seek asylum are sleeping on the street or in internet cafés. While they wait for a decision, most can neither work nor receive public support.\n\nAll winter, Tobira provides shelter beds, warm meals, winter clothes and advice. ¥3,000 buys ten warm meals; ¥10,000 two nights in our shelter. Help us make sure nobody spends this winter outside.',
      bankDetailsJa: BANK_JA, bankDetailsEn: BANK_EN, updatedAt: at(rng, later(winter.startsOn, addDays(today, -40)), 10 * 60, 17 * 60),
    };
    if (winter.startsOn <= today && today <= winter.endsOn) {
      for (let k = 0; k < 10; k++) {
        const pledged = k >= 8;
        const day = pledged ? addDays(today, -rng.int(0, 2)) : dayTowardsEnd(rng, later(winter.startsOn, addDays(today, -24)), today);
        const createdAt = at(rng, day);
        const who: SupporterRef = { existing: rng.pick(donorPool) };
        const named = rng.chance(0.5);
        const message = rng.pick(WINTER_MESSAGES);
        gifts.push({
          runner: null, campaign: winter.code, fund: winter.fund, donor: who, amountYen: rng.weighted(AMOUNTS), receivedOn: pledged ? day : earlier(addDays(day, rng.int(0, 2)), today),
          createdAt, status: pledged ? 'pledged' : 'received', method: 'bank_transfer', platform: 'web_page', externalId: '', feeYen: 0, isAnonymous: !named, message,
          imported: false, receiptAsked: false,
          page: { reference: reference(rng, references), onWall: true, wallName: named ? wallName(who) : '', showAmount: rng.chance(0.3), message, hiddenAt: null },
        });
      }
    }
  }

  for (const g of gifts) {
    if (g.platform === 'web_page' && g.page) g.externalId = `page:${g.page.reference}`;
    else g.externalId = `CG-RUN-${String(++externalSeq).padStart(6, '0')}`;
  }
  gifts.sort((p, q) => p.createdAt.getTime() - q.createdAt.getTime());
  return { campaigns, events, applications, runners, supporters, gifts, campaignPage };
}

// ---------------------------------------------------------------- photos

const hex = (h: number, s: number, l: number) => {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * c).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
};

/** The photo as an SVG without text (no font needed), 800×600. */
export function photoSvg(p: DemoPhoto): string {
  const ridge = p.ridge.map((yy, i) => `${Math.round((i * 800) / (p.ridge.length - 1))},${yy}`).join(' ');
  const x = p.runnerX;
  const ink = '#2b2b2b';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hex(p.skyHue, 70, 55)}"/><stop offset="1" stop-color="${hex(p.skyHue + 20, 60, 88)}"/></linearGradient></defs>
<rect width="800" height="600" fill="url(#sky)"/>
<circle cx="${p.sun.x}" cy="${p.sun.y}" r="${p.sun.r}" fill="${hex(45, 95, 70)}"/>
<polygon points="0,600 ${ridge} 800,600" fill="${hex(p.hillHue, 35, 42)}"/>
<polygon points="330,600 470,600 415,430 385,430" fill="${hex(30, 8, 35)}"/>
<circle cx="${x}" cy="372" r="17" fill="${ink}"/>
<line x1="${x}" y1="392" x2="${x - 8}" y2="452" stroke="${hex(p.shirtHue, 75, 50)}" stroke-width="20" stroke-linecap="round"/>
<line x1="${x - 8}" y1="452" x2="${x + 22}" y2="500" stroke="${ink}" stroke-width="11" stroke-linecap="round"/>
<line x1="${x - 8}" y1="452" x2="${x - 40}" y2="492" stroke="${ink}" stroke-width="11" stroke-linecap="round"/>
<line x1="${x - 2}" y1="405" x2="${x + 30}" y2="425" stroke="${ink}" stroke-width="9" stroke-linecap="round"/>
<line x1="${x - 4}" y1="405" x2="${x - 32}" y2="438" stroke="${ink}" stroke-width="9" stroke-linecap="round"/>
</svg>`;
}

/** Renders the photo and stores it as the app stores an upload (preparePhoto: ≤1200 px, JPEG q82, no metadata). */
export async function renderPhoto(p: DemoPhoto): Promise<PreparedPhoto> {
  const png = await sharp(Buffer.from(photoSvg(p))).png().toBuffer();
  return preparePhoto(png);
}

// ---------------------------------------------------------------- writing

export interface RunnersCounts {
  events: number;
  applications: number;
  runners: number;
  publishedPages: number;
  revisions: number;
  photos: number;
  supporters: number;
  gifts: number;
  pageGifts: number;
  raisedYen: number;
  campaignPages: number;
}

/**
 * Writes the planned runners' campaigns, events, applications, supporters, runners (codes from the
 * organisation's `runner` counter), page revisions (photos rendered here), gifts soft-credited to
 * the runners with their page choices, and the winter campaign page. `demoSupporterIds` are the ids
 * of the fundraising plan's supporters, in order, as writeFundraising wrote them.
 */
export async function writeRunners(
  db: DbOrTx, organisationId: string, staffId: string | null, plan: RunnersPlan, demoSupporterIds: readonly string[], today: string,
): Promise<RunnersCounts> {
  const funds = await repo.fundIdsByCode(db, organisationId);
  const fund = (code: string) => funds.get(code) ?? funds.get('unrestricted') ?? '';
  for (const c of plan.campaigns) {
    await repo.insertCampaignReturning(db, {
      organisation_id: organisationId, code: c.code, name_ja: c.nameJa, name_en: c.nameEn, channel: c.channel, goal_yen: c.goalYen, starts_on: c.startsOn,
      ends_on: c.endsOn, fund_id: fund(c.fund),
    });
  }
  const campaignIds = await repo.campaignIdsByCode(db, organisationId);
  const campaign = (code: string) => {
    const id = campaignIds.get(code);
    if (!id) throw new Error(`demo: no campaign ${code}`);
    return id;
  };

  // New supporters: runners who were not on file, and donors who gave for the first time.
  const first = plan.supporters.length > 0 ? await reserveCounter(db, organisationId, 'supporter', plan.supporters.length) : 0;
  const plannedIds = await repo.insertSupportersReturning(db, plan.supporters.map((s, i) => {
    const supporterNumber = `S-${String(first + i).padStart(6, '0')}`;
    const names = { kind: 'individual' as const, familyName: s.familyName, givenName: s.givenName, familyNameKana: s.familyNameKana, givenNameKana: s.givenNameKana, organisationName: '', organisationNameKana: '', department: '', honorific: 'sama' as const };
    return {
      organisation_id: organisationId, supporter_number: supporterNumber, kind: 'individual' as const, family_name: s.familyName, given_name: s.givenName,
      family_name_kana: s.familyNameKana, given_name_kana: s.givenNameKana, honorific: 'sama' as const, email: s.email, phone: s.phone, preferred_language: s.preferredLanguage,
      // A runner was added by staff on selection; a donor through a public page (nobody signed in).
      publish_name: s.publishName, tags: s.tags, created_by: s.tags.includes('runner') ? staffId : null, created_at: s.createdAt,
      search_text: supporterSearchText({ ...names, supporterNumber, email: s.email, phone: s.phone, postalCode: s.address?.postalCode ?? null }),
    };
  }));
  const addresses = plan.supporters.flatMap((s, i) => {
    if (!s.address) return [];
    const place = lookupPostalCode(s.address.postalCode).places[0];
    return [{
      organisation_id: organisationId, supporter_id: plannedIds[i] ?? '', postal_code: s.address.postalCode, prefecture: place?.prefecture ?? '', city: place?.city ?? '',
      line1: `${place?.town ?? ''}${s.address.line1}`, valid_from: s.since, created_by: null,
    }];
  });
  if (addresses.length > 0) await repo.insertSupporterAddresses(db, addresses);
  const supporterId = (ref: SupporterRef) => {
    const id = 'existing' in ref ? demoSupporterIds[ref.existing] : plannedIds[ref.planned];
    if (!id) throw new Error(`demo: supporter ${JSON.stringify(ref)} was not written`);
    return id;
  };

  const eventIds = await repo.insertCharityEventsReturning(db, plan.events.map((e) => ({
    organisation_id: organisationId, code: e.code, name_ja: e.nameJa, name_en: e.nameEn, race_on: e.raceOn, minimum_yen: e.minimumYen,
    applications_open_on: e.applicationsOpenOn, applications_close_on: e.applicationsCloseOn, places: e.places, campaign_id: campaign(e.campaign), payment_url: null,
    bank_details_ja: e.bankDetailsJa, bank_details_en: e.bankDetailsEn, intro_ja: e.introJa, intro_en: e.introEn, created_at: e.createdAt, created_by: staffId,
  })));
  const eventId = (i: number) => eventIds[i] ?? '';
  const applicationIds = await repo.insertRunnerApplicationsReturning(db, plan.applications.map((a) => ({
    organisation_id: organisationId, event_id: eventId(a.event), family_name: a.familyName, given_name: a.givenName, family_name_kana: a.familyNameKana,
    given_name_kana: a.givenNameKana, email: a.email, phone: a.phone, motivation: a.motivation, plan: a.plan, language: a.language, consented_at: a.createdAt,
    status: a.status, decision_reason: a.decisionReason, decision_message: a.decisionMessage, decided_by: a.decidedAt ? staffId : null, decided_at: a.decidedAt,
    created_at: a.createdAt, version: a.decidedAt ? 2 : 1,
  })));

  const firstCode = plan.runners.length > 0 ? await reserveCounter(db, organisationId, 'runner', plan.runners.length) : 0;
  const codes = plan.runners.map((_, i) => `R-${String(firstCode + i).padStart(4, '0')}`);
  const runnerIds = await repo.insertRunnersReturning(db, plan.runners.map((r, i) => ({
    organisation_id: organisationId, event_id: eventId(r.event), application_id: applicationIds[r.application] ?? null, supporter_id: supporterId(r.supporter),
    code: codes[i] ?? '', slug: r.slug, goal_yen: r.goalYen, status: r.status, last_reminded_at: r.lastRemindedAt, created_at: r.selectedAt, created_by: staffId,
    version: 1 + r.revisions.filter((v) => v.status === 'approved').length + (r.status === 'withdrawn' ? 1 : 0) + (r.lastRemindedAt ? 1 : 0),
  })));

  // The photos, each rendered once (a later revision that keeps the photo stores the same bytes).
  const pictures = [...new Set(plan.runners.flatMap((r) => r.revisions.flatMap((v) => (v.photo ? [v.photo] : []))))];
  const rendered = new Map(await Promise.all(pictures.map(async (p) => [p, await renderPhoto(p)] as const)));
  const revisions = plan.runners.flatMap((r, i) => r.revisions.map((v) => ({ runner: i, v })));
  const revisionIds = await repo.insertRunnerRevisionsReturning(db, revisions.map(({ runner, v }) => {
    const picture = v.photo ? rendered.get(v.photo) : undefined;
    return {
      organisation_id: organisationId, runner_id: runnerIds[runner] ?? '', display_name: v.displayName, story: v.story, goal_yen: v.goalYen,
      photo: picture?.bytes ?? null, photo_width: picture?.width ?? null, photo_height: picture?.height ?? null, status: v.status, review_note: v.reviewNote,
      submitted_by: v.submittedBy, created_at: v.createdAt, created_by: v.submittedBy === 'staff' ? staffId : null,
      reviewed_by: v.reviewedAt ? staffId : null, reviewed_at: v.reviewedAt,
    };
  }));
  const published = plan.runners.flatMap((r, i) => {
    if (r.published === null) return [];
    const k = revisions.findIndex((x) => x.runner === i && x.v === r.revisions[r.published ?? -1]);
    const revisionId = revisionIds[k];
    const runnerId = runnerIds[i];
    return revisionId && runnerId ? [{ runnerId, revisionId }] : [];
  });
  await repo.setPublishedRevisions(db, published);

  // Gifts: soft-credited to the runner (kind 'runner'), with the donor's page choices when given through a page.
  let raisedYen = 0;
  const giftIds = await repo.insertGiftsReturning(db, plan.gifts.map((g) => {
    raisedYen += g.status === 'received' ? g.amountYen : 0;
    const code = g.runner === null ? '' : (codes[g.runner] ?? '');
    return {
      organisation_id: organisationId, supporter_id: supporterId(g.donor), amount_yen: g.amountYen, received_on: g.receivedOn, method: g.method,
      campaign_id: campaign(g.campaign), fund_id: fund(g.fund), is_anonymous: g.isAnonymous, donor_message: g.message, source_platform: g.platform,
      external_id: g.externalId, fee_yen: g.feeYen, status: g.status, reverses_gift_id: null, recurring_commitment_id: null,
      note: g.imported ? `Congrant 取込（ランナーID ${code}）` : g.receiptAsked ? 'Receipt asked on the page' : '',
      created_by: g.imported ? staffId : null, created_at: g.createdAt,
      thanked_at: g.status === 'received' && addDays(g.receivedOn, 30) < today ? tokyoInstant(addDays(g.receivedOn, 5), 900) : null,
      version: g.platform === 'web_page' && g.status === 'received' ? 2 : 1,
    };
  }));
  await repo.insertGiftSoftCredits(db, plan.gifts.flatMap((g, i) => {
    const runner = g.runner === null ? undefined : plan.runners[g.runner];
    return runner ? [{ organisation_id: organisationId, gift_id: giftIds[i] ?? '', kind: 'runner' as const, supporter_id: supporterId(runner.supporter), name: '' }] : [];
  }));
  await repo.insertPageGifts(db, plan.gifts.flatMap((g, i) => (g.page ? [{
    gift_id: giftIds[i] ?? '', organisation_id: organisationId, campaign_id: campaign(g.campaign), runner_id: g.runner === null ? null : (runnerIds[g.runner] ?? null),
    reference: g.page.reference, on_wall: g.page.onWall, wall_name: g.page.wallName, show_amount: g.page.showAmount, message: g.page.message,
    hidden_at: g.page.hiddenAt, hidden_by: g.page.hiddenAt ? staffId : null, created_at: g.createdAt,
  }] : [])));

  if (plan.campaignPage) {
    const p = plan.campaignPage;
    await repo.insertCampaignPage(db, {
      campaign_id: campaign(p.campaign), organisation_id: organisationId, slug: p.slug, title_ja: p.titleJa, title_en: p.titleEn, story_ja: p.storyJa, story_en: p.storyEn,
      payment_url: null, bank_details_ja: p.bankDetailsJa, bank_details_en: p.bankDetailsEn, show_figures: true, is_published: true, updated_by: staffId,
    }, p.updatedAt);
  }
  return {
    events: eventIds.length, applications: applicationIds.length, runners: runnerIds.length, publishedPages: published.length, revisions: revisionIds.length,
    photos: pictures.length, supporters: plannedIds.length, gifts: plan.gifts.filter((g) => g.runner !== null).length,
    pageGifts: plan.gifts.filter((g) => g.page !== null).length, raisedYen, campaignPages: plan.campaignPage ? 1 : 0,
  };
}
