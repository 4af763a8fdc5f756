import { OFFICE_TIME_ZONE } from '../shared/time';
import type { Language } from '../i18n/index';

const locales: Record<Language, string> = { ja: 'ja-JP', en: 'en-GB' };

/** Date and time of an instant, in Tokyo. */
export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], {
    timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(new Date(iso));
}

/** Clock time of an instant, in Tokyo. */
export function formatTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { timeZone: OFFICE_TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A calendar date `YYYY-MM-DD` (no time zone of its own: formatted as is). */
export function formatDate(date: string, language: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(locales[language], { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function formatYen(amount: number, language: Language): string {
  return new Intl.NumberFormat(locales[language], { style: 'currency', currency: 'JPY' }).format(amount);
}

export { ageOn } from '../shared/time';

interface NameParts {
  familyName: string;
  givenName: string;
  nameInOwnScript?: string | null;
  nameKana?: string | null;
}

/** The Latin name as the office writes it: FAMILY Given. */
export function latinName(p: NameParts): string {
  return [p.familyName.toUpperCase(), p.givenName].filter((s) => s.trim() !== '').join(' ');
}

/** The best single line to name a person: Latin, else katakana, else own script. */
export function primaryName(p: NameParts): string {
  return latinName(p) || p.nameKana || p.nameInOwnScript || '—';
}

/** The other name forms (katakana, own script) not already used as the primary name. */
export function otherNames(p: NameParts): string[] {
  const primary = primaryName(p);
  return [p.nameKana, p.nameInOwnScript].filter((n): n is string => !!n && n.trim() !== '' && n !== primary);
}

/** A catalogue-style record's name (aid item, budget line, location, facility) in the reader's language. */
export function localName(x: { nameJa: string; nameEn: string }, language: Language): string {
  return language === 'ja' ? x.nameJa : x.nameEn;
}
