/**
 * How a duplicate-match score is built (POST /api/people/match).
 *
 * 1. Name similarity N (0..1). Each name form becomes words (match-names.ts): Latin names (both
 *    fields together, so swapped fields and re-split Burmese names do not matter), katakana read
 *    back into romaji, and own-script names folded for keyboard variants. Latin and romaji words
 *    compare through a consonant skeleton (Mohammed ~ Muhammad ~ モハメド) and edit distance
 *    (typos); own-script words only with own-script words. The word lists are paired greedily in
 *    any order; N is 0.8 × coverage of the shorter list + 0.2 × coverage of the longer one, so a
 *    dropped middle name costs a little and a different given name (a sibling) costs a lot.
 *    Split/joined words and particles (al-, bin) are tried as variants. N is the best over the
 *    pairs of forms (Latin–Latin, Latin–kana, kana–kana, own–own).
 * 2. Evidence. Date of birth: exact +0.25, day/month swapped +0.20, year-only estimate in the
 *    same year +0.12, off by one year +0.10, same year other day +0.05, unknown 0, 2–3 years
 *    apart −0.20, further −0.40. Nationality: same +0.05, unknown 0, different −0.10. Sex:
 *    female vs male −0.30, otherwise 0.
 * 3. score = clamp(0.7 × N + date + nationality + sex, 0, 1).
 * 4. Level. "strong" only when N ≥ 0.85, the sexes do not conflict, and the date of birth is
 *    exact or swapped (nationality may differ: a data-entry slip), or a year-level agreement
 *    (estimated year, off by one) with no nationality conflict AND the name is not common
 *    (fewer than two other candidates with N ≥ 0.85 among those retrieved). Without date
 *    evidence, a name alone is never strong. Everything else with N ≥ 0.5 is "possible".
 */
import type { MatchInput } from '../contract';
import { createNameComparer, isParticle, kanaTokens, latinTokens, ownTokens, tokenVariants, type NameComparer, type NameToken } from './match-names';

/** A person (or a query) prepared for matching. */
export interface MatchProfile {
  latin: NameToken[];
  kana: NameToken[];
  own: NameToken[];
  dateOfBirth: string | null;
  dateOfBirthEstimated: boolean;
  sex: string | null;
  nationality: string | null;
}

export function matchProfile(p: MatchInput): MatchProfile {
  return {
    latin: latinTokens(p.familyName, p.givenName),
    kana: kanaTokens(p.nameKana),
    own: ownTokens(p.nameInOwnScript),
    dateOfBirth: p.dateOfBirth ?? null,
    dateOfBirthEstimated: p.dateOfBirthEstimated ?? false,
    sex: p.sex && p.sex !== 'unknown' && p.sex !== 'other' ? p.sex : null,
    nationality: p.nationality ?? null,
  };
}

/**
 * Retrieval keys of a profile: the loose skeleton of every Latin and romaji word (and of
 * adjacent pairs joined), its first three letters (a typo late in the word still retrieves),
 * own-script words and pairs, the whole name in sorted order, and the birth year. Query and
 * person use the same keys.
 */
export function matchKeys(p: MatchProfile): string[] {
  const keys = new Set<string>();
  for (const tokens of [p.latin, p.kana]) {
    for (const variant of tokenVariants(tokens)) {
      for (const t of variant.tokens) {
        if (t.loose === '') continue;
        keys.add(`s:${t.loose}`);
        if (t.loose.length > 3) keys.add(`p:${t.loose.slice(0, 3)}`);
      }
    }
  }
  for (const variant of tokenVariants(p.own)) for (const t of variant.tokens) if (t.skel) keys.add(`o:${t.skel}`);
  // The whole name in any order: rare even when each word is common ("Muhammad Ahmed").
  for (const tokens of [p.latin, p.kana]) {
    const words = tokens.filter((t) => !isParticle(t) && t.loose !== '').map((t) => t.loose).sort();
    if (words.length > 1) keys.add(`f:${words.join('.')}`);
  }
  if (p.own.length > 1) keys.add(`f:${p.own.map((t) => t.skel).sort().join('.')}`);
  if (p.dateOfBirth) keys.add(`y:${p.dateOfBirth.slice(0, 4)}`);
  return [...keys].filter((k) => k.length <= 80);
}

/** Best name similarity over the forms both sides have. */
export function nameScore(q: MatchProfile, c: MatchProfile, comparer: NameComparer = createNameComparer()): number {
  let best = 0;
  const latinLike = (p: MatchProfile) => [p.latin, p.kana].filter((t) => t.length > 0);
  for (const a of latinLike(q)) for (const b of latinLike(c)) best = Math.max(best, comparer.nameSimilarity(a, b));
  if (q.own.length > 0 && c.own.length > 0) best = Math.max(best, comparer.nameSimilarity(q.own, c.own));
  return Math.min(1, best);
}

export type DateAgreement = 'exact' | 'swap' | 'year' | 'off1' | 'near' | 'unknown' | 'apart' | 'far';

/** How two dates of birth agree, given that a year-only one is stored as YYYY-01-01. */
export function dateAgreement(q: MatchProfile, c: MatchProfile): DateAgreement {
  if (!q.dateOfBirth || !c.dateOfBirth) return 'unknown';
  const [qy, qm, qd] = q.dateOfBirth.split('-').map(Number) as [number, number, number];
  const [cy, cm, cd] = c.dateOfBirth.split('-').map(Number) as [number, number, number];
  const dy = Math.abs(qy - cy);
  const byYears = (): DateAgreement => (dy <= 1 ? 'off1' : dy <= 3 ? 'apart' : 'far');
  if (q.dateOfBirthEstimated || c.dateOfBirthEstimated) return dy === 0 ? 'year' : byYears();
  if (dy === 0) {
    if (qm === cm && qd === cd) return 'exact';
    if (qm === cd && qd === cm) return 'swap';
    return 'near';
  }
  if (qm === cm && qd === cd && dy === 1) return 'off1';
  return dy <= 1 ? 'apart' : byYears();
}

const datePoints: Record<DateAgreement, number> = { exact: 0.25, swap: 0.2, year: 0.12, off1: 0.1, near: 0.05, unknown: 0, apart: -0.2, far: -0.4 };

export type MatchLevel = 'strong' | 'possible';

export interface ScoredCandidate<T> {
  item: T;
  score: number;
  level: MatchLevel;
  name: number;
}

/** Minimum name similarity for anyone to be shown at all. */
const MIN_NAME = 0.5;
const STRONG_NAME = 0.85;

/** Scores and ranks candidates for a query (see the comment at the top of this file); best first. */
export function rankCandidates<T>(query: MatchProfile, candidates: ReadonlyArray<{ item: T; profile: MatchProfile }>, limit = 10): Array<ScoredCandidate<T>> {
  const comparer = createNameComparer();
  const named = candidates
    .map((c) => ({ ...c, name: nameScore(query, c.profile, comparer) }))
    .filter((c) => c.name >= MIN_NAME);
  const closeNames = named.filter((c) => c.name >= STRONG_NAME).length;
  const scored = named.map((c): ScoredCandidate<T> => {
    const date = dateAgreement(query, c.profile);
    const natKnown = query.nationality !== null && c.profile.nationality !== null;
    const natConflict = natKnown && query.nationality !== c.profile.nationality;
    const sexConflict = query.sex !== null && c.profile.sex !== null && query.sex !== c.profile.sex;
    const score = Math.max(0, Math.min(1,
      0.7 * c.name + datePoints[date] + (natKnown ? (natConflict ? -0.1 : 0.05) : 0) + (sexConflict ? -0.3 : 0)));
    // Other people with a name this close: the more there are, the more the date must prove.
    const common = closeNames - (c.name >= STRONG_NAME ? 1 : 0) >= 2;
    const strongDate = date === 'exact' || date === 'swap';
    const yearDate = (date === 'year' || date === 'off1') && !natConflict && !common;
    const strong = c.name >= STRONG_NAME && !sexConflict && (strongDate || yearDate);
    return { item: c.item, score: Math.round(score * 1000) / 1000, level: strong ? 'strong' : 'possible', name: c.name };
  });
  scored.sort((a, b) => b.score - a.score || b.name - a.name);
  return scored.slice(0, limit);
}
