import { normaliseCardNumber } from '../../cases/contract';
import { foldForSearch } from '../../people/search-text';
import type { QuoteWarning } from '../contract';

/** What of a person a quote must not carry. */
export interface QuotedPerson {
  fileNumber: string;
  familyName: string;
  givenName: string;
  nameInOwnScript: string | null;
  nameKana: string | null;
  phone: string | null;
  residenceCardNumber: string | null;
}

const cardPattern = /[A-Z]{2}\s*\d{8}\s*[A-Z]{2}/;
// A run of digits with the separators phone numbers are written with; 10 digits or more (a date has 8).
const phonePattern = /\+?\d[\d\s\-‐－()]{8,}\d/g;
const looksLikePhone = (text: string) => [...text.matchAll(phonePattern)].some((m) => m[0].replace(/\D/g, '').length >= 10);

/**
 * Why a quote does not look anonymised: it holds the person's name (any form, folded the way people
 * search folds it: width, case, diacritics, kana), their phone number or any phone-like number,
 * their residence card number or any card-like number, or their file number. A warning, not a
 * refusal: a caseworker decides (a common word may match a short name).
 */
export function quoteWarnings(quote: string, person: QuotedPerson): QuoteWarning[] {
  const folded = foldForSearch(quote);
  const squashed = folded.replace(/\s+/g, '');
  const digits = quote.normalize('NFKC').replace(/\D/g, '');
  const warnings: QuoteWarning[] = [];

  const names = [person.familyName, person.givenName, person.nameInOwnScript, person.nameKana]
    .flatMap((n) => foldForSearch(n ?? '').split(' '))
    .filter((n) => n.length >= 2);
  const words = new Set(folded.split(' '));
  // Latin names must match a whole word ("Ali" is not in "quality"); other scripts have no spaces to rely on.
  if (names.some((n) => (/^[\p{Script=Latin}\d]+$/u.test(n) ? words.has(n) : squashed.includes(n)))) warnings.push('name');

  const phoneDigits = (person.phone ?? '').replace(/\D/g, '');
  if ((phoneDigits.length >= 6 && digits.includes(phoneDigits)) || looksLikePhone(quote.normalize('NFKC'))) warnings.push('phone');

  const card = person.residenceCardNumber ? normaliseCardNumber(person.residenceCardNumber) : null;
  const upper = quote.normalize('NFKC').toUpperCase();
  if ((card && upper.replace(/[\s\-‐－]/g, '').includes(card)) || cardPattern.test(upper)) warnings.push('card_number');

  const file = foldForSearch(person.fileNumber).replace(/\s+/g, '');
  if (file.length >= 3 && squashed.includes(file)) warnings.push('file_number');
  return warnings;
}
