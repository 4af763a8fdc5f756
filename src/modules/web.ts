import type { ReactNode } from 'react';
import type { Permission } from './staff/contract';
import { receptionWeb } from './reception/web/reception.web';
import { peopleWeb } from './people/web/people.web';
import { deadlinesWeb } from './deadlines/web/deadlines.web';
import { mergeWeb } from './merge/web/merge.web';
import { casesWeb } from './cases/web/cases.web';
import { consultationsWeb } from './consultations/web/consultations.web';
import { assistanceWeb } from './assistance/web/assistance.web';
import { inventoryWeb } from './inventory/web/inventory.web';
import { shelterWeb } from './shelter/web/shelter.web';
import { winterWeb } from './winter/web/winter.web';
import { budgetsWeb } from './budgets/web/budgets.web';
import { reportsWeb } from './reports/web/reports.web';
import { advocacyWeb } from './advocacy/web/advocacy.web';
import { fundraisingWeb } from './fundraising/web/fundraising.web';
import { receiptsWeb } from './fundraising/receipts/web/receipts.web';
import { importsWeb } from './fundraising/imports/web/imports.web';
import { fundraisingReportsWeb } from './fundraising/reports/web/reports.web';
import { runnersWeb } from './runners/web/runners.web';
import { partnersWeb } from './partners/web/partners.web';
import { auditWeb } from './audit/web/audit.web';
import { staffWeb } from './staff/web/staff.web';

/** A page of the web app: its path, who may open it, and its entry in the navigation (lower order first). */
export interface WebPage {
  path: string;
  /** Without one, every signed-in staff member may open it. */
  permission?: Permission;
  element: ReactNode;
  nav?: { label: string; order: number };
}

/** A module's web side: its pages. */
export interface WebModule {
  name: string;
  pages: WebPage[];
}

/** Every module's pages; src/web builds the routes and the navigation from this list. One line per module. */
export const webModules: WebModule[] = [
  receptionWeb,
  peopleWeb,
  deadlinesWeb,
  mergeWeb,
  casesWeb,
  consultationsWeb,
  assistanceWeb,
  inventoryWeb,
  shelterWeb,
  winterWeb,
  budgetsWeb,
  reportsWeb,
  advocacyWeb,
  fundraisingWeb,
  receiptsWeb,
  importsWeb,
  fundraisingReportsWeb,
  runnersWeb,
  partnersWeb,
  auditWeb,
  staffWeb,
];

/** The navigation entries, in order. */
export function navEntries(): (WebPage & { nav: NonNullable<WebPage['nav']> })[] {
  return webModules
    .flatMap((module) => module.pages)
    .filter((page): page is WebPage & { nav: NonNullable<WebPage['nav']> } => page.nav !== undefined)
    .sort((a, b) => a.nav.order - b.nav.order);
}
