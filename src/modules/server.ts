import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../server/services';
import { staffRoutes } from './staff/server/staff.routes';
import { auditRoutes } from './audit/server/audit.routes';
import { peopleRoutes } from './people/server/people.routes';
import { matchingRoutes } from './matching/server/matching.routes';
import { receptionRoutes } from './reception/server/reception.routes';
import { consultationRoutes } from './consultations/server/consultations.routes';
import { advocacyRoutes } from './advocacy/server/advocacy.routes';
import { assistanceRoutes } from './assistance/server/assistance.routes';
import { inventoryRoutes } from './inventory/server/inventory.routes';
import { timelineRoutes } from './timeline/server/timeline.routes';
import { mergeRoutes } from './merge/server/merge.routes';
import { taskRoutes } from './tasks/server/tasks.routes';
import { deadlineRoutes } from './deadlines/server/deadlines.routes';
import { casesRoutes } from './cases/server/cases.routes';
import { documentRoutes } from './documents/server/documents.routes';
import { privacyRoutes } from './privacy/server/privacy.routes';
import { shelterRoutes } from './shelter/server/shelter.routes';
import { winterRoutes } from './winter/server/winter.routes';
import { budgetRoutes } from './budgets/server/budgets.routes';
import { reportRoutes } from './reports/server/reports.routes';
import { fundraisingRoutes } from './fundraising/server/fundraising.routes';
import { lettersRoutes } from './fundraising/letters/server/letters.routes';
import { importRoutes } from './fundraising/imports/server/imports.routes';
import { receiptRoutes } from './fundraising/receipts/server/receipts.routes';
import { fundraisingReportRoutes } from './fundraising/reports/server/fundraising-reports.routes';
import { runnersRoutes } from './runners/server/runners.routes';
import { runnersPublicRoutes } from './runners/server/runners.public.routes';
import { partnersRoutes } from './partners/server/partners.routes';

/** What a module's routes may be given besides its services. */
export interface RouteOptions {
  session: { secureCookies: boolean; sessionHours: number };
  /** Signs the public forms' tokens (form-guard) and the runners' editing sessions. */
  secretKey: Buffer;
  publicUrl: string | undefined;
  paymentWebhookSecret: string | undefined;
  /** A public form sent sooner than this after it was shown is taken for a bot. */
  formMinSeconds: number;
  /** The clock of the public forms' time check (tests fix it). */
  now: () => Date;
}

/** A module's HTTP side: the routes it serves, given the services (wired in src/server/services.ts). */
export interface ServerModule {
  name: string;
  routes: (services: Services, options: RouteOptions) => FastifyPluginAsync;
}

/** Every module's routes, registered in this order by src/server/app.ts. One line per module. */
export const serverModules: ServerModule[] = [
  { name: 'staff', routes: (services, options) => staffRoutes(services.staff, options.session) },
  { name: 'audit', routes: (services) => auditRoutes(services.audit) },
  { name: 'people', routes: (services) => peopleRoutes(services.people) },
  { name: 'matching', routes: (services) => matchingRoutes(services.matching) },
  { name: 'reception', routes: (services) => receptionRoutes(services.reception) },
  { name: 'consultations', routes: (services) => consultationRoutes(services.consultations) },
  { name: 'assistance', routes: (services) => assistanceRoutes(services.assistance) },
  { name: 'inventory', routes: (services) => inventoryRoutes(services.inventory) },
  { name: 'timeline', routes: (services) => timelineRoutes(services.timeline) },
  { name: 'merge', routes: (services) => mergeRoutes(services.merge) },
  { name: 'tasks', routes: (services) => taskRoutes(services.tasks) },
  { name: 'deadlines', routes: (services) => deadlineRoutes(services.deadlines) },
  { name: 'cases', routes: (services) => casesRoutes(services.cases) },
  { name: 'documents', routes: (services) => documentRoutes(services.documents) },
  { name: 'privacy', routes: (services) => privacyRoutes(services.privacy) },
  { name: 'shelter', routes: (services) => shelterRoutes(services.shelter) },
  { name: 'winter', routes: (services) => winterRoutes(services.winter) },
  { name: 'budgets', routes: (services) => budgetRoutes(services.budgets) },
  { name: 'reports', routes: (services) => reportRoutes(services.reports) },
  { name: 'fundraising', routes: (services) => fundraisingRoutes(services.fundraising) },
  { name: 'fundraising-letters', routes: (services) => lettersRoutes(services.letters) },
  { name: 'fundraising-imports', routes: (services) => importRoutes(services.imports) },
  { name: 'fundraising-receipts', routes: (services) => receiptRoutes(services.receipts) },
  { name: 'fundraising-reports', routes: (services) => fundraisingReportRoutes(services.fundraisingReports) },
  { name: 'advocacy', routes: (services) => advocacyRoutes(services.advocacy) },
  { name: 'runners', routes: (services) => runnersRoutes(services.runners) },
  { name: 'partners', routes: (services) => partnersRoutes(services.partners) },
  { name: 'runners-public', routes: (services, options) => runnersPublicRoutes(services.runners, options) },
];
