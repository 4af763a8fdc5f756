import { commonCountries, commonLanguages, displayName } from '../shared/codes';
import type { Language } from '../i18n/index';

export interface OptionGroup {
  group: string;
  items: Array<{ value: string; label: string }>;
}

// Every ISO 3166 alpha-2 code the runtime can name, for the nationality picker.
const allRegionCodes: string[] = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const codes: string[] = [];
  const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', 'AA', 'QM', 'QN', 'QP', 'QQ', 'QR', 'QS', 'QT', 'QU', 'QV', 'QW', 'QX', 'QY', 'QZ']);
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (notCountries.has(code) || code.startsWith('X')) continue;
      const name = names.of(code);
      if (name && name !== code) codes.push(code);
    }
  }
  return codes;
})();

// Living languages staff meet; a short list keeps the picker fast (the common ones come first anyway).
const moreLanguages = [
  'ja', 'zh', 'ko', 'es', 'pt', 'ru', 'uk', 'de', 'it', 'hi', 'id', 'ms', 'tl', 'vi', 'mn', 'uz', 'kk', 'ky', 'tg', 'az',
  'ka', 'hy', 'ku', 'ckb', 'he', 'so', 'om', 'ha', 'yo', 'ig', 'wo', 'ff', 'rw', 'rn', 'lg', 'sg', 'kg', 'mg', 'zu', 'xh',
  'af', 'pa', 'gu', 'mr', 'te', 'kn', 'ml', 'or', 'as', 'dz', 'bo', 'lo', 'ro', 'pl', 'sq', 'sr', 'bs', 'hr', 'bg', 'el',
];

function byName(codes: readonly string[], kind: 'region' | 'language', language: Language) {
  return codes
    .map((code) => ({ value: code, label: displayName(kind, code, language) }))
    .sort((x, y) => x.label.localeCompare(y.label, language));
}

function grouped(common: readonly string[], rest: readonly string[], kind: 'region' | 'language', language: Language, labels: { common: string; all: string }): OptionGroup[] {
  const commonSet = new Set(common);
  const others = rest.filter((c) => !commonSet.has(c));
  return [
    { group: labels.common, items: common.map((code) => ({ value: code, label: displayName(kind, code, language) })) },
    { group: labels.all, items: byName(others, kind, language) },
  ];
}

/** Countries for pickers: the office's common nationalities first, then all by name in the UI language. */
export function countryOptions(language: Language, labels: { common: string; all: string }): OptionGroup[] {
  return grouped(commonCountries, allRegionCodes, 'region', language, labels);
}

/** Languages for pickers: the office's common interpreter languages first. */
export function languageOptions(language: Language, labels: { common: string; all: string }): OptionGroup[] {
  return grouped(commonLanguages, [...new Set(moreLanguages)], 'language', language, labels);
}
