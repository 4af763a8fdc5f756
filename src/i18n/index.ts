import en from './en.json';
import ja from './ja.json';
import { modules } from '../modules/index';

/** The two languages every text exists in. Japanese is the default. */
export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'ja';

export type Catalogue = { [key: string]: string | Catalogue };

/** Merges catalogues key by key; two catalogues giving the same text key is a mistake, so it throws. */
export function mergeCatalogues(parts: Catalogue[], prefix = ''): Catalogue {
  const out: Catalogue = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = out[key];
      if (existing === undefined) out[key] = typeof value === 'string' ? value : mergeCatalogues([value], `${prefix}${key}.`);
      else if (typeof existing === 'string' || typeof value === 'string') throw new Error(`i18n key ${prefix}${key} is defined twice`);
      else out[key] = mergeCatalogues([existing, value], `${prefix}${key}.`);
    }
  }
  return out;
}

/** The shared catalogue (src/i18n) plus each module's own (src/modules/<m>/i18n, listed in src/modules/index.ts). */
export const catalogues: Record<Language, Catalogue> = {
  ja: mergeCatalogues([ja, ...modules.flatMap((m) => m.catalogues.map((c) => c.ja))]),
  en: mergeCatalogues([en, ...modules.flatMap((m) => m.catalogues.map((c) => c.en))]),
};

export const resources = {
  ja: { translation: catalogues.ja },
  en: { translation: catalogues.en },
} as const;
