import type { Catalogue } from './index';
import assistanceEn from '../modules/assistance/i18n/en.json';
import assistanceJa from '../modules/assistance/i18n/ja.json';
import budgetsEn from '../modules/budgets/i18n/en.json';
import budgetsJa from '../modules/budgets/i18n/ja.json';
import casesEn from '../modules/cases/i18n/en.json';
import casesJa from '../modules/cases/i18n/ja.json';
import deadlinesEn from '../modules/deadlines/i18n/en.json';
import deadlinesJa from '../modules/deadlines/i18n/ja.json';
import documentsEn from '../modules/documents/i18n/en.json';
import documentsJa from '../modules/documents/i18n/ja.json';
import inventoryEn from '../modules/inventory/i18n/en.json';
import inventoryJa from '../modules/inventory/i18n/ja.json';
import mergeEn from '../modules/merge/i18n/en.json';
import mergeJa from '../modules/merge/i18n/ja.json';
import matchingEn from '../modules/matching/i18n/en.json';
import matchingJa from '../modules/matching/i18n/ja.json';
import privacyEn from '../modules/privacy/i18n/en.json';
import privacyJa from '../modules/privacy/i18n/ja.json';
import reportsEn from '../modules/reports/i18n/en.json';
import reportsJa from '../modules/reports/i18n/ja.json';
import shelterEn from '../modules/shelter/i18n/en.json';
import shelterJa from '../modules/shelter/i18n/ja.json';
import tasksEn from '../modules/tasks/i18n/en.json';
import tasksJa from '../modules/tasks/i18n/ja.json';
import winterEn from '../modules/winter/i18n/en.json';
import winterJa from '../modules/winter/i18n/ja.json';

/**
 * Each module's own texts, kept in src/modules/<module>/i18n/{ja,en}.json so a module's texts live
 * with its code. Add one line per module; keys must not repeat the shared catalogue's.
 */
export const moduleCatalogues: { ja: Catalogue; en: Catalogue }[] = [
  { ja: assistanceJa, en: assistanceEn },
  { ja: budgetsJa, en: budgetsEn },
  { ja: casesJa, en: casesEn },
  { ja: deadlinesJa, en: deadlinesEn },
  { ja: documentsJa, en: documentsEn },
  { ja: inventoryJa, en: inventoryEn },
  { ja: mergeJa, en: mergeEn },
  { ja: matchingJa, en: matchingEn },
  { ja: privacyJa, en: privacyEn },
  { ja: reportsJa, en: reportsEn },
  { ja: shelterJa, en: shelterEn },
  { ja: tasksJa, en: tasksEn },
  { ja: winterJa, en: winterEn },
];
