/**
 * The demo data as plain values, before anything touches a database: people from the name lists,
 * and a history of visits, consultations and aid over the last weeks. Pure functions of a seeded
 * random generator and "now", so the same seed on the same day gives the same data.
 */
import type { Housing, Sex } from '../../people/contract';
import type { Priority, VisitStatus } from '../../reception/contract';
import type { Topic } from '../../consultations/contract';
import { tokyoDate } from '../../../shared/time';
import { nameGroups, type NameForm, type NameGroup } from '../names';

// ---------------------------------------------------------------- random numbers

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One item, each with probability weight / total; `u` in [0, 1) replaces the random draw. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>, u?: number): T;
  shuffle<T>(items: T[]): T[];
  /**
   * `n` items in random order, each as often as its weight's exact share of `n` (largest
   * remainder): a sample that always has the proportions, where `weighted` only has them on average.
   */
  deal<T>(items: ReadonlyArray<readonly [T, number]>, n: number): T[];
  /**
   * Draws in [0, 1) that cover the interval evenly however many are taken (a Weyl sequence from a
   * random start): for a choice made for an unknown number of people, in stable proportions.
   */
  spread(): () => number;
}

/** mulberry32: small, fast and good enough for made-up data; the same seed gives the same sequence. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted: (items, u) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = (u ?? next()) * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j] as (typeof items)[number], items[i] as (typeof items)[number]];
      }
      return items;
    },
    deal: (items, n) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      const shares = items.map(([item, w], index) => ({ item, index, exact: total > 0 ? (n * w) / total : 0 }));
      const counts = shares.map((s) => Math.floor(s.exact));
      let left = n - counts.reduce((a, b) => a + b, 0);
      for (const s of [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.index - b.index)) {
        if (left-- <= 0) break;
        counts[s.index] = (counts[s.index] ?? 0) + 1;
      }
      return rng.shuffle(shares.flatMap((s) => Array.from({ length: counts[s.index] ?? 0 }, () => s.item)));
    },
    spread: () => {
      let u = next();
      return () => {
        u = (u + 0.6180339887498949) % 1;
        return u;
      };
    },
  };
  return rng;
}

// ---------------------------------------------------------------- dates (Tokyo is UTC+9, no DST)

const MINUTE = 60_000;

/** The instant `minutes` after midnight of `date` in Tokyo. */
export function tokyoInstant(date: string, minutes: number): Date {
  return new Date(Date.parse(`${date}T00:00:00+09:00`) + minutes * MINUTE);
}

import { addDays } from '../../../shared/time';

export { addDays };

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
const month = (date: string) => Number(date.slice(5, 7));

/** True on the days the office is open: weekdays outside the year-end closure (29 Dec – 3 Jan). */
export function isOfficeDay(date: string): boolean {
  const day = weekday(date);
  const md = date.slice(5);
  return day !== 0 && day !== 6 && !(md >= '12-29' || md <= '01-03');
}

/** November to March: coats and blankets go out, and the office is busiest. */
export const isWinter = (date: string) => [11, 12, 1, 2, 3].includes(month(date));

// ---------------------------------------------------------------- people

export interface DemoPerson {
  familyName: string;
  givenName: string;
  nameInOwnScript: string | null;
  nameKana: string | null;
  dateOfBirth: string | null;
  dateOfBirthEstimated: boolean;
  sex: Sex;
  nationality: string;
  languages: string[];
  phone: string | null;
  housing: Housing | null;
  /** Age on the reference day (null without a date of birth), for priority reasons. */
  age: number | null;
}

const passportCase = (s: string) => s.toLocaleUpperCase('en');

function pickDistinct(rng: Rng, list: readonly NameForm[], not: string | undefined): NameForm {
  for (let i = 0; i < 5; i++) {
    const form = rng.pick(list);
    if (form[0] !== not) return form;
  }
  return rng.pick(list);
}

function personName(rng: Rng, group: NameGroup, sex: Sex) {
  const givenList = sex === 'female' ? group.female : sex === 'male' ? group.male : rng.pick([group.female, group.male]);
  if (group.singleName) {
    // Burmese: two or three syllables, the last from the list of usual endings; no family name.
    const parts: NameForm[] = [rng.pick(givenList)];
    if (rng.chance(0.5)) parts.push(pickDistinct(rng, givenList, parts[0]?.[0]));
    parts.push(pickDistinct(rng, group.family, parts[parts.length - 1]?.[0]));
    return {
      familyName: '',
      givenName: parts.map((p) => p[0]).join(' '),
      nameInOwnScript: rng.chance(0.85) ? parts.map((p) => p[1] ?? '').join('') : null,
      nameKana: rng.chance(0.9) ? parts.map((p) => p[2]).join('') : null,
    };
  }
  const given = rng.pick(givenList);
  const family = pickDistinct(rng, group.family, given[0]);
  const ownScript = group.ownScriptStyle === 'spaced' && given[1] && family[1] && rng.chance(0.85) ? `${given[1]} ${family[1]}` : null;
  return {
    // About half the files carry the family name in capitals, as on the residence card.
    familyName: rng.chance(0.5) ? passportCase(family[0]) : family[0],
    givenName: given[0],
    nameInOwnScript: ownScript,
    // Japanese staff write the given name first, as the person says it: アベベ・テスファイエ.
    nameKana: rng.chance(0.9) ? `${given[2]}・${family[2]}` : null,
  };
}

function personLanguages(rng: Rng, group: NameGroup): string[] {
  const [first, ...others] = group.languages;
  if (!first) return [];
  const alternatives = others.filter((l) => l !== 'en');
  const primary = alternatives.length > 0 && rng.chance(0.2) ? rng.pick(alternatives) : first;
  const languages = [primary];
  for (const other of group.languages) if (!languages.includes(other) && rng.chance(group.nationality === 'TR' ? 0.8 : 0.35)) languages.push(other);
  if (!languages.includes('en') && rng.chance(0.25)) languages.push('en');
  if (rng.chance(0.08)) languages.push('ja');
  return languages;
}

function dateOfBirth(rng: Rng, referenceYear: number, today: string) {
  const age = rng.weighted<[number, number]>([
    [[1, 17], 5],
    [[18, 29], 32],
    [[30, 44], 40],
    [[45, 59], 19],
    [[60, 72], 4],
  ]);
  const years = rng.int(age[0], age[1]);
  const year = referenceYear - years;
  if (rng.chance(0.03)) return { dateOfBirth: null, dateOfBirthEstimated: false, age: null };
  // Without documents the office records the year only: 1 January, marked as estimated.
  if (rng.chance(0.12)) return { dateOfBirth: `${year}-01-01`, dateOfBirthEstimated: true, age: years };
  let date = addDays(`${year}-01-01`, rng.int(0, 364));
  if (date > today) date = addDays(today, -rng.int(1, 300));
  return { dateOfBirth: date, dateOfBirthEstimated: false, age: years };
}

const housingMix: ReadonlyArray<readonly [Housing | null, number]> = [
  ['rough_sleeping', 22], ['net_cafe', 20], ['friend', 20], ['org_shelter', 7], ['esfra', 5],
  ['religious_facility', 5], ['own_home', 18], [null, 3],
];
// Women and children get shelter places first (DOMAIN.md): fewer of them sleep outside.
const housingMixWomen: ReadonlyArray<readonly [Housing | null, number]> = [
  ['rough_sleeping', 3], ['net_cafe', 8], ['friend', 25], ['org_shelter', 25], ['esfra', 10],
  ['religious_facility', 6], ['own_home', 21], [null, 2],
];

function phone(rng: Rng): string | null {
  if (!rng.chance(0.65)) return null;
  const four = () => String(rng.int(0, 9999)).padStart(4, '0');
  return `${rng.pick(['080', '090', '070'])}-${four()}-${four()}`;
}

/** One made-up person of a group. */
export function generatePerson(rng: Rng, group: NameGroup, today: string): DemoPerson {
  const sex = rng.weighted<Sex>([['male', 67], ['female', 31], ['other', 1], ['unknown', 1]]);
  const birth = dateOfBirth(rng, Number(today.slice(0, 4)), today);
  const housing = birth.age !== null && birth.age < 18
    ? rng.pick<Housing>(['org_shelter', 'friend', 'own_home', 'esfra'])
    : rng.weighted(sex === 'female' ? housingMixWomen : housingMix);
  return {
    ...personName(rng, group, sex),
    ...birth,
    sex,
    nationality: group.nationality,
    languages: personLanguages(rng, group),
    phone: phone(rng),
    housing,
  };
}

/**
 * `count` people in the DOMAIN.md mix of nationalities (for 300, exactly the groups' weights:
 * 193 from African countries), in random order.
 */
export function generatePeople(rng: Rng, count: number, today: string): DemoPerson[] {
  const totalWeight = nameGroups.reduce((sum, g) => sum + g.weight, 0);
  const slots: NameGroup[] = [];
  for (const group of nameGroups) for (let i = 0; i < Math.floor((group.weight * count) / totalWeight); i++) slots.push(group);
  const weighted = nameGroups.map((g) => [g, g.weight] as const);
  while (slots.length < count) slots.push(rng.weighted(weighted));
  return rng.shuffle(slots).map((group) => generatePerson(rng, group, today));
}

// ---------------------------------------------------------------- history

export type DemoStaffRole = 'caseworker' | 'reception';

export interface PlannedVisit {
  person: number;
  visitDate: string;
  ticketNumber: number;
  reason: string;
  interpreterLanguage: string | null;
  priority: Priority;
  priorityReasons: string[];
  status: VisitStatus;
  checkedInAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  handledBy: DemoStaffRole | null;
}

export interface PlannedConsultation {
  person: number;
  /** Index into the plan's visits, or null for a phone or online consultation. */
  visit: number | null;
  occurredAt: Date;
  mode: 'in_person' | 'phone' | 'online';
  interpreterLanguage: string | null;
  topics: Topic[];
  note: string;
  needs: string;
  actions: string;
  followUpOn: string | null;
}

export interface PlannedAid {
  person: number;
  visit: number | null;
  itemCode: string;
  quantity: number;
  amountYen: number | null;
  givenOn: string;
  givenBy: DemoStaffRole;
  note: string;
  createdAt: Date;
}

export interface HistoryPlan {
  /** When each person was registered (index = person). */
  registeredAt: Date[];
  visits: PlannedVisit[];
  consultations: PlannedConsultation[];
  aid: PlannedAid[];
  /** Office days with visits, oldest first (today last). */
  days: string[];
}

export interface HistoryOptions {
  now: Date;
  /** How far back the history goes, in calendar days. */
  days: number;
  /** Visits per office day: [min, max] in winter and outside it. */
  perDayWinter?: readonly [number, number];
  perDay?: readonly [number, number];
  /** How many people check in today (the live queue). */
  today?: number;
  /** Share of people registered before the history starts (the rest register on their first visit). */
  registeredBefore?: number;
}

type Lang = 'en' | 'ja';
interface TopicText { note: Record<Lang, readonly string[]>; needs: Record<Lang, readonly string[]>; actions: Record<Lang, readonly string[]> }

// Consultation records as caseworkers write them: short, factual, in English or Japanese.
const topicTexts: Record<Topic, TopicText> = {
  legal: {
    note: {
      en: [
        'First-instance decision still pending after {n} months. Explained the next interview and what to bring.',
        'Received a refusal notice. Explained the 7-day deadline for a request for review; lawyer contacted the same day.',
        'On provisional release (karihomen); next reporting date at the immigration bureau on {date}. Reminded that travel outside Tokyo needs permission.',
        'Preparing a second application. Went through the new grounds and the documents the lawyer asked for.',
        'Residence card expires on {date}. Checked the renewal documents together.',
      ],
      ja: [
        '一次審査の結果待ち（{n}か月）。次回インタビューの流れと持参書類を説明した。',
        '不認定通知を受領。審査請求の期限（7日）を説明し、当日中に弁護士へ連絡した。',
        '仮放免中。次回出頭日は{date}。都外への移動には許可が必要なことを再確認した。',
        '2回目の申請を準備中。新たな事情と弁護士に求められた書類を確認した。',
        '在留カードの期限は{date}。更新申請の書類を一緒に確認した。',
      ],
    },
    needs: { en: ['Lawyer consultation', 'Translation of the notice', 'Help with forms'], ja: ['弁護士相談', '通知書の翻訳', '書類作成の支援'] },
    actions: { en: ['Booked a lawyer consultation.', 'Copied the notice for the file.', 'Filled in the form together.'], ja: ['弁護士相談を予約した。', '通知書のコピーをファイルに保管。', '申請書を一緒に記入した。'] },
  },
  livelihood: {
    note: {
      en: [
        'No income. Applied for the protection allowance {n} weeks ago, no answer yet. Explained how to ask RHQ about the application.',
        'Protection allowance refused as ineligible. Discussed food bank days and other support.',
        'Almost no money left; eating once a day.',
        'Allowance started this month; budgeting for rent and food discussed.',
      ],
      ja: [
        '収入なし。保護費を{n}週間前に申請したが未回答。RHQへの問い合わせ方法を説明した。',
        '保護費は不適当とされた。フードバンクの日程と他の支援を案内した。',
        '所持金がほとんどなく、食事は1日1回。',
        '今月から保護費の支給開始。家賃と食費のやりくりを相談した。',
      ],
    },
    needs: { en: ['Food', 'Transport money', 'Cash support'], ja: ['食料', '交通費', '現金支援'] },
    actions: { en: ['Food parcel given.', 'Will call RHQ with consent.', 'Added to the food bank list.'], ja: ['食料パックを渡した。', '本人の同意を得てRHQに問い合わせる。', 'フードバンクの名簿に登録した。'] },
  },
  housing: {
    note: {
      en: [
        'Sleeping at a station for {n} nights. Put on the shelter waiting list.',
        'Staying in an internet café; money for it runs out this week.',
        "Staying at a friend's place, but has to leave next week.",
        'Sleeping in a park; very cold at night. Asked about ESFRA places.',
        'A shelter room is free from {date}; house rules explained.',
      ],
      ja: [
        '{n}日間、駅で野宿。シェルター待機リストに登録した。',
        'ネットカフェに滞在中。今週で費用が尽きる。',
        '知人宅に滞在しているが、来週には出なければならない。',
        '公園で野宿。夜間の寒さが厳しい。ESFRAの空きを照会した。',
        '{date}からシェルターに入居予定。生活のルールを説明した。',
      ],
    },
    needs: { en: ['Shelter place', 'Blanket and winter clothes', 'Paid lodging for a few nights'], ja: ['シェルター', '毛布・冬服', '数泊分の宿泊費'] },
    actions: { en: ['Shelter waiting list.', 'Called ESFRA.', 'Gave a blanket.'], ja: ['シェルター待機リストに登録。', 'ESFRAに電話で照会。', '毛布を渡した。'] },
  },
  medical: {
    note: {
      en: [
        'Toothache and fever for a week; no insurance. Referred to a free or low-cost clinic.',
        'Blood-pressure medicine runs out next week.',
        'Reports trouble sleeping and anxiety; offered a referral to counselling.',
        'Pregnant, {n} weeks; no check-up yet. Hospital appointment arranged.',
      ],
      ja: [
        '1週間前から発熱と歯痛。無保険のため無料低額診療の病院を紹介した。',
        '高血圧の薬が来週でなくなる。',
        '不眠と不安を訴える。カウンセリングの紹介を提案した。',
        '妊娠{n}週、健診未受診。病院の予約を取った。',
      ],
    },
    needs: { en: ['Doctor visit', 'Interpreter at the hospital', 'Medical fee support'], ja: ['受診', '病院での通訳', '医療費の支援'] },
    actions: { en: ['Referral letter written; appointment on {date}.', 'Volunteer interpreter arranged.'], ja: ['紹介状を作成。{date}に受診予約。', '通訳ボランティアを手配した。'] },
  },
  employment: {
    note: {
      en: [
        'Now has work permission (designated activities, work allowed). Wrote a CV together.',
        'No work permission; explained why working is not allowed and the risks.',
        'Interested in construction or food-factory work; Japanese is basic.',
      ],
      ja: [
        '就労可の特定活動に変更済み。履歴書を一緒に作成した。',
        '就労不可。働けない理由とリスクを説明した。',
        '建設や食品工場の仕事を希望。日本語は初級。',
      ],
    },
    needs: { en: ['Job introduction', 'Japanese class'], ja: ['仕事の紹介', '日本語教室'] },
    actions: { en: ['Introduced to a partner employer.', 'Signed up for the Japanese class.'], ja: ['協力企業に紹介した。', '日本語教室に申し込んだ。'] },
  },
  other: {
    note: {
      en: ['Came to ask about the Japanese class schedule.', 'Phone contract stopped; talked about prepaid SIM cards.', 'Needed help reading a letter from the ward office.'],
      ja: ['日本語教室の日程を確認しに来所。', '携帯電話が止まった。プリペイドSIMについて相談。', '区役所からの手紙の内容を一緒に確認した。'],
    },
    needs: { en: ['Information'], ja: ['情報提供'] },
    actions: { en: ['Explained; no further action.'], ja: ['説明した。対応終了。'] },
  },
};

const visitReasons: ReadonlyArray<readonly [string, number]> = [
  ['Food / 食料', 18], ['食料', 6], ['Consultation: asylum procedure', 10], ['難民申請の相談', 6], ['保護費の相談', 7],
  ['Transport fare to immigration (Shinagawa)', 6], ['シェルターの相談', 7], ['No place to sleep', 6], ['Medical referral', 5],
  ['体調不良', 3], ['Winter clothes / 冬服', 4], ['Follow-up', 8], ['就労の相談', 3], ['書類の翻訳', 3], ['', 5],
];

/** Turns `{n}` and `{date}` in a template into plausible values. */
function fill(rng: Rng, template: string, from: string): string {
  return template.replace('{n}', String(rng.int(2, 14))).replace('{date}', addDays(from, rng.int(3, 30)));
}

function consultationText(rng: Rng, topics: Topic[], date: string) {
  const lang: Lang = rng.chance(0.5) ? 'ja' : 'en';
  const sep = lang === 'ja' ? '' : ' ';
  const listSep = lang === 'ja' ? '、' : ', ';
  return {
    note: topics.map((t) => fill(rng, rng.pick(topicTexts[t].note[lang]), date)).join(sep),
    needs: topics.map((t) => rng.pick(topicTexts[t].needs[lang])).join(listSep),
    actions: topics.map((t) => fill(rng, rng.pick(topicTexts[t].actions[lang]), date)).join(sep),
  };
}

function topicsFor(rng: Rng, person: DemoPerson): Topic[] {
  const pool: Array<readonly [Topic, number]> = [
    ['legal', 30], ['livelihood', 25], ['housing', person.housing === 'rough_sleeping' || person.housing === 'net_cafe' ? 35 : 10],
    ['medical', 12], ['employment', 8], ['other', 5],
  ];
  const topics = new Set<Topic>([rng.weighted(pool)]);
  while (topics.size < 3 && rng.chance(0.35)) topics.add(rng.weighted(pool));
  return [...topics];
}

function interpreterFor(rng: Rng, person: DemoPerson, p = 0.65): string | null {
  const first = person.languages[0];
  return first && first !== 'en' && first !== 'ja' && rng.chance(p) ? first : null;
}

function nextOfficeDay(date: string): string {
  let d = date;
  while (!isOfficeDay(d)) d = addDays(d, 1);
  return d;
}

/** Picks `k` of `candidates` without replacement, more likely the heavier (Efraimidis–Spirakis). */
function sampleWeighted(rng: Rng, candidates: number[], weights: number[], k: number): number[] {
  return candidates
    .map((i) => ({ i, key: Math.pow(rng.next(), 1 / (weights[i] ?? 1)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, k)
    .map((x) => x.i);
}

const fareAmounts = [420, 480, 560, 640, 780, 960, 1_200, 1_580] as const;

/**
 * Visits on every office day of the last `days` days (20–50 a day, more in winter) and a live
 * queue today, with the consultations and aid that came out of them.
 */
export function planHistory(rng: Rng, people: readonly DemoPerson[], options: HistoryOptions): HistoryPlan {
  const now = options.now;
  const today = tokyoDate(now);
  const perDayWinter = options.perDayWinter ?? [30, 50];
  const perDay = options.perDay ?? [20, 40];
  const pastDays: string[] = [];
  for (let back = options.days; back >= 1; back--) {
    const d = addDays(today, -back);
    if (isOfficeDay(d)) pastDays.push(d);
  }
  // Today always has a queue, even on a weekend, so the demo shows one.
  const days = [...pastDays, today];
  const first = days[0] ?? today;

  // Who comes how often: some people every week, many once or twice.
  const activity = people.map((p) => rng.weighted([[5, 15], [1.5, 50], [0.5, 35]] as const) * (p.housing === 'rough_sleeping' ? 1.5 : 1));
  // When each person was registered: before the history, or on their first visit (a day index).
  const registeredBefore = options.registeredBefore ?? 0.35;
  const firstDay = people.map(() => (rng.chance(registeredBefore) ? -1 : rng.int(0, days.length - 1)));
  const registeredAt: Date[] = firstDay.map((dayIndex) =>
    dayIndex < 0 ? tokyoInstant(addDays(first, -rng.int(20, 720)), rng.int(600, 960)) : new Date(0),
  );

  const visits: PlannedVisit[] = [];
  const consultations: PlannedConsultation[] = [];
  const aid: PlannedAid[] = [];
  const hadCoat = new Set<number>();
  const hadBlanket = new Set<number>();

  const addAid = (person: number, visit: number | null, date: string, at: Date) => {
    const p = people[person];
    if (!p) return;
    const outside = p.housing === 'rough_sleeping' || p.housing === 'net_cafe';
    const give = (itemCode: string, givenBy: DemoStaffRole, amountYen: number | null = null, note = '', quantity = 1) =>
      aid.push({ person, visit, itemCode, quantity, amountYen, givenOn: date, givenBy, note, createdAt: at });
    if (rng.chance(0.45)) give('food_parcel', 'reception');
    if (rng.chance(0.12)) give('rice_5kg', 'reception');
    if (rng.chance(0.15)) give('hygiene_kit', 'reception');
    if (isWinter(date) && !hadCoat.has(person) && rng.chance(outside ? 0.25 : 0.06)) {
      hadCoat.add(person);
      give('winter_coat', 'reception');
    }
    if (isWinter(date) && !hadBlanket.has(person) && rng.chance(outside ? 0.3 : 0.05)) {
      hadBlanket.add(person);
      give('blanket', 'reception', null, '', rng.chance(0.2) ? 2 : 1);
    }
    if (rng.chance(0.12)) give('transport_fare', 'caseworker', rng.pick(fareAmounts), rng.pick(['入管（品川）往復', 'Round trip to the immigration bureau', 'RHQ面談', 'Hospital visit', '弁護士事務所']));
    if (rng.chance(outside ? 0.08 : 0.02)) give('cash', 'caseworker', rng.pick([3_000, 5_000, 5_000, 10_000]), rng.pick(['緊急支援', 'Emergency support', '宿泊費', 'Lodging for 2 nights']));
  };

  const addConsultation = (person: number, visit: number | null, at: Date, mode: PlannedConsultation['mode'], interpreterLanguage: string | null) => {
    const p = people[person];
    if (!p) return;
    const date = tokyoDate(at);
    const topics = topicsFor(rng, p);
    consultations.push({
      person, visit, occurredAt: at, mode, interpreterLanguage, topics,
      ...consultationText(rng, topics, date),
      followUpOn: rng.chance(0.35) ? nextOfficeDay(addDays(date, rng.int(5, 28))) : null,
    });
  };

  days.forEach((date, dayIndex) => {
    const isToday = date === today;
    const dayStart = tokyoInstant(date, 0);
    const [min, max] = isToday && options.today !== undefined ? [options.today, options.today] : isWinter(date) ? perDayWinter : perDay;
    const k = rng.int(min, max);
    // Newly registered people come on their registration day; the rest are drawn from earlier registrations.
    const newcomers: number[] = [];
    const regulars: number[] = [];
    firstDay.forEach((fd, i) => {
      if (fd === dayIndex) newcomers.push(i);
      else if (fd < dayIndex) regulars.push(i);
    });
    const visitors = [...newcomers.slice(0, k), ...sampleWeighted(rng, regulars, activity, Math.max(0, k - newcomers.length))];

    // Check-in times: the office opens at 10:00; people queue from 9:45 and most come in the morning.
    let windowStart = tokyoInstant(date, 585).getTime();
    let windowEnd = tokyoInstant(date, 945).getTime();
    if (isToday) {
      windowEnd = Math.min(windowEnd, now.getTime() - MINUTE);
      if (windowEnd - windowStart < 60 * MINUTE) {
        windowEnd = now.getTime() - MINUTE;
        windowStart = Math.max(dayStart.getTime() + MINUTE, windowEnd - 180 * MINUTE);
      }
    }
    const span = Math.max(windowEnd - windowStart, MINUTE);
    const arrivals = visitors
      .map((person) => ({ person, at: new Date(windowStart + Math.floor(Math.pow(rng.next(), 1.4) * span)) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());

    const stillOpen = isToday ? Math.max(3, Math.round(arrivals.length * 0.4)) : 0;
    arrivals.forEach(({ person, at }, order) => {
      const p = people[person];
      if (!p) return;
      if (firstDay[person] === dayIndex) registeredAt[person] = new Date(at.getTime() - rng.int(1, 5) * MINUTE);
      const reasons: string[] = [];
      if (p.housing === 'rough_sleeping' && rng.chance(0.6)) reasons.push('rough_sleeping');
      if (p.age !== null && p.age < 18) reasons.push('child');
      else if (p.sex === 'female' && rng.chance(0.12)) reasons.push('child');
      if (p.sex === 'female' && p.age !== null && p.age < 42 && rng.chance(0.04)) reasons.push('pregnancy');
      if (rng.chance(0.05)) reasons.push('medical');
      if (p.age !== null && p.age >= 60) reasons.push('elderly');
      if (rng.chance(0.01)) reasons.push('disability');
      const priority: Priority = reasons.includes('medical') && rng.chance(0.3) ? 'urgent' : reasons.length > 0 ? 'high' : 'normal';
      const visit: PlannedVisit = {
        person, visitDate: date, ticketNumber: order + 1, reason: rng.weighted(visitReasons),
        interpreterLanguage: interpreterFor(rng, p), priority, priorityReasons: reasons,
        status: 'done', checkedInAt: at, calledAt: null, startedAt: null, finishedAt: null, handledBy: null,
      };
      const remaining = arrivals.length - order;
      if (isToday && remaining <= stillOpen) {
        // The live part of today's queue: the latest arrivals wait; one or two are with staff.
        const sinceArrival = now.getTime() - at.getTime();
        if (remaining === stillOpen || remaining === stillOpen - 2) {
          visit.status = 'in_consultation';
          visit.calledAt = new Date(at.getTime() + sinceArrival * 0.4);
          visit.startedAt = new Date(visit.calledAt.getTime() + Math.min(2 * MINUTE, sinceArrival * 0.1));
          visit.handledBy = 'caseworker';
        } else if (remaining === stillOpen - 1) {
          visit.status = 'called';
          visit.calledAt = new Date(now.getTime() - Math.min(2 * MINUTE, sinceArrival / 2));
          visit.handledBy = 'caseworker';
        } else {
          visit.status = 'waiting';
        }
        visits.push(visit);
        return;
      }
      const end = isToday ? now.getTime() - MINUTE : tokyoInstant(date, 1110).getTime();
      const clamp = (t: number) => new Date(Math.min(t, end));
      if (rng.chance(0.1)) {
        // Left before being seen (another appointment, gave up waiting).
        visit.status = 'left';
        visit.finishedAt = clamp(at.getTime() + rng.int(20, 120) * MINUTE);
        visits.push(visit);
        return;
      }
      const calledAt = clamp(at.getTime() + (rng.int(5, 60) + order * 2) * MINUTE);
      const startedAt = clamp(calledAt.getTime() + rng.int(1, 4) * MINUTE);
      const finishedAt = clamp(startedAt.getTime() + rng.int(10, 50) * MINUTE);
      Object.assign(visit, { calledAt, startedAt, finishedAt, handledBy: 'caseworker' });
      const visitIndex = visits.push(visit) - 1;
      if (rng.chance(0.55)) addConsultation(person, visitIndex, startedAt, 'in_person', visit.interpreterLanguage);
      addAid(person, visitIndex, date, finishedAt);
    });

    // Phone and online consultations on past days, with people already known to the office.
    if (!isToday) {
      const known = firstDay.map((fd, i) => (fd < dayIndex ? i : -1)).filter((i) => i >= 0);
      for (let n = rng.int(2, 5); n > 0 && known.length > 0; n--) {
        const person = rng.pick(known);
        const p = people[person];
        if (!p) continue;
        addConsultation(person, null, tokyoInstant(date, rng.int(600, 1050)), rng.chance(0.75) ? 'phone' : 'online', interpreterFor(rng, p, 0.5));
      }
    }
  });
  // People registered on a day they did not make it into the queue: registered that morning.
  firstDay.forEach((dayIndex, person) => {
    const day = days[dayIndex];
    if (dayIndex >= 0 && day && registeredAt[person]?.getTime() === 0) registeredAt[person] = new Date(Math.min(tokyoInstant(day, rng.int(600, 700)).getTime(), now.getTime() - MINUTE));
  });
  return { registeredAt, visits, consultations, aid, days };
}
