import { kanaRomaji, organisationKey } from './supporter-names';
import { osaDistance } from '../../matching/server/match-names';
import type { DuplicateReason } from '../contract';

// Duplicate supporters, by the rules of issue 13: the same email or phone → strong; the same kana
// reading with the same 〒 → strong; a similar name in the same city → possible. The name
// comparison reuses the matching module's edit distance (osaDistance) over romaji readings, so
// タロウ / タロー / 太郎 / 太朗 written by different people still meet. Pure: no database.

export interface DuplicateProbe {
  kind: 'individual' | 'organisation';
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  organisationName: string;
  email: string | null;
  phoneDigits: string | null;
  postalCode: string | null;
  prefecture: string | null;
  city: string | null;
}

/** The reading as one key without spaces (what the database compares). */
export const readingKey = (p: Pick<DuplicateProbe, 'familyNameKana' | 'givenNameKana'> & { organisationNameKana?: string }) =>
  `${p.familyNameKana}${p.givenNameKana}${p.organisationNameKana ?? ''}`.replace(/\s/g, '');

/** Romaji without long-vowel marks, so タロウ, タロー and タロ compare as the same sound. */
const sound = (kana: string) => kanaRomaji(kana).replace(/[^a-z]/g, '').replace(/(?<=[aeiou])[-u]|(?<=o)o|(?<=[aeiou])h(?![aeiou])/g, '');

/** Whether two given names (kanji or kana) could be one name written two ways. */
function similarGiven(a: DuplicateProbe, b: DuplicateProbe): boolean {
  if (a.givenName === '' || b.givenName === '') return true;
  if (a.givenName === b.givenName) return true;
  if (a.givenNameKana !== '' && b.givenNameKana !== '') {
    const x = sound(a.givenNameKana);
    const y = sound(b.givenNameKana);
    return x === y || osaDistance(x, y) <= (Math.max(x.length, y.length) >= 5 ? 2 : 1);
  }
  return osaDistance(a.givenName, b.givenName) <= 1 && Math.min(a.givenName.length, b.givenName.length) >= 2;
}

function similarName(a: DuplicateProbe, b: DuplicateProbe): boolean {
  if (a.kind === 'organisation' || b.kind === 'organisation') {
    const x = organisationKey(a.organisationName);
    const y = organisationKey(b.organisationName);
    if (x === '' || y === '') return false;
    return x === y || x.includes(y) || y.includes(x) || osaDistance(x, y) <= 1;
  }
  const sameFamily = (a.familyName !== '' && a.familyName === b.familyName)
    || (a.familyNameKana !== '' && sound(a.familyNameKana) === sound(b.familyNameKana));
  return sameFamily && similarGiven(a, b);
}

/** Why a candidate looks like the probe, and how strongly; null when it does not. */
export function duplicateReasons(probe: DuplicateProbe, candidate: DuplicateProbe): { level: 'strong' | 'possible'; reasons: DuplicateReason[] } | null {
  const reasons: DuplicateReason[] = [];
  if (probe.email && candidate.email && probe.email.toLowerCase() === candidate.email.toLowerCase()) reasons.push('email');
  if (probe.phoneDigits && candidate.phoneDigits && probe.phoneDigits.length >= 8 && probe.phoneDigits === candidate.phoneDigits) reasons.push('phone');
  const key = readingKey(probe);
  if (key !== '' && probe.postalCode && probe.postalCode === candidate.postalCode && key === readingKey(candidate)) reasons.push('kana_postal');
  if (probe.city && probe.prefecture && probe.city === candidate.city && probe.prefecture === candidate.prefecture && similarName(probe, candidate)) reasons.push('name_city');
  if (reasons.length === 0) return null;
  return { level: reasons.some((r) => r !== 'name_city') ? 'strong' : 'possible', reasons };
}
