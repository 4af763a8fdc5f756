import type { Catalogue } from './index';

/**
 * Each module's own texts, kept in src/modules/<module>/i18n/{ja,en}.json so a module's texts live
 * with its code. Add one line per module; keys must not repeat the shared catalogue's.
 */
export const moduleCatalogues: { ja: Catalogue; en: Catalogue }[] = [];
