import { z } from 'zod';

// Region codes Intl knows that are not countries a person holds: groupings and the private-use
// ranges (AA, QM–QZ, XA–XZ, ZZ). XK is the exception: the code in use for Kosovo.
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'AA']);
const privateUse = (code: string) => (/^Q[M-Z]$/.test(code) || code.startsWith('X')) && code !== 'XK';
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

// Intl throws RangeError on a malformed code; zod runs refinements even after a failed regex.
function knownTo(names: Intl.DisplayNames, code: string): boolean {
  try {
    return names.of(code) !== undefined;
  } catch {
    return false;
  }
}

/** True for an ISO 3166-1 alpha-2 code of a country or territory a person can hold (upper case). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !notCountries.has(code) && !privateUse(code) && knownTo(regionNames, code);
}

/** ISO 3166-1 alpha-2 country code, upper case (`cd` is accepted as `CD`). */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/)
  .refine(isCountryCode, { params: { key: 'invalid_choice' } });

/** ISO 639 language code: two letters (fr, am, ti) or three where no two-letter code exists (kmr, prs). */
export const LanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/)
  .refine((code) => knownTo(languageNames, code), { params: { key: 'invalid_choice' } });

/**
 * A calendar date `YYYY-MM-DD` that exists (2023-02-29 does not) and is plausible for the office's
 * records: from 1900 (the oldest date of birth) to 2199 (year 0000 is not even a date to PostgreSQL).
 */
export const IsoDate = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2199-12-31', { params: { key: 'date_out_of_range' } });

/** The name of a country or language in the reader's language, from the runtime's CLDR data. */
export function displayName(kind: 'region' | 'language', code: string, language: 'ja' | 'en'): string {
  try {
    return new Intl.DisplayNames([language], { type: kind, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Interpreter languages the office needs most (DOMAIN.md), first in pickers. */
export const commonLanguages = ['fr', 'en', 'am', 'ti', 'ar', 'my', 'tr', 'kmr', 'si', 'ta', 'ur', 'fa', 'prs', 'ne', 'bn', 'km', 'th', 'ps', 'sw', 'ln'] as const;

/** Nationalities most seen at the office (DOMAIN.md), first in pickers. */
export const commonCountries = ['CD', 'CM', 'ET', 'UG', 'NG', 'MM', 'LK', 'TR', 'AF', 'PK', 'NP', 'BD', 'IR', 'YE', 'ER', 'SD', 'SY', 'GH', 'CI', 'GN', 'BI', 'IQ', 'KH', 'VN'] as const;

/** An email address as typed, folded to lower case. */
export const EmailAddress = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** A phone number as typed (full-width digits and dashes are folded to ASCII first); empty is allowed. */
export const PhoneNumber = z.string().trim().max(40).transform((s) => s.normalize('NFKC').replace(/[ー‐−]/g, '-'))
  .refine((s) => s === '' || (/^[+\d\s()-]*$/.test(s) && s.replace(/\D/g, '').length >= 6), { params: { key: 'phone_format' } });
