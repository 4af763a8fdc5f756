import type { FieldCipher } from '../../../server/crypto/field-cipher';
import type { Db } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../../server/http/errors';
import { tokyoDate } from '../../../shared/time';
import type { AssistanceService } from '../../assistance/server/assistance.service';
import type { AuditService } from '../../audit/server/audit.service';
import type { CasesService } from '../../cases/server/cases.service';
import type { ConsultationsService } from '../../consultations/server/consultations.service';
import type { DocumentsService } from '../../documents/server/documents.service';
import type { MergeService } from '../../merge/server/merge.service';
import type { AdvocacyService } from '../../advocacy/server/advocacy.service';
import type { ShelterService } from '../../shelter/server/shelter.service';
import type { PeopleService } from '../../people/server/people.service';
import type { ReceptionService } from '../../reception/server/reception.service';
import type {
  Consent, CreateConsentInput, CreateDisclosureInput, Disclosure, PersonExport, PutSensitiveInput, SensitiveFields,
} from '../contract';
import * as repo from './privacy.repository';

export interface PrivacyDeps {
  db: Db;
  cipher: FieldCipher;
  audit: AuditService;
  people: PeopleService;
  /** Opens the case file's sealed fields and history values for the person's own copy. */
  cases: CasesService;
  reception: ReceptionService;
  consultations: ConsultationsService;
  assistance: AssistanceService;
  documents: DocumentsService;
  shelter: ShelterService;
  merge: MergeService;
  advocacy: AdvocacyService;
}

/** Valid on `day`: given on or before it, and not withdrawn on or before it (withdrawal takes effect that day). */
export function isConsentActiveOn(consent: { consentedOn: string; withdrawnOn: string | null }, day: string): boolean {
  return consent.consentedOn <= day && (consent.withdrawnOn === null || day < consent.withdrawnOn);
}

/** Organisation names compared as a person would: width, case and spacing do not matter. */
export function sameOrganisationName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
  return fold(a) === fold(b);
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

function presentConsent(r: repo.ConsentRow, today: string): Consent {
  const consent = {
    id: r.id,
    personId: r.person_id,
    purpose: r.purpose,
    recipientName: r.recipient_name,
    country: r.country,
    serviceName: r.service_name,
    scope: r.scope,
    consentedOn: r.given_on,
    method: r.method,
    interpreterLanguage: r.interpreter_language,
    recordedByName: r.recorded_by_name,
    recordedAt: iso(r.recorded_at),
    withdrawnOn: r.withdrawn_on,
    withdrawalRecordedByName: r.withdrawal_recorded_by_name,
    withdrawalRecordedAt: isoOrNull(r.withdrawal_recorded_at),
  };
  return { ...consent, isActive: isConsentActiveOn(consent, today) };
}

function presentDisclosure(r: repo.DisclosureRow): Disclosure {
  return {
    id: r.id,
    personId: r.person_id,
    recipientName: r.recipient_name,
    recipientKind: r.recipient_kind,
    dataCategories: r.data_categories as Disclosure['dataCategories'],
    note: r.note,
    disclosedOn: r.disclosed_on,
    consentId: r.consent_id,
    legalGround: r.legal_ground,
    recordedByName: r.recorded_by_name,
    recordedAt: iso(r.recorded_at),
  };
}

/** A date the office cannot have reached yet is a typing mistake. */
function assertNotFuture(day: string, field: string) {
  if (day > tokyoDate()) throw invalidField('validation.failed', field, 'future_date');
}

export function createPrivacyService({ db, cipher, audit, people, cases, reception, consultations, assistance, documents, shelter, merge, advocacy }: PrivacyDeps) {
  const mayReadSensitive = (ctx: RequestContext) => ctx.actor.permissions.has('sensitive.read');

  function presentSensitive(personId: string, row: repo.SensitiveRow | undefined): SensitiveFields {
    return {
      personId,
      persecutionGrounds: cipher.openNullable(row?.persecution_grounds),
      healthDetails: cipher.openNullable(row?.health_details),
      version: row?.version ?? 0,
      updatedByName: row?.updated_by_name ?? null,
      updatedAt: row ? iso(row.updated_at) : null,
    };
  }

  async function listConsentsOf(ctx: RequestContext, personId: string) {
    const today = tokyoDate();
    return (await repo.listConsentsOfPerson(db, ctx.actor.organisationId, personId)).map((r) => presentConsent(r, today));
  }

  async function listDisclosuresOf(ctx: RequestContext, personId: string) {
    return (await repo.listDisclosuresOfPerson(db, ctx.actor.organisationId, personId)).map(presentDisclosure);
  }

  return {
    /** A person's consents, withdrawn ones included with their dates (audited as a read). */
    async listConsents(ctx: RequestContext, personId: string): Promise<Consent[]> {
      await people.assertExists(db, ctx, personId, 'id');
      const items = await listConsentsOf(ctx, personId);
      await audit.record(db, ctx, { action: 'read', entityType: 'person', entityId: personId, details: { view: 'consents' } });
      return items;
    },

    /** Records a consent the person gave, for one purpose. */
    async createConsent(ctx: RequestContext, personId: string, input: CreateConsentInput): Promise<Consent> {
      assertNotFuture(input.consentedOn, 'consentedOn');
      const id = await db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, personId, 'id');
        const row = await repo.insertConsent(tx, {
          organisation_id: ctx.actor.organisationId,
          person_id: personId,
          purpose: input.purpose,
          recipient_name: input.purpose === 'sharing' ? (input.recipientName ?? null) : null,
          country: input.purpose === 'transfer_abroad' ? (input.country ?? null) : null,
          service_name: input.purpose === 'transfer_abroad' ? (input.serviceName ?? null) : null,
          scope: input.scope,
          given_on: input.consentedOn,
          method: input.method,
          interpreter_language: input.interpreterLanguage ?? null,
          recorded_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'consent', entityId: row.id, details: { personId, purpose: input.purpose } });
        return row.id;
      });
      const row = await repo.findConsent(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('consent.not_found');
      return presentConsent(row, tokyoDate());
    },

    /** Records that a consent was withdrawn from a day on; the consent stays on file. */
    async withdrawConsent(ctx: RequestContext, id: string, withdrawnOn: string): Promise<Consent> {
      assertNotFuture(withdrawnOn, 'withdrawnOn');
      await db.transaction().execute(async (tx) => {
        const current = await repo.findConsent(tx, ctx.actor.organisationId, id, true);
        if (!current) throw notFound('consent.not_found');
        if (current.withdrawn_on !== null) throw conflict('consent.already_withdrawn', { withdrawnOn: current.withdrawn_on });
        if (withdrawnOn < current.given_on) throw invalidField('consent.withdrawn_before_given', 'withdrawnOn', 'before_given', { consentedOn: current.given_on });
        await repo.withdrawConsent(tx, ctx.actor.organisationId, id, withdrawnOn, ctx.actor.staffUserId);
        await audit.record(tx, ctx, { action: 'update', entityType: 'consent', entityId: id, details: { personId: current.person_id, fields: ['withdrawnOn'] } });
      });
      const row = await repo.findConsent(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('consent.not_found');
      return presentConsent(row, tokyoDate());
    },

    /** The sharing log of one person, newest first (audited as a read). */
    async listDisclosures(ctx: RequestContext, personId: string): Promise<Disclosure[]> {
      await people.assertExists(db, ctx, personId, 'id');
      const items = await listDisclosuresOf(ctx, personId);
      await audit.record(db, ctx, { action: 'read', entityType: 'person', entityId: personId, details: { view: 'disclosures' } });
      return items;
    },

    /**
     * Logs a disclosure to a third party. A consent basis must be this person's sharing or
     * transfer-abroad consent, valid on the day, naming the recipient; else 409 with a stable code.
     */
    async createDisclosure(ctx: RequestContext, personId: string, input: CreateDisclosureInput): Promise<Disclosure> {
      assertNotFuture(input.disclosedOn, 'disclosedOn');
      const id = await db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, personId, 'id');
        if (input.consentId) {
          const consent = await repo.findConsent(tx, ctx.actor.organisationId, input.consentId, true);
          if (!consent || consent.person_id !== personId) throw new AppError(404, 'consent.not_found', { consentId: { key: 'invalid' } });
          if (consent.purpose === 'sensitive_data') throw conflict('consent.wrong_purpose');
          if (!isConsentActiveOn({ consentedOn: consent.given_on, withdrawnOn: consent.withdrawn_on }, input.disclosedOn)) {
            throw conflict('consent.not_active', { date: input.disclosedOn });
          }
          const named = consent.purpose === 'sharing' ? consent.recipient_name : consent.service_name;
          if (!named || !sameOrganisationName(named, input.recipientName)) throw conflict('consent.recipient_mismatch', { named: named ?? '' });
        }
        const row = await repo.insertDisclosure(tx, {
          organisation_id: ctx.actor.organisationId,
          person_id: personId,
          recipient_name: input.recipientName,
          recipient_kind: input.recipientKind,
          data_categories: input.dataCategories,
          note: input.note,
          disclosed_on: input.disclosedOn,
          consent_id: input.consentId ?? null,
          legal_ground: input.consentId ? null : (input.legalGround ?? null),
          recorded_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, {
          action: 'create', entityType: 'disclosure', entityId: row.id,
          details: { personId, recipientKind: input.recipientKind, basis: input.consentId ? 'consent' : 'legal_ground', categories: input.dataCategories },
        });
        return row.id;
      });
      const row = await repo.findDisclosure(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('disclosure.not_found');
      return presentDisclosure(row);
    },

    /** Persecution grounds and health details, decrypted (route needs sensitive.read; audited). */
    async getSensitive(ctx: RequestContext, personId: string): Promise<SensitiveFields> {
      if (!mayReadSensitive(ctx)) throw forbidden();
      await people.assertExists(db, ctx, personId, 'id');
      const row = await repo.findSensitive(db, ctx.actor.organisationId, personId);
      await audit.record(db, ctx, { action: 'read', entityType: 'person', entityId: personId, details: { view: 'sensitive' } });
      return presentSensitive(personId, row);
    },

    /**
     * Saves the sensitive fields, sealed. Writing needs sensitive.read and privacy.write (one may
     * not write what one may not read); recording anything needs the person's active consent to
     * collecting sensitive data today, while clearing the fields never does.
     */
    async putSensitive(ctx: RequestContext, personId: string, input: PutSensitiveInput): Promise<SensitiveFields> {
      if (!mayReadSensitive(ctx) || !ctx.actor.permissions.has('privacy.write')) throw forbidden();
      await db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, personId, 'id');
        const collects = input.persecutionGrounds !== '' || input.healthDetails !== '';
        if (collects) {
          const active = await repo.activeConsentsOn(tx, ctx.actor.organisationId, personId, 'sensitive_data', tokyoDate());
          if (active.length === 0) throw conflict('consent.required');
        }
        const saved = await repo.saveSensitive(tx, {
          organisationId: ctx.actor.organisationId,
          personId,
          persecutionGrounds: cipher.sealNullable(input.persecutionGrounds),
          healthDetails: cipher.sealNullable(input.healthDetails),
          version: input.version,
          staffUserId: ctx.actor.staffUserId,
        });
        if (!saved) throw conflict('sensitive.version_conflict');
        await audit.record(tx, ctx, { action: 'update', entityType: 'person', entityId: personId, details: { view: 'sensitive', fields: ['persecutionGrounds', 'healthDetails'] } });
      });
      return presentSensitive(personId, await repo.findSensitive(db, ctx.actor.organisationId, personId));
    },

    /**
     * Everything held about one person (本人開示), decrypted, for the person's own copy. Fields a
     * role may not read stay null, as on screen. Audited as a read with view 'export'.
     */
    async exportPerson(ctx: RequestContext, personId: string, format: 'json' | 'html' | 'pdf'): Promise<PersonExport> {
      const org = ctx.actor.organisationId;
      const can = (p: Parameters<typeof ctx.actor.permissions.has>[0]) => ctx.actor.permissions.has(p);
      const person = await people.get(ctx, personId);
      const [caseFile, statusHistory, caseEvents, household, tasks, visits, talks, aid, consents, disclosures, sensitiveRow, files, shelterRecords, merges, barriers] = await Promise.all([
        repo.findCaseFile(db, org, personId),
        repo.listStatusChanges(db, org, personId),
        repo.listCaseEvents(db, org, personId),
        repo.listHouseholdLinks(db, org, personId),
        repo.listTasks(db, org, personId),
        can('visits.read') ? reception.listForPerson(ctx, personId) : Promise.resolve([]),
        consultations.listForPerson(ctx, personId),
        can('assistance.read') ? assistance.listForPerson(ctx, personId) : Promise.resolve([]),
        listConsentsOf(ctx, personId),
        listDisclosuresOf(ctx, personId),
        mayReadSensitive(ctx) ? repo.findSensitive(db, org, personId) : Promise.resolve(undefined),
        can('documents.read') ? documents.listForPerson(ctx, personId, { includeDeleted: true }) : Promise.resolve([]),
        can('shelter.read') ? shelter.recordsForPerson(ctx, personId) : Promise.resolve({ stays: [], paidLodging: [], waitingEntries: [] }),
        can('people.merge') ? merge.listForPerson(ctx, personId) : Promise.resolve([]),
        can('advocacy.tag') ? advocacy.tagsOfPerson(ctx, personId, { audited: false }) : Promise.resolve([]),
      ]);
      await audit.record(db, ctx, { action: 'read', entityType: 'person', entityId: personId, details: { view: 'export', format } });
      const accessLog = await repo.listAuditEventsAboutPerson(db, org, personId);
      const sealed = caseFile ? cases.sealing.open(caseFile) : null;
      return {
        exportedAt: new Date().toISOString(),
        organisationName: ctx.actor.organisationName,
        person,
        caseFile: caseFile && sealed
          ? {
              assignedToName: caseFile.assigned_to_name,
              residenceStatus: caseFile.residence_status,
              residenceCardNumber: sealed.residenceCardNumber,
              residenceExpiresOn: caseFile.residence_expires_on,
              workPermitted: caseFile.work_permitted,
              custody: sealed.custody,
              supervisorName: caseFile.supervisor_name,
              procedureStage: sealed.procedureStage,
              applicationCount: caseFile.application_count,
              sortingCategory: caseFile.sorting_category,
              appliedOn: caseFile.applied_on,
              decisionNoticeReceivedOn: caseFile.decision_notice_received_on,
              allowanceStatus: caseFile.allowance_status,
              allowanceAppliedOn: caseFile.allowance_applied_on,
              allowanceDecidedOn: caseFile.allowance_decided_on,
              healthInsurance: caseFile.health_insurance,
              insuranceEligibleOn: caseFile.insurance_eligible_on,
              vulnerabilities: sealed.vulnerabilities,
              whereabouts: sealed.whereabouts,
              lineId: caseFile.line_id,
              email: caseFile.email,
              updatedAt: iso(caseFile.updated_at),
            }
          : null,
        statusHistory: statusHistory.map((s) => ({
          field: s.field, oldValue: cases.sealing.openHistoryValue(s.field, s.old_value), newValue: cases.sealing.openHistoryValue(s.field, s.new_value), effectiveOn: s.effective_on,
          recordedByName: s.recorded_by_name, recordedAt: iso(s.recorded_at),
        })),
        caseEvents: caseEvents.map((e) => ({ id: e.id, kind: e.kind, occursOn: e.occurs_on, note: e.note, doneAt: isoOrNull(e.done_at), createdAt: iso(e.created_at) })),
        household: household.map((h) => ({
          personId: h.other_id, fileNumber: h.file_number, name: [h.family_name, h.given_name].filter(Boolean).join(' '),
          relationship: h.relationship, direction: h.person_id === personId ? ('to' as const) : ('from' as const),
        })),
        tasks: tasks.map((t) => ({ id: t.id, title: t.title, dueOn: t.due_on, status: t.status, createdAt: iso(t.created_at), completedAt: isoOrNull(t.completed_at) })),
        visits: visits.map(({ person: _person, ...visit }) => visit),
        consultations: talks,
        assistance: aid,
        consents,
        disclosures,
        sensitive: mayReadSensitive(ctx) ? presentSensitive(personId, sensitiveRow) : null,
        shelter: shelterRecords,
        merges,
        barriers,
        documents: files,
        accessLog: accessLog.map((a) => ({ occurredAt: iso(a.occurred_at), actorName: a.actor_name, action: a.action, entityType: a.entity_type, view: a.view })),
      };
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;
