import { CSV_FORMULA_START } from '../../../server/http/csv';
import { type GiftMethod, normalisePostalCode, toKatakana } from '../contract';
import { type ImportRecurrence, MAX_IMPORT_YEN } from './imports.contract';

// One cell at a time: what a Japanese CSV writes (full-width digits, half-width kana, ¥ and 円,
// 令和 dates, a bank's ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ) turned into what Tobira stores. Pure functions, no I/O.

/** A cell read, or not: the caller knows the column and turns a failure into its row issue. */
export type Parsed<T> = { ok: true; value: T } | { ok: false };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const failed: Parsed<never> = { ok: false };

// --- Text --------------------------------------------------------------------------------------

/**
 * One-line text as stored: NFKC (full-width letters and digits to ASCII, half-width kana to
 * full-width, ㈱ to (株)), every run of spaces or line breaks to one space, trimmed.
 */
export function normaliseText(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** A donor's message keeps their characters and line breaks (NFC only; NFKC would rewrite ① and full-width text). */
export function normaliseMessage(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/** A cell holding only dashes (-, ー, －, ‐) is how Japanese spreadsheets write "nothing". */
export function isBlankMarker(value: string): boolean {
  return /^[-‐‑‒–—―ーｰ－−]+$/.test(value.trim());
}

/** Syncable writes ***** in place of everything it withholds about an anonymous donor. */
export function isMasked(value: string): boolean {
  return /^[*＊]+$/.test(value.trim());
}

/**
 * A cell a spreadsheet would run as a formula (the house CSV_FORMULA_START list, full-width forms
 * included): = and @ always; + and − unless the whole cell is a number or a phone (+81 90-1234-5678,
 * -500). `-2+3+cmd|' /C calc'!A0` starts with a number and is still a formula, so the whole cell is checked.
 */
export function isFormulaCell(value: string): boolean {
  const s = value.replace(/^\s+/, '');
  if (!CSV_FORMULA_START.test(s)) return false;
  const folded = s.normalize('NFKC');
  if (folded.startsWith('+') || folded.startsWith('-')) return !(/^[+-][\d\s().,-]*$/.test(folded) && /\d/.test(folded));
  return true;
}

/** Cuts a cell for an issue's params: enough to recognise it, not a whole message. */
export const excerpt = (value: string) => (value.length > 60 ? `${value.slice(0, 59)}…` : value);

// --- Kana and names ----------------------------------------------------------------------------

/** A reading as stored: katakana (from hiragana or half-width kana), spaces folded. */
export const toKatakanaReading = (value: string): string => toKatakana(value);

/** What the supporter's reading fields accept (the same set as the fundraising contract's KanaReading). */
export function isKatakanaReading(value: string): boolean {
  return /^[\u30a0-\u30ff\s]*$/.test(value);
}

const smallKana: Record<string, string> = { ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ' };
/** Small kana as the large ones: the bank character set has no ｮ, so ショウジ arrives as シヨウジ. */
const foldSmallKana = (value: string) => value.replace(/[ァィゥェォッャュョヮヵヶ]/g, (c) => smallKana[c] ?? c);

/**
 * A key for comparing readings however a bank or a person typed them: katakana, small kana as
 * large, no spaces, dots, long-vowel marks or dashes, Latin in capitals. ヤマダ ショウジ, ﾔﾏﾀﾞｼﾖｳｼﾞ and
 * やまだしょうじ give the same key. For the matching step.
 */
export function kanaMatchKey(value: string): string {
  return foldSmallKana(toKatakana(value))
    .replace(/[\s・.ー\-()]/g, '')
    .toUpperCase();
}

/**
 * Legal forms as banks abbreviate them in a payer name (the Zengin 法人略語: カ)ヤマダ for 株式会社
 * ヤマダ, ヤマダ(カ for ヤマダ株式会社, ヤマダ(カ)チバシテン for a branch), as listed by Japanese banks'
 * guides for transfer names, and the kanji abbreviations receipts and invoices use ((株), ㈱).
 */
const LEGAL_FORMS: ReadonlyArray<{ name: string; kana: readonly string[]; kanji: readonly string[] }> = [
  { name: '株式会社', kana: ['カ'], kanji: ['(株)'] },
  { name: '有限会社', kana: ['ユ'], kanji: ['(有)'] },
  { name: '合名会社', kana: ['メ'], kanji: ['(名)'] },
  { name: '合資会社', kana: ['シ'], kanji: ['(資)'] },
  { name: '合同会社', kana: ['ド'], kanji: ['(同)'] },
  { name: '相互会社', kana: ['ソ'], kanji: ['(相)'] },
  { name: '医療法人', kana: ['イ'], kanji: ['(医)'] },
  { name: '一般財団法人', kana: [], kanji: ['(一財)'] },
  { name: '公益財団法人', kana: [], kanji: ['(公財)'] },
  { name: '財団法人', kana: ['ザイ'], kanji: ['(財)'] },
  { name: '一般社団法人', kana: [], kanji: ['(一社)'] },
  { name: '公益社団法人', kana: [], kanji: ['(公社)'] },
  { name: '社団法人', kana: ['シヤ'], kanji: ['(社)'] },
  { name: '宗教法人', kana: ['シユウ'], kanji: ['(宗)'] },
  { name: '学校法人', kana: ['ガク'], kanji: ['(学)'] },
  { name: '社会福祉法人', kana: ['フク'], kanji: ['(福)'] },
  { name: '更生保護法人', kana: ['ホゴ'], kanji: [] },
  { name: '特定非営利活動法人', kana: ['トクヒ'], kanji: ['(特非)'] },
  { name: '地方独立行政法人', kana: ['チドク'], kanji: ['(地独)'] },
  { name: '独立行政法人', kana: ['ドク'], kanji: ['(独)'] },
  { name: '弁護士法人', kana: ['ベン'], kanji: ['(弁)'] },
  { name: '行政書士法人', kana: ['ギヨ'], kanji: [] },
  { name: '司法書士法人', kana: ['シホウ'], kanji: ['(司)'] },
  { name: '税理士法人', kana: ['ゼイ'], kanji: ['(税)'] },
  { name: '社会保険労務士法人', kana: ['ロウム'], kanji: [] },
  { name: '国立大学法人', kana: ['ダイ'], kanji: ['(大)'] },
  { name: '農事組合法人', kana: ['ノウ'], kanji: [] },
  { name: '管理組合法人', kana: ['カンリ'], kanji: [] },
  { name: '中間法人', kana: ['チユウ'], kanji: [] },
];
/** Words that make a payer an organisation without being a legal form (the Zengin 事業略語). */
const ORGANISATION_KANA_WORDS = ['レン', 'キヨウクミ', 'セイキヨウ', 'ノウキヨウ', 'シヤキヨウ', 'ロウクミ', 'ケンポ', 'キヨウサイ'];
/** Names in full that mark an organisation, with the legal form each stands for. */
const LEGAL_FORM_WORDS = ([
  ...LEGAL_FORMS.map((f): [string, string] => [f.name, f.name]),
  ['認定特定非営利活動法人', '特定非営利活動法人'],
  ['認定NPO法人', '特定非営利活動法人'],
  ['NPO法人', '特定非営利活動法人'],
  ['医療法人社団', '医療法人'],
  ['医療法人財団', '医療法人'],
  ['社会医療法人', '医療法人'],
  ['公立大学法人', '公立大学法人'],
  ['生活協同組合', '生活協同組合'],
  ['協同組合', '協同組合'],
] satisfies Array<[string, string]>).sort((a, b) => b[0].length - a[0].length);

const kanaForms = LEGAL_FORMS.flatMap((f) => f.kana.map((k) => ({ kana: k, name: f.name as string | null })))
  .concat(ORGANISATION_KANA_WORDS.map((k) => ({ kana: k, name: null })))
  .sort((a, b) => b.kana.length - a.kana.length);
const kanaFormPattern = kanaForms.map((f) => f.kana).join('|');
const KANA_PREFIX = new RegExp(`^\\(?(${kanaFormPattern})\\)\\s*(.+)$`);
const KANA_MIDDLE = new RegExp(`^(.+?)\\s*\\((${kanaFormPattern})\\)\\s*(.+)$`);
const KANA_SUFFIX = new RegExp(`^(.+?)\\s*\\((${kanaFormPattern})\\)?$`);

/** The parts of a donor's name; the same fields as an import row's supporter. */
export interface DonorName {
  kind: 'individual' | 'organisation';
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  isNameFromKana: boolean;
  organisationName: string;
  organisationNameKana: string;
  legalForm: string | null;
}

/** No name at all: the start every name reader fills in. */
export const NO_NAME: DonorName = {
  kind: 'individual',
  familyName: '',
  givenName: '',
  familyNameKana: '',
  givenNameKana: '',
  isNameFromKana: false,
  organisationName: '',
  organisationNameKana: '',
  legalForm: null,
};

/** Splits on the first space: family name first, as Japanese forms and bank names write it. */
function splitOnFirstSpace(value: string): [string, string] {
  const at = value.indexOf(' ');
  return at === -1 ? [value, ''] : [value.slice(0, at), value.slice(at + 1)];
}

/**
 * One cell with a whole name → family and given name. Japanese and kana names are family name
 * first (山田 太郎); a name in Latin letters only is taken as given name first (Amina Yusuf → family
 * Yusuf), the order foreign donors type. Without a space it cannot be split: it is all family name.
 */
export function splitFullName(value: string): { familyName: string; givenName: string } {
  const s = normaliseText(value);
  if (/^[A-Za-z][A-Za-z .'-]* [A-Za-z.'-]+$/.test(s)) {
    const at = s.lastIndexOf(' ');
    return { familyName: s.slice(at + 1), givenName: s.slice(0, at) };
  }
  const [familyName, givenName] = splitOnFirstSpace(s);
  return { familyName, givenName };
}

/**
 * An organisation's name as written in kanji, if it is one: a legal form (株式会社, 一般社団法人,
 * NPO法人…) or its abbreviation ((株), ㈱) anywhere in it. Abbreviations are written out, the way a
 * receipt must name the donor: (株)ヤマダ商事 → 株式会社ヤマダ商事.
 */
export function organisationFromName(value: string): { organisationName: string; legalForm: string } | null {
  let organisationName = normaliseText(value);
  let legalForm: string | null = null;
  for (const form of LEGAL_FORMS) {
    for (const abbreviation of form.kanji) {
      if (!organisationName.includes(abbreviation)) continue;
      organisationName = organisationName.replace(abbreviation, form.name);
      legalForm ??= form.name;
    }
  }
  legalForm ??= LEGAL_FORM_WORDS.find(([word]) => organisationName.includes(word))?.[1] ?? null;
  return legalForm === null ? null : { organisationName, legalForm };
}

/** Readings of legal forms, which a list sorted by reading leaves out (株式会社 is not under カ). */
const LEGAL_FORM_READINGS = [
  'カブシキガイシヤ',
  'カブシキカイシヤ',
  'ユウゲンガイシヤ',
  'ユウゲンカイシヤ',
  'ゴウドウガイシヤ',
  'ゴウドウカイシヤ',
  'イツパンシヤダンホウジン',
  'イツパンザイダンホウジン',
  'コウエキシヤダンホウジン',
  'コウエキザイダンホウジン',
  'トクテイヒエイリカツドウホウジン',
  'ニンテイエヌピーオーホウジン',
  'エヌピーオーホウジン',
  'シヤカイフクシホウジン',
  'ガツコウホウジン',
  'イリヨウホウジン',
];

/**
 * An organisation's reading without its legal form's reading: カブシキガイシャ サンプル → サンプル,
 * as the reading is for sorting and matching the name (a bank's カ)サンプル has no form in it either).
 */
export function stripLegalFormReading(kana: string): string {
  const s = toKatakana(kana);
  const folded = foldSmallKana(s).replace(/ /g, '');
  for (const form of LEGAL_FORM_READINGS) {
    if (folded.length > form.length && folded.startsWith(form)) return dropReadingChars(s, form.length, 'start');
    if (folded.length > form.length && folded.endsWith(form)) return dropReadingChars(s, form.length, 'end');
  }
  return s;
}

/** Drops `count` kana (not counting spaces) from one end of a reading. */
function dropReadingChars(s: string, count: number, end: 'start' | 'end'): string {
  const chars = [...s];
  if (end === 'end') chars.reverse();
  let dropped = 0;
  let i = 0;
  while (i < chars.length && dropped < count) {
    if (chars[i] !== ' ') dropped++;
    i++;
  }
  const rest = chars.slice(i);
  if (end === 'end') rest.reverse();
  return rest.join('').trim();
}

/**
 * A reading in one cell (ヤマダ タロウ, or a bank's ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ / ﾔﾏﾀﾞｼｮｳｼﾞ(ｶ / ﾔﾏﾀﾞ(ｶ)ﾁﾊﾞｼﾃﾝ) →
 * a person's family and given reading, or an organisation's reading with its legal form.
 */
export function parseKanaName(value: string): DonorName {
  const s = toKatakana(value);
  // Matched on the folded text (シャ for シヤ); folding is one character for one, so positions hold.
  const folded = foldSmallKana(s);
  const formName = (kana: string | undefined) => kanaForms.find((f) => f.kana === kana)?.name ?? null;
  const organisation = (nameKana: string, legalForm: string | null, position: 'prefix' | 'suffix', branch = ''): DonorName => {
    const kanaName = nameKana.trim();
    const written = position === 'prefix' ? `${legalForm ?? ''}${kanaName}` : `${kanaName}${legalForm ?? ''}`;
    return {
      ...NO_NAME,
      kind: 'organisation',
      organisationName: branch ? `${written} ${branch}` : written,
      organisationNameKana: kanaName,
      legalForm,
      isNameFromKana: true,
    };
  };
  let m = KANA_PREFIX.exec(folded);
  if (m?.[2]) return organisation(s.slice(folded.length - m[2].length), formName(m[1]), 'prefix');
  m = KANA_MIDDLE.exec(folded);
  if (m?.[1] && m[3]) return organisation(s.slice(0, m[1].length), formName(m[2]), 'suffix', s.slice(folded.length - m[3].length).trim());
  m = KANA_SUFFIX.exec(folded);
  if (m?.[1]) return organisation(s.slice(0, m[1].length), formName(m[2]), 'suffix');
  const [familyNameKana, givenNameKana] = splitOnFirstSpace(s);
  return { ...NO_NAME, familyNameKana, givenNameKana };
}

/**
 * A payer as a bank statement shows it (摘要 / 振込依頼人名): the transaction word (振込, ﾌﾘｺﾐ) and a
 * ten-digit 振込依頼人コード in front are dropped; kana becomes a reading (the name fields take
 * the reading too, isNameFromKana), a name in kanji (web banking shows some) is read as a name.
 */
export function parseBankPayer(value: string): DonorName {
  // A kanji word can touch the name (振込ヤマダ); a kana one needs a space or a mark after it (フリコミ ヤマダ).
  const s = toKatakana(value)
    .replace(/^(?:振込入金|振込|振替|テレ振|電信)\s*[*:・]?\s*/, '')
    .replace(/^(?:フリコミ|フリカエ|テレフリ)(?:\s+|[*:・]\s*)/, '')
    .replace(/^\d{10}\s*/, '')
    .trim();
  if (/\p{Script=Han}/u.test(s)) {
    const organisation = organisationFromName(s);
    if (organisation) return { ...NO_NAME, kind: 'organisation', ...organisation };
    return { ...NO_NAME, ...splitFullName(s) };
  }
  const name = parseKanaName(s);
  if (name.kind === 'organisation') return name;
  return { ...name, familyName: name.familyNameKana, givenName: name.givenNameKana, isNameFromKana: true };
}

// Platforms pay their gifts out to the NPO's account in one transfer: importing it from the bank
// file would count those gifts a second time. Congrant's payouts come as コングラント(カ (Telecom
// payments) or Congrant ストライプ… (Stripe), per Congrant's help centre; Syncable is run by STYZ.
const PLATFORM_PAYERS = ['コングラント', 'CONGRANT', 'シンカブル', 'SYNCABLE', 'スタイズ', 'STYZ', 'ストライプ', 'STRIPE', 'ペイパル', 'PAYPAL'];
const INTEREST = ['リソク', '利息'];

/** What a bank line that is not a gift is: a platform's payout, or interest; null for a gift. */
export function nonGiftDeposit(payer: string): 'platform_payout' | 'interest' | null {
  const key = kanaMatchKey(payer);
  if (PLATFORM_PAYERS.some((p) => key.includes(p))) return 'platform_payout';
  if (INTEREST.some((w) => key.includes(w))) return 'interest';
  return null;
}

// --- Money -------------------------------------------------------------------------------------

/**
 * Yen as files write them: 1000, 1,000, ¥1,000, \1,000 (¥ read from Shift_JIS), １，０００円,
 * 1000.0, 金10,000円也, 1万, 1.5万, 1万5000; a sign, ▲/△ or brackets make it negative. Fractions of
 * a yen other than .0/.00 and a three-digit "fraction" (1.000, a European thousand?) are refused.
 */
export function parseYen(value: string): Parsed<number> {
  let s = value.normalize('NFKC').replace(/\s+/g, '');
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(s);
  if (bracketed?.[1] !== undefined) {
    negative = true;
    s = bracketed[1];
  }
  const currency = /^(?:金|JPY|¥|\\)+/i;
  s = s.replace(currency, '');
  if (/^[-−▲△]/.test(s)) {
    negative = true;
    s = s.slice(1).replace(currency, '');
  }
  s = s.replace(/(?:円也|円|JPY|也)$/i, '');
  let yen: number;
  const man = /^(\d+(?:\.\d+)?)万(\d{1,4})?$/.exec(s);
  const plain = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (man?.[1]) {
    yen = Math.round(Number(man[1]) * 10_000 * 100) / 100 + Number(man[2] ?? 0);
  } else if (plain?.[1]) {
    if (plain[2] !== undefined && Number(plain[2]) !== 0) return failed;
    yen = Number(plain[1].replace(/,/g, ''));
  } else {
    return failed;
  }
  if (!Number.isInteger(yen) || yen > MAX_IMPORT_YEN) return failed;
  return ok(negative ? -yen : yen);
}

// --- Dates -------------------------------------------------------------------------------------

const tokyoFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Tokyo of an instant, `YYYY-MM-DD`. */
export function tokyoDate(instant: Date): string {
  const parts = Object.fromEntries(tokyoFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today in Tokyo (the office's day, whatever the server's time zone). */
export const tokyoToday = (now: Date = new Date()): string => tokyoDate(now);

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The Japanese eras a gift date can be in, with the day each began (令和 on 1 May 2019). */
const ERAS = [
  { names: ['令和', 'R'], firstYear: 2019, starts: '2019-05-01' },
  { names: ['平成', 'H'], firstYear: 1989, starts: '1989-01-08' },
  { names: ['昭和', 'S'], firstYear: 1926, starts: '1926-12-25' },
] as const;

// What may follow a date: a weekday in brackets, then a time (13:22, 13:22:05, T13:22, 13時22分).
const TIME_TAIL = /^\s*(?:\([日月火水木金土]\))?\s*(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?|\d{1,2}時(?:\d{1,2}分(?:\d{1,2}秒)?)?)?\s*$/;
const GREGORIAN = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(.*)$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(.*)$/;
const WAREKI = /^(令和|平成|昭和|[RHS])\s*(元|\d{1,2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(.*)$/i;
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A gift's date → `YYYY-MM-DD`: 2026/01/05, 2026-1-5 13:22, 2026年1月5日(月), 20260105, 令和8年1月5日,
 * R8.1.5, 令和元年5月1日. A timestamp with a zone (2026-01-04T20:00:00Z) is dated in Tokyo
 * (2026-01-05); one without a zone is taken as Tokyo time. A date outside its era (平成31年5月1日) is refused.
 */
export function parseImportDate(value: string): Parsed<string> {
  const s = value.normalize('NFKC').trim();
  if (ZONED.test(s)) {
    const ms = Date.parse(s.replace(' ', 'T'));
    return Number.isNaN(ms) ? failed : ok(tokyoDate(new Date(ms)));
  }
  const wareki = WAREKI.exec(s);
  if (wareki) {
    const [, eraName = '', eraYear = '', month = '', day = '', tail = ''] = wareki;
    const index = ERAS.findIndex((e) => e.names.some((n) => n.toLowerCase() === eraName.toLowerCase()));
    const era = ERAS[index];
    if (!era || !TIME_TAIL.test(tail)) return failed;
    const year = era.firstYear + (eraYear === '元' ? 1 : Number(eraYear)) - 1;
    const date = isoDate(year, Number(month), Number(day));
    const next = ERAS[index - 1];
    if (date === null || date < era.starts || (next && date >= next.starts)) return failed;
    return ok(date);
  }
  const m = GREGORIAN.exec(s) ?? COMPACT.exec(s);
  if (!m) return failed;
  const [, year = '', month = '', day = '', tail = ''] = m;
  if (!TIME_TAIL.test(tail)) return failed;
  const date = isoDate(Number(year), Number(month), Number(day));
  return date === null ? failed : ok(date);
}

// --- Contact and address -----------------------------------------------------------------------

/** 〒104-0061, １０４－００６１, 104 0061 → 1040061; anything but seven digits is refused. */
export function parsePostalCode(value: string): Parsed<string> {
  const s = normalisePostalCode(value).replace(/[‐‑–—―]/g, '');
  return /^\d{7}$/.test(s) ? ok(s) : failed;
}

/** A phone as typed, width and dashes folded (０９０－１２３４－５６７８ → 090-1234-5678); 10 to 15 digits. */
export function parsePhone(value: string): Parsed<string> {
  const s = value.normalize('NFKC').replace(/[‐‑‒–—―ー−]/g, '-').replace(/\s+/g, ' ').trim();
  const digits = s.replace(/\D/g, '');
  return /^\+?[\d\s()-]+$/.test(s) && digits.length >= 10 && digits.length <= 15 ? ok(s) : failed;
}

/** An email trimmed, folded to ASCII (full-width ＠) and lower case; refused without one @ and a dotted domain. */
export function parseEmail(value: string): Parsed<string> {
  const s = value.normalize('NFKC').trim().toLowerCase();
  return /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(s) ? ok(s) : failed;
}

/** The 47 prefectures, in the order of their JIS codes. */
export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県',
  '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県',
  '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県',
  '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県',
  '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;

/** 東京 → 東京都, 大阪 → 大阪府; anything else as written. */
export function normalisePrefecture(value: string): string {
  const s = normaliseText(value);
  return PREFECTURES.find((p) => p === s || (p !== '北海道' && p.slice(0, -1) === s)) ?? s;
}

/**
 * A whole address in one cell → its prefecture and the rest. The city is left in the rest: names
 * like 市川市 or 四日市市 make a split by pattern wrong, and the postal code gives the city anyway.
 */
export function splitAddress(value: string): { prefecture: string; rest: string } {
  const s = normaliseText(value).replace(/^〒?\s*\d{3}-?\d{4}\s*/, '');
  const prefecture = PREFECTURES.find((p) => s.startsWith(p));
  return prefecture ? { prefecture, rest: s.slice(prefecture.length).trim() } : { prefecture: '', rest: s };
}

// --- Labels ------------------------------------------------------------------------------------

// Amazon Pay, PayPal, Apple Pay and Google Pay charge a card (or a wallet balance); the gift table
// has no wallet method, so they count as card. 口座振替 is checked before 振替 and 振込.
const METHOD_LABELS: ReadonlyArray<[RegExp, GiftMethod]> = [
  [/口座振替|口座引落|口座引き落とし|自動引落|自動引き落とし|引落|direct ?debit/i, 'direct_debit'],
  [/コンビニ|convenience|konbini/i, 'convenience_store'],
  [/クレジット|カード|credit|card|visa|master|jcb|amex|apple ?pay|google ?pay|amazon ?pay|paypal|stripe/i, 'card'],
  [/銀行振込|振込|振り込み|振替|ゆうちょ|郵便|bank|transfer|furikomi/i, 'bank_transfer'],
  [/現金|手渡し|募金箱|cash/i, 'cash'],
];

/** A payment method label (クレジットカード, 銀行振込, 口座振替, コンビニ払い, 現金, card…) → the gift's method, or null. */
export function parseMethod(value: string): GiftMethod | null {
  const s = normaliseText(value);
  return METHOD_LABELS.find(([pattern]) => pattern.test(s))?.[1] ?? null;
}

/** 単発 / 継続 / 毎月 / マンスリー / 毎年 / 年会費 (and English) → one-time, monthly or yearly; null when unknown. */
export function parseRecurrence(value: string): ImportRecurrence | null {
  const s = normaliseText(value);
  if (/毎年|年会費|年額|年次|年1回|yearly|annual/i.test(s)) return 'yearly';
  if (/毎月|継続|マンスリー|月額|月次|定期|monthly|recurring|subscription/i.test(s)) return 'monthly';
  if (/単発|一回|1回|都度|今回のみ|one[- ]?time|single|once/i.test(s)) return 'one_time';
  return null;
}

/**
 * A yes/no cell → true, false, or null when it cannot be read. Refusals are checked first, so
 * 公開しない and 掲載不可 are no even though they contain 公開 and 掲載.
 */
export function parseYesNo(value: string): boolean | null {
  const s = normaliseText(value).toLowerCase();
  if (/不可|しない|非公開|不要|不許可|いいえ|なし|無し|拒否|希望せず/.test(s) || /^(no|n|false|0|無|否|×|✕|✖)$/.test(s)) return false;
  if (/許可|公開|する|はい|あり|有り|希望|掲載|^(yes|y|true|1|有|可|要|○|〇|◯|✓|✔)$/.test(s)) return true;
  return null;
}
