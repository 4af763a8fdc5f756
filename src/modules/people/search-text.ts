/**
 * Folding for search as you type: a name typed in full-width or half-width, capitals or not,
 * with or without diacritics, in hiragana or katakana, finds the same file.
 * Used for the stored `search_text` and for the query alike, so both sides fold the same way.
 */

// Latin letters that NFD does not split into base + mark.
const latinSpecials: Record<string, string> = { ı: 'i', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', ħ: 'h' };

export function foldForSearch(input: string): string {
  let s = input.normalize('NFKC').toLowerCase();
  // Strip combining marks after Latin letters only: in Burmese, Devanagari or Ge'ez they are letters.
  s = s.normalize('NFD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC');
  s = s.replace(/[ıßøđłæœþðħ]/g, (c) => latinSpecials[c] ?? c);
  // Hiragana → katakana (same order in Unicode, 0x60 apart).
  s = s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  // Separators staff use between name parts: ・ ＝ = - ' , and any run of spaces.
  s = s.replace(/[・·=＝\-‐'’,、.]/g, ' ').replace(/\s+/g, ' ').trim();
  return s;
}

/** The text stored for a person: every name form, both name orders, file number and phone digits. */
export function personSearchText(p: {
  fileNumber: string;
  familyName: string;
  givenName: string;
  nameInOwnScript?: string | null | undefined;
  nameKana?: string | null | undefined;
  phone?: string | null | undefined;
}): string {
  const parts = [
    p.fileNumber,
    `${p.familyName} ${p.givenName}`,
    `${p.givenName} ${p.familyName}`,
    p.nameInOwnScript ?? '',
    p.nameKana ?? '',
    (p.phone ?? '').replace(/\D/g, ''),
  ];
  return parts.map(foldForSearch).filter(Boolean).join(' | ');
}

/** Splits a query into folded words; each must occur in the person's search text. */
export function searchTokens(query: string): string[] {
  return foldForSearch(query).split(' ').filter(Boolean).slice(0, 6);
}
