import type { Catalogue } from './index';
import casesEn from '../modules/cases/i18n/en.json';
import casesJa from '../modules/cases/i18n/ja.json';
import deadlinesEn from '../modules/deadlines/i18n/en.json';
import deadlinesJa from '../modules/deadlines/i18n/ja.json';
import documentsEn from '../modules/documents/i18n/en.json';
import documentsJa from '../modules/documents/i18n/ja.json';
import mergeEn from '../modules/merge/i18n/en.json';
import mergeJa from '../modules/merge/i18n/ja.json';
import matchingEn from '../modules/matching/i18n/en.json';
import matchingJa from '../modules/matching/i18n/ja.json';
import privacyEn from '../modules/privacy/i18n/en.json';
import privacyJa from '../modules/privacy/i18n/ja.json';
import tasksEn from '../modules/tasks/i18n/en.json';
import tasksJa from '../modules/tasks/i18n/ja.json';

/**
 * Each module's own texts, kept in src/modules/<module>/i18n/{ja,en}.json so a module's texts live
 * with its code. Add one line per module; keys must not repeat the shared catalogue's.
 */
export const moduleCatalogues: { ja: Catalogue; en: Catalogue }[] = [
  { ja: casesJa, en: casesEn },
  { ja: deadlinesJa, en: deadlinesEn },
  { ja: documentsJa, en: documentsEn },
  { ja: mergeJa, en: mergeEn },
  { ja: matchingJa, en: matchingEn },
  { ja: privacyJa, en: privacyEn },
  { ja: tasksJa, en: tasksEn },
];
