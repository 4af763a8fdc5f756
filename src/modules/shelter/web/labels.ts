import type { Language } from '../../../i18n';
import { localName } from '../../../web/format';

/** A facility's name in the reader's language. */
export function facilityName(f: { facilityNameJa: string; facilityNameEn: string } | { nameJa: string; nameEn: string }, language: Language): string {
  if ('facilityNameJa' in f) return language === 'ja' ? f.facilityNameJa : f.facilityNameEn;
  return localName(f, language);
}
