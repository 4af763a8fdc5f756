import en from './en.json';
import ja from './ja.json';

/** The two languages every text exists in. Japanese is the default. */
export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'ja';

export const resources = {
  ja: { translation: ja },
  en: { translation: en },
} as const;

