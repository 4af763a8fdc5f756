import type { Catalogue } from '../i18n/index';
import advocacyEn from './advocacy/i18n/en.json';
import advocacyJa from './advocacy/i18n/ja.json';
import advocacyBriefEn from './advocacy/i18n/brief.en.json';
import advocacyBriefJa from './advocacy/i18n/brief.ja.json';
import advocacyWebEn from './advocacy/i18n/web.en.json';
import advocacyWebJa from './advocacy/i18n/web.ja.json';
import assistanceEn from './assistance/i18n/en.json';
import assistanceJa from './assistance/i18n/ja.json';
import budgetsEn from './budgets/i18n/en.json';
import budgetsJa from './budgets/i18n/ja.json';
import casesEn from './cases/i18n/en.json';
import casesJa from './cases/i18n/ja.json';
import deadlinesEn from './deadlines/i18n/en.json';
import deadlinesJa from './deadlines/i18n/ja.json';
import documentsEn from './documents/i18n/en.json';
import fundraisingEn from './fundraising/i18n/en.json';
import fundraisingJa from './fundraising/i18n/ja.json';
import fundraisingWebEn from './fundraising/i18n/web.en.json';
import fundraisingWebJa from './fundraising/i18n/web.ja.json';
import lettersEn from './fundraising/letters/i18n/letters.en.json';
import importsEn from './fundraising/imports/i18n/imports.en.json';
import importsJa from './fundraising/imports/i18n/imports.ja.json';
import importBatchesEn from './fundraising/imports/i18n/batches.en.json';
import importBatchesJa from './fundraising/imports/i18n/batches.ja.json';
import importsWebEn from './fundraising/imports/i18n/imports-web.en.json';
import importsWebJa from './fundraising/imports/i18n/imports-web.ja.json';
import lettersJa from './fundraising/letters/i18n/letters.ja.json';
import documentsJa from './documents/i18n/ja.json';
import receiptsEn from './fundraising/receipts/i18n/receipts.en.json';
import receiptsJa from './fundraising/receipts/i18n/receipts.ja.json';
import receiptsWebEn from './fundraising/receipts/i18n/receipts-web.en.json';
import receiptsWebJa from './fundraising/receipts/i18n/receipts-web.ja.json';
import fundraisingReportsEn from './fundraising/reports/i18n/reports.en.json';
import fundraisingReportsJa from './fundraising/reports/i18n/reports.ja.json';
import fundraisingReportsWebEn from './fundraising/reports/i18n/reports-web.en.json';
import fundraisingReportsWebJa from './fundraising/reports/i18n/reports-web.ja.json';
import inventoryEn from './inventory/i18n/en.json';
import inventoryJa from './inventory/i18n/ja.json';
import mergeEn from './merge/i18n/en.json';
import mergeJa from './merge/i18n/ja.json';
import matchingEn from './matching/i18n/en.json';
import matchingJa from './matching/i18n/ja.json';
import partnersEn from './partners/i18n/en.json';
import partnersJa from './partners/i18n/ja.json';
import partnersWebEn from './partners/i18n/web.en.json';
import partnersWebJa from './partners/i18n/web.ja.json';
import privacyEn from './privacy/i18n/en.json';
import privacyJa from './privacy/i18n/ja.json';
import reportsEn from './reports/i18n/en.json';
import runnersEn from './runners/i18n/en.json';
import runnersJa from './runners/i18n/ja.json';
import runnersWebEn from './runners/i18n/web.en.json';
import runnersWebJa from './runners/i18n/web.ja.json';
import runnersPublicEn from './runners/i18n/public.en.json';
import runnersPublicJa from './runners/i18n/public.ja.json';
import reportsJa from './reports/i18n/ja.json';
import shelterEn from './shelter/i18n/en.json';
import shelterJa from './shelter/i18n/ja.json';
import tasksEn from './tasks/i18n/en.json';
import tasksJa from './tasks/i18n/ja.json';
import winterEn from './winter/i18n/en.json';
import winterJa from './winter/i18n/ja.json';

/**
 * The modules of Tobira, in one list: each names itself and brings its own texts
 * (src/modules/<module>/i18n/{ja,en}.json). The server's services and routes (./server.ts) and the
 * web app's pages and navigation (./web.ts) are listed the same way, one line per module.
 * Keys must not repeat the shared catalogue's (src/i18n).
 */
export interface ModuleMeta {
  name: string;
  /** Its texts; a large module may keep them in several files (server, web, exports). */
  catalogues: { ja: Catalogue; en: Catalogue }[];
}

export const modules: ModuleMeta[] = [
  {
    name: 'advocacy',
    catalogues: [{ ja: advocacyJa, en: advocacyEn }, { ja: advocacyWebJa, en: advocacyWebEn }, { ja: advocacyBriefJa, en: advocacyBriefEn }],
  },
  { name: 'assistance', catalogues: [{ ja: assistanceJa, en: assistanceEn }] },
  { name: 'budgets', catalogues: [{ ja: budgetsJa, en: budgetsEn }] },
  { name: 'cases', catalogues: [{ ja: casesJa, en: casesEn }] },
  { name: 'deadlines', catalogues: [{ ja: deadlinesJa, en: deadlinesEn }] },
  { name: 'documents', catalogues: [{ ja: documentsJa, en: documentsEn }] },
  { name: 'fundraising-receipts', catalogues: [{ ja: receiptsJa, en: receiptsEn }, { ja: receiptsWebJa, en: receiptsWebEn }] },
  { name: 'fundraising-reports', catalogues: [{ ja: fundraisingReportsJa, en: fundraisingReportsEn }, { ja: fundraisingReportsWebJa, en: fundraisingReportsWebEn }] },
  { name: 'fundraising', catalogues: [{ ja: fundraisingJa, en: fundraisingEn }, { ja: fundraisingWebJa, en: fundraisingWebEn }] },
  { name: 'fundraising-letters', catalogues: [{ ja: lettersJa, en: lettersEn }] },
  { name: 'fundraising-imports', catalogues: [{ ja: importsJa, en: importsEn }, { ja: importBatchesJa, en: importBatchesEn }, { ja: importsWebJa, en: importsWebEn }] },
  { name: 'inventory', catalogues: [{ ja: inventoryJa, en: inventoryEn }] },
  { name: 'merge', catalogues: [{ ja: mergeJa, en: mergeEn }] },
  { name: 'matching', catalogues: [{ ja: matchingJa, en: matchingEn }] },
  { name: 'partners', catalogues: [{ ja: partnersJa, en: partnersEn }, { ja: partnersWebJa, en: partnersWebEn }] },
  { name: 'privacy', catalogues: [{ ja: privacyJa, en: privacyEn }] },
  { name: 'reports', catalogues: [{ ja: reportsJa, en: reportsEn }] },
  { name: 'runners', catalogues: [{ ja: runnersJa, en: runnersEn }, { ja: runnersWebJa, en: runnersWebEn }, { ja: runnersPublicJa, en: runnersPublicEn }] },
  { name: 'shelter', catalogues: [{ ja: shelterJa, en: shelterEn }] },
  { name: 'tasks', catalogues: [{ ja: tasksJa, en: tasksEn }] },
  { name: 'winter', catalogues: [{ ja: winterJa, en: winterEn }] },
];
