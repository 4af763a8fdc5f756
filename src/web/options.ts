import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { commonCountries, commonLanguages, displayName, isCountryCode } from '../shared/codes';
import { currentLanguage } from './i18n';
import type { Language } from '../i18n/index';

export interface OptionGroup {
  group: string;
  items: Array<{ value: string; label: string }>;
}

// Every country code the runtime can name, for the nationality picker.
const allRegionCodes: string[] = (() => {
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (isCountryCode(code)) codes.push(code);
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

function useGroupLabels() {
  const { t } = useTranslation();
  return { language: currentLanguage(), common: t('ui.options.common'), all: t('ui.options.all') };
}

/** Country options in the UI language, for a nationality picker. */
export function useCountryOptions(): OptionGroup[] {
  const { language, common, all } = useGroupLabels();
  return useMemo(() => countryOptions(language, { common, all }), [language, common, all]);
}

/** Language options in the UI language, for interpreter and spoken-language pickers. */
export function useLanguageOptions(): OptionGroup[] {
  const { language, common, all } = useGroupLabels();
  return useMemo(() => languageOptions(language, { common, all }), [language, common, all]);
}
