import { createAssistanceService } from '../modules/assistance/server/assistance.service';
import { createInventoryService } from '../modules/inventory/server/inventory.service';
import { createBudgetsService } from '../modules/budgets/server/budgets.service';
import { createReportsService } from '../modules/reports/server/reports.service';
import { createAdvocacyService } from '../modules/advocacy/server/advocacy.service';
import { createFundraisingService } from '../modules/fundraising/server/fundraising.service';
import { createLettersService } from '../modules/fundraising/letters/server/letters.service';
import { createImportsService } from '../modules/fundraising/imports/server/imports.service';
import { createReceiptsService } from '../modules/fundraising/receipts/server/receipts.service';
import { createFundraisingReportsService } from '../modules/fundraising/reports/server/fundraising-reports.service';
import { createAuditService } from '../modules/audit/server/audit.service';
import { createCasesService, recordHousingChange } from '../modules/cases/server/cases.service';
import { residenceCardHash } from '../modules/cases/server/cases.sealing';
import { createConsultationsService } from '../modules/consultations/server/consultations.service';
import { createDeadlinesService } from '../modules/deadlines/server/deadlines.service';
import { createDocumentsService } from '../modules/documents/server/documents.service';
import { DEFAULT_DOCUMENT_MAX_BYTES } from '../modules/documents/contract';
import { createPeopleService } from '../modules/people/server/people.service';
import { createMatchingService } from '../modules/matching/server/matching.service';
import { createPrivacyService } from '../modules/privacy/server/privacy.service';
import { createReceptionService } from '../modules/reception/server/reception.service';
import { createStaffService } from '../modules/staff/server/staff.service';
import { createTasksService } from '../modules/tasks/server/tasks.service';
import { createTimelineService } from '../modules/timeline/server/timeline.service';
import { createMergeService } from '../modules/merge/server/merge.service';
import { createShelterService } from '../modules/shelter/server/shelter.service';
import { createWinterService } from '../modules/winter/server/winter.service';
import { createRunnersService } from '../modules/runners/server/runners.service';
import { createPartnersService } from '../modules/partners/server/partners.service';
import { createFieldCipher } from './crypto/field-cipher';
import { createMailer } from './mail/mailer';
import type { Db } from './db/database';

/** Every module's service, wired once: a module reaches another only through these. */
export function createServices(deps: {
  db: Db;
  secretKey: Buffer;
  sessionHours: number;
  /** Where attached documents are stored (config DOCUMENTS_DIR); without it, no upload or download. */
  documentsDir?: string;
  documentMaxBytes?: number;
  /** Outgoing mail; without a URL nothing is sent. */
  mail?: { url?: string | undefined; from?: string } | undefined;
  publicUrl?: string | undefined;
  now?: (() => Date) | undefined;
}) {
  const { db } = deps;
  /** Encrypts sensitive fields and documents at rest (see crypto/field-cipher.ts). */
  const cipher = createFieldCipher(deps.secretKey);
  const audit = createAuditService(db);
  const staff = createStaffService({ db, audit, secretKey: deps.secretKey, sessionHours: deps.sessionHours });
  const matching = createMatchingService(db, audit);
  const people = createPeopleService(db, audit, {
    onHousingChanged: recordHousingChange, onPersonWritten: matching.indexPerson, residenceCardHash: (card) => residenceCardHash(cipher, card),
  });
  const cases = createCasesService(db, audit, people, staff, cipher);
  const reception = createReceptionService(db, audit, people);
  const tasks = createTasksService(db, audit, people, staff);
  const deadlines = createDeadlinesService(db, audit, people, cases);
  const advocacy = createAdvocacyService({ db, audit, people, cases, cipher });
  const consultations = createConsultationsService(db, audit, people, reception, cipher, tasks, advocacy);
  const budgets = createBudgetsService(db, audit);
  const reports = createReportsService(db, audit, budgets);
  const inventory = createInventoryService(db, audit);
  const assistance = createAssistanceService({ db, audit, people, reception, inventory, budgets });
  const timeline = createTimelineService({ db, audit, people, reception, consultations, assistance });
  const documents = createDocumentsService({
    db, audit, people, cipher,
    options: { dir: deps.documentsDir, maxBytes: deps.documentMaxBytes ?? DEFAULT_DOCUMENT_MAX_BYTES },
  });
  const merge = createMergeService(db, audit, people);
  const shelter = createShelterService(db, audit, people, budgets);
  const winter = createWinterService({ people, shelter, inventory, cases, reception });
  // Fundraising reaches no other module's data (separation of duties, issue 13).
  const fundraising = createFundraisingService(db, audit);
  const letters = createLettersService({ db, audit, fundraising });
  const mailer = createMailer({ url: deps.mail?.url, from: deps.mail?.from ?? 'Tobira <no-reply@tobira.local>' });
  // Charity runners build on fundraising; their public pages quote the office's banded public figures.
  const runners = createRunnersService({
    db, audit, fundraising, publicFigures: () => advocacy.publicFigures(), mailer, secretKey: deps.secretKey, publicUrl: deps.publicUrl, now: deps.now ?? (() => new Date()),
  });
  const imports = createImportsService({ db, audit, fundraising, runnerSupporters: runners.supportersOfRunnerCodes });
  const receipts = createReceiptsService({ db, audit });
  const fundraisingReports = createFundraisingReportsService({ db, audit });
  // The directory of partners holds organisations only: medical and employment referrals will use it.
  const partners = createPartnersService({ db, audit });
  const privacy = createPrivacyService({ db, cipher, audit, people, cases, reception, consultations, assistance, documents, shelter, merge, advocacy });
  return { db, cipher, audit, staff, people, matching, cases, reception, consultations, assistance, timeline, documents, privacy, tasks, deadlines, merge, budgets, inventory, reports, shelter, winter, advocacy, fundraising, letters, imports, fundraisingReports, receipts, runners, partners, mailer };
}
export type Services = ReturnType<typeof createServices>;
