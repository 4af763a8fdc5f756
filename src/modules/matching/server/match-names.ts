/**
 * Name normalisation for duplicate matching: every name form (Latin, katakana, own script) is
 * turned into tokens that carry a folded spelling and a transliteration-tolerant consonant
 * skeleton, so that spellings of one name made by different people compare as equal or close.
 * Pure functions, no database: used to write the stored match keys and to score candidates.
 */
import { toRomaji } from 'wanakana';
import { foldForSearch } from '../../people/search-text';

/**
 * Remembers a pure function's answers for the words seen recently. Names recur (a few thousand
 * words cover most people), so scoring a few hundred candidates mostly reuses computed words.
 * Bounded: the memory is dropped when full. It holds no state that matters (a cache of pure results).
 */
function memo<A extends string, R>(fn: (arg: A) => R, max = 50_000): (arg: A) => R {
  let cache = new Map<string, R>();
  return (arg: A) => {
    let value = cache.get(arg);
    if (value === undefined) {
      if (cache.size >= max) cache = new Map();
      value = fn(arg);
      cache.set(arg, value);
    }
    return value;
  };
}

/** One word of a name, as compared. */
export interface NameToken {
  /** Folded spelling (NFKC, lower case, no diacritics); romaji for katakana. */
  fold: string;
  /** Consonant skeleton: transliteration variants of one name agree here. */
  skel: string;
  /** Skeleton with voiced/unvoiced pairs merged (d/t, g/k, b/p), j/ch/s and f/h: used for retrieval keys. */
  loose: string;
  /** Where the token came from: Latin typed, katakana read back, or own script. */
  script: 'latin' | 'kana' | 'own';
  /** How many written words this token stands for (2 when two were joined). */
  parts: number;
  /** Script, parts and spelling in one string: the key of remembered similarities. */
  id: string;
}

/** Words that join a name but carry little identity (Arabic article, "son of"). */
const PARTICLES = new Set(['al', 'el', 'ul', 'bin', 'ibn', 'bint', 'ben', 'de', 'da', 'van', 'von', 'aru', 'eru']);
/** Written abbreviations of a name, read out in full before comparing. */
const ABBREVIATIONS: Record<string, string> = { md: 'muhammad', mohd: 'muhammad', muhd: 'muhammad', mhd: 'muhammad' };

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/**
 * The consonant skeleton of a Latin (or romaji) word. Rules are general transliteration
 * equivalences, not names: digraphs folded (kh→h, ph→f, th→t, dh→d, sh→s, tch/tsh→ch, dj→j),
 * c/q/x read as k/ks, l→r (katakana has no l), v→b, z→s, w and y between letters dropped,
 * vowels dropped after the first letter (an initial vowel becomes 'a'), doubled letters folded,
 * and a nasal n before m/b/p assimilated (ムハンマド "muhanmado" ~ Muhammad).
 */
export const skeleton = memo(skeletonOf);

function skeletonOf(word: string): string {
  const s = word.replace(/[^a-z]/g, '');
  if (s === '') return '';
  // One pass of digraph and letter rules (a run of String.replace was the hot spot).
  const letters: string[] = [];
  let i = 0;
  if (s.startsWith('dj')) {
    letters.push('j');
    i = 2;
  }
  while (i < s.length) {
    const c = s[i] as string;
    const n = s[i + 1] ?? '';
    const two = c + n;
    if ((two === 'tc' || two === 'ts') && s[i + 2] === 'h') {
      letters.push('C');
      i += 3;
      continue;
    }
    const digraph = DIGRAPHS[two];
    if (digraph !== undefined) {
      letters.push(digraph);
      i += 2;
      continue;
    }
    if (c === 'c') letters.push(n === 'e' || n === 'i' || n === 'y' ? 's' : 'k');
    else if (c === 'n' && (n === 'm' || n === 'b' || n === 'p')) letters.push('m');
    else letters.push(LETTERS[c] ?? c);
    i += 1;
  }
  const flat = letters.join('');
  const first = flat[0] ?? '';
  let out = VOWELS.has(first) ? 'a' : first === 'w' ? 'b' : first === 'C' ? 'c' : first;
  for (let k = 1; k < flat.length; k++) {
    let c = flat[k] ?? '';
    if (VOWELS.has(c) || c === 'w' || c === 'y') continue;
    // h after a consonant only marks aspiration or a long vowel in most romanisations.
    if (c === 'h' && !VOWELS.has(flat[k - 1] ?? '')) continue;
    if (c === 'C') c = 'c';
    if (out[out.length - 1] === c) continue;
    out += c;
  }
  return out;
}

/** Digraphs read as one sound; ng is written ン or ング in katakana, so its g is not reliable. */
const DIGRAPHS: Record<string, string> = {
  ch: 'C', ck: 'k', kh: 'h', gh: 'g', ph: 'f', th: 't', dh: 'd', sh: 's', zh: 'j', ng: 'n',
};
const LETTERS: Record<string, string> = { x: 'ks', q: 'k', l: 'r', v: 'b', z: 's' };

/** The skeleton with voiced and unvoiced consonants merged (Dushyanthan ~ Thusyanthan), and sounds katakana blurs. */
export function looseSkeleton(skel: string): string {
  let out = '';
  // j ~ ch ~ s (katakana writes zi as ジ, ji), and f ~ h: katakana writes a final Arabic h as フ (Salih ~ サリフ), like a real f (Yusuf ~ ユースフ).
  for (const ch of skel.replace(/d/g, 't').replace(/g/g, 'k').replace(/b/g, 'p').replace(/[jc]/g, 's').replace(/f/g, 'h')) {
    if (out[out.length - 1] !== ch) out += ch;
  }
  // A final h may be silent (Fatemeh ~ Fatema, Aishah ~ Aisha) or not (Saleh ~ Salih ~ サリフ).
  return out.length > 2 && out.endsWith('h') ? out.slice(0, -1) : out;
}

/** Katakana read back into romaji, with the readings Japanese staff use for foreign sounds folded. */
export const kanaToLatin = memo(kanaToLatinOf);

function kanaToLatinOf(kanaWord: string): string {
  let r = toRomaji(kanaWord.replace(/[ヴ]/g, 'ブ')).toLowerCase();
  // フ before a consonant writes an h (メフメト = Mehmet, アフマド = Ahmad).
  r = r.replace(/fu(?=[^aeiouryl])/g, 'h');
  return r.replace(/[^a-z]/g, '');
}

const ARABIC_MAP: Record<string, string> = {
  'ی': 'ي', 'ى': 'ي', 'ئ': 'ي', 'ے': 'ي', 'ې': 'ي', 'ۍ': 'ي',
  'ک': 'ك', 'ڪ': 'ك',
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا',
  'ؤ': 'و', 'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ھ': 'ه', 'ۃ': 'ه', 'ں': 'ن', 'گ': 'ك',
};

const ARABIC_VARIANTS = new RegExp(Object.keys(ARABIC_MAP).join('|'), 'g');

/**
 * An own-script name folded for keyboard and spelling variants: Arabic letter forms (ي/ی, ك/ک,
 * أ/إ/آ/ا, hamza, tatweel, harakat), Ge'ez variant letter series (ጸ/ፀ, ሰ/ሠ, ሀ/ሐ/ኀ, አ/ዐ),
 * zero-width joiners (Sinhala, Bengali, Devanagari) and spacing.
 */
export function foldOwnScript(input: string): string {
  let s = input.normalize('NFKC');
  s = s.replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
  // Arabic: harakat, tatweel, lone hamza, superscript alef.
  s = s.replace(/[\u064b-\u065f]|\u0670|\u06e1|\u0640|\u0621/g, '');
  s = s.replace(ARABIC_VARIANTS, (c) => ARABIC_MAP[c] ?? c);
  // Ge'ez: each series is 8 code points (7 orders + one extra); variant series map onto one.
  s = s.replace(/[\u1340-\u1347]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x08)); // ፀ → ጸ
  s = s.replace(/[\u1220-\u1227]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x10)); // ሠ → ሰ
  s = s.replace(/[\u1210-\u1217]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x10)); // ሐ → ሀ
  s = s.replace(/[\u1280-\u1287]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x80)); // ኀ → ሀ
  s = s.replace(/[\u12d0-\u12d7]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x30)); // ዐ → አ
  s = s.replace(/[・·\-‐_,.،]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  return s;
}

const foldOwn = memo((name: string) => foldOwnScript(name));

/** Own-script skeleton: long-vowel letters inside an Arabic-script word are dropped (حمود ~ حمّود ~ حمد). */
function ownSkeleton(word: string): string {
  if (/[\u0600-\u06ff]/.test(word)) return word.length > 2 ? word[0] + word.slice(1).replace(/[اوي]/g, '') : word;
  return word;
}

const tokenOf = memo((id: string): NameToken => {
  const script = id.startsWith('k') ? 'kana' : 'latin';
  const word = id.slice(id.indexOf(':') + 1);
  const skel = skeleton(word);
  return { fold: word, skel, loose: looseSkeleton(skel), script, parts: 1, id };
});

/** A Latin or romaji word as a token (shared, never changed). */
function latinToken(word: string, script: 'latin' | 'kana'): NameToken {
  return tokenOf(`${script === 'kana' ? 'k' : 'l'}1:${word}`);
}

const foldName = memo((name: string) => foldForSearch(name));

/** Words of a Latin name (either field), folded; abbreviations spelt out. */
export function latinTokens(...names: Array<string | null | undefined>): NameToken[] {
  const words = names.flatMap((n) => foldName(n ?? '').split(' ')).map((w) => w.replace(/[^a-z]/g, '')).filter(Boolean);
  return words.map((w) => latinToken(ABBREVIATIONS[w] ?? w, 'latin'));
}

/** Words of a katakana name, read back into Latin letters. */
export function kanaTokens(kana: string | null | undefined): NameToken[] {
  const folded = foldName(kana ?? '');
  return folded.split(' ').map(kanaToLatin).filter(Boolean).map((w) => latinToken(w, 'kana'));
}

/** Words of an own-script name. */
export function ownTokens(name: string | null | undefined): NameToken[] {
  return foldOwn(name ?? '').split(' ').filter(Boolean).map((w) => {
    const skel = ownSkeleton(w);
    return { fold: w, skel, loose: skel, script: 'own' as const, parts: 1, id: `o1:${w}` };
  });
}

/** Joins two tokens into one (Abdul Rahman ~ Abdulrahman, Mya Sin ~ Myasin). */
export function joinTokens(a: NameToken, b: NameToken): NameToken {
  if (a.script === 'own') {
    const fold = a.fold + b.fold;
    const skel = ownSkeleton(fold);
    const parts = a.parts + b.parts;
    return { fold, skel, loose: skel, script: 'own', parts, id: `o${parts}:${fold}` };
  }
  const parts = a.parts + b.parts;
  const joined = latinToken(a.fold + b.fold, a.script);
  return { ...joined, parts, id: `${joined.id.slice(0, 1)}${parts}:${joined.fold}` };
}

export const isParticle = (t: NameToken) => t.script !== 'own' && PARTICLES.has(t.fold);

let osaRows: Int32Array = new Int32Array(0);

/** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
export function osaDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const w = b.length + 1;
  const size = (a.length + 1) * w;
  if (osaRows.length < size) osaRows = new Int32Array(size * 2);
  const d = osaRows;
  for (let i = 0; i <= a.length; i++) d[i * w] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((d[(i - 1) * w + j] ?? 0) + 1, (d[i * w + j - 1] ?? 0) + 1, (d[(i - 1) * w + j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[(i - 2) * w + j - 2] ?? 0) + 1);
      d[i * w + j] = v;
    }
  }
  return d[a.length * w + b.length] ?? 0;
}

const editSimilarity = (a: string, b: string) => (a.length === 0 || b.length === 0 ? 0 : 1 - osaDistance(a, b) / Math.max(a.length, b.length));

/**
 * How alike two words are, 0..1: 1 for the same folded spelling, 0.95 for the same skeleton,
 * 0.9 for the same loose skeleton, else the better of spelling and skeleton edit similarity
 * (the spelling one only between two typed Latin words: romaji carries extra vowels).
 */
export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.script === 'own' || b.script === 'own') {
    if (a.script !== b.script) return 0;
    if (a.fold === b.fold) return 1;
    if (a.skel === b.skel) return 0.95;
    const s = editSimilarity(a.fold, b.fold);
    return s >= 0.6 ? s * 0.95 : 0;
  }
  if (a.fold === b.fold) return 1;
  // A joined word must be about as long as what it matches (Haidari Roya is not Haidari).
  const ratio = Math.min(a.fold.length, b.fold.length) / Math.max(a.fold.length, b.fold.length);
  if (ratio < (a.parts > 1 || b.parts > 1 ? 0.7 : 0.5)) return 0;
  const bothTyped = a.script === 'latin' && b.script === 'latin';
  if (a.loose === b.loose && a.loose.length > 0) {
    // A short typed word has little skeleton left (Ali ~ Ara): its vowels must agree too.
    if (bothTyped && Math.min(a.fold.length, b.fold.length) <= 4) return 0.5 + 0.45 * editSimilarity(a.fold, b.fold);
    if (a.skel === b.skel) return a.skel.length >= 2 ? 0.95 : 0.8;
    return a.loose.length >= 3 ? 0.9 : 0.8;
  }
  let best = 0;
  if (bothTyped && Math.min(a.fold.length, b.fold.length) >= 4) {
    const s = editSimilarity(a.fold, b.fold);
    if (s >= 0.7) best = s * 0.95;
  }
  if (Math.min(a.loose.length, b.loose.length) >= 3) {
    const s = editSimilarity(a.loose, b.loose);
    if (s >= 0.65) best = Math.max(best, s * 0.85);
  }
  return best;
}

/** A way of reading a word list: as written, without particles, or with one adjacent pair joined. */
export interface TokenVariant {
  tokens: NameToken[];
  kind: 'written' | 'no_particles' | 'joined';
}

const variantCache = new WeakMap<NameToken[], TokenVariant[]>();

/** Variants of a word list: as written, without particles, and with one adjacent pair joined. */
export function tokenVariants(tokens: NameToken[]): TokenVariant[] {
  const known = variantCache.get(tokens);
  if (known) return known;
  const out: TokenVariant[] = [{ tokens, kind: 'written' }];
  const withoutParticles = tokens.filter((t) => !isParticle(t));
  if (withoutParticles.length > 0 && withoutParticles.length < tokens.length) out.push({ tokens: withoutParticles, kind: 'no_particles' });
  const base = tokens.slice(0, 6);
  for (let i = 0; i + 1 < base.length; i++) {
    const a = base[i] as NameToken;
    const b = base[i + 1] as NameToken;
    out.push({ tokens: [...base.slice(0, i), joinTokens(a, b), ...base.slice(i + 2)], kind: 'joined' });
  }
  variantCache.set(tokens, out);
  return out;
}

type Similarity = (a: NameToken, b: NameToken) => number;

/**
 * Similarity of two word lists, 0..1, in any order and any field. Words are paired greedily by
 * similarity; the score is mostly how well the shorter list is covered (a dropped middle name
 * costs little) and partly how well the longer one is.
 */
export function listSimilarity(q: NameToken[], c: NameToken[], sim: Similarity = tokenSimilarity): number {
  if (q.length === 0 || c.length === 0) return 0;
  const pairs: Array<[number, number, number]> = [];
  for (let i = 0; i < q.length; i++) {
    for (let j = 0; j < c.length; j++) {
      const s = sim(q[i] as NameToken, c[j] as NameToken);
      if (s > 0) pairs.push([s, i, j]);
    }
  }
  if (pairs.length === 0) return 0;
  pairs.sort((x, y) => y[0] - x[0]);
  const usedQ = new Set<number>();
  const usedC = new Set<number>();
  let total = 0;
  for (const [s, i, j] of pairs) {
    if (usedQ.has(i) || usedC.has(j)) continue;
    usedQ.add(i);
    usedC.add(j);
    total += s;
  }
  const small = Math.min(q.length, c.length);
  const large = Math.max(q.length, c.length);
  return 0.8 * (total / small) + 0.2 * (total / large);
}

/**
 * Compares names for one query against many people, remembering word similarities and
 * variants (the same words recur across candidates).
 */
export function createNameComparer() {
  const simCache = new Map<string, Map<string, number>>();
  const sim: Similarity = (a, b) => {
    let row = simCache.get(a.id);
    if (!row) {
      row = new Map();
      simCache.set(a.id, row);
    }
    let s = row.get(b.id);
    if (s === undefined) {
      s = tokenSimilarity(a, b);
      row.set(b.id, s);
    }
    return s;
  };
  return {
    /** Best similarity of two word lists over split/join and particle variants (one side joined at a time). */
    nameSimilarity(q: NameToken[], c: NameToken[]): number {
      if (q.length === 0 || c.length === 0) return 0;
      let best = listSimilarity(q, c, sim);
      if (best >= 0.999) return best;
      // Joining can only help when a word of one side begins or ends like a word of the other.
      const joinable = q.some((x) => c.some((y) => x.loose !== y.loose && x.loose !== '' && y.loose !== ''
        && (x.loose.startsWith(y.loose) || y.loose.startsWith(x.loose) || x.loose.endsWith(y.loose) || y.loose.endsWith(x.loose))));
      for (const a of tokenVariants(q)) {
        for (const b of tokenVariants(c)) {
          if (a.kind === 'written' && b.kind === 'written') continue;
          if (!joinable && (a.kind === 'joined' || b.kind === 'joined')) continue;
          if (a.kind === 'joined' && b.kind !== 'written') continue;
          if (b.kind === 'joined' && a.kind !== 'written') continue;
          best = Math.max(best, listSimilarity(a.tokens, b.tokens, sim));
        }
      }
      return best;
    },
  };
}

export type NameComparer = ReturnType<typeof createNameComparer>;
