import { SEALED_TEXT_PREFIX, type FieldCipher } from '../../../server/crypto/field-cipher';
import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound, type FieldIssue } from '../../../server/http/errors';
import { tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import type { PeopleService } from '../../people/server/people.service';
import type { StaffService } from '../../staff/server/staff.service';
import { allowanceDaysWaiting, exceedsReportingInterval } from '../case-dates';
import {
  caseFileFieldNames,
  waitingAllowanceStatuses,
  type AllowanceWaitingEntry,
  type CaseEvent,
  type CaseFile,
  type CaseFileFieldName,
  type CaseStatusChange,
  type CreateCaseEventInput,
  type CreateHouseholdLinkInput,
  type HouseholdMember,
  type Relationship,
  type UpdateCaseEventInput,
  type UpdateCaseFileInput,
} from '../contract';
import * as repo from './cases.repository';
import {
  createCaseFileSealing, isSealedField, isSealedHistoryValue, sealedCaseFileFields,
  type CaseFileSealing, type SealedCaseFileField, type SealedValues,
} from './cases.sealing';
import { presentSummary } from '../../people/server/people.service';

/** The case file's fields as the API speaks them (the values of a CaseFile without names and bookkeeping). */
type Values = { [K in CaseFileFieldName]: CaseFile[K] };

/** The fields kept in plaintext columns; the others are sealed together (cases.sealing.ts). */
type PlainFieldName = Exclude<CaseFileFieldName, SealedCaseFileField>;

/** camelCase API field → snake_case column of the plaintext fields, one mapping for reads and writes. */
const columnOf = {
  residenceStatus: 'residence_status',
  residenceExpiresOn: 'residence_expires_on',
  workPermitted: 'work_permitted',
  supervisorName: 'supervisor_name',
  applicationCount: 'application_count',
  sortingCategory: 'sorting_category',
  appliedOn: 'applied_on',
  decisionNoticeReceivedOn: 'decision_notice_received_on',
  allowanceStatus: 'allowance_status',
  allowanceAppliedOn: 'allowance_applied_on',
  allowanceDecidedOn: 'allowance_decided_on',
  healthInsurance: 'health_insurance',
  insuranceEligibleOn: 'insurance_eligible_on',
  lineId: 'line_id',
  email: 'email',
  assignedTo: 'assigned_to',
} as const satisfies Record<PlainFieldName, keyof repo.CaseFileWrite>;

const emptyValues: Values = {
  residenceStatus: null, residenceCardNumber: null, residenceExpiresOn: null, workPermitted: null, custody: null,
  supervisorName: null, procedureStage: null, applicationCount: null, sortingCategory: null, appliedOn: null,
  decisionNoticeReceivedOn: null, allowanceStatus: null, allowanceAppliedOn: null, allowanceDecidedOn: null,
  healthInsurance: null, insuranceEligibleOn: null, vulnerabilities: [], whereabouts: '', lineId: null, email: null, assignedTo: null,
};

function valuesOf(row: repo.CaseFileRow, sealing: CaseFileSealing): Values {
  const out: Record<string, unknown> = { ...sealing.open(row) };
  for (const field of caseFileFieldNames) if (!isSealedField(field)) out[field] = row[columnOf[field as PlainFieldName]];
  return out as Values;
}

function sealedPart(values: Values): SealedValues {
  const out: Record<string, unknown> = {};
  for (const field of sealedCaseFileFields) out[field] = values[field];
  return out as unknown as SealedValues;
}

/** A value as the history speaks it: text, or null for "not set" (sealed before storing for the sealed fields). */
export function asText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : [...value].sort().join(',');
  return String(value);
}

const blankToNull = (s: string | null | undefined) => (s === null || s === undefined || s.trim() === '' ? null : s.trim());

/** The input's fields with empty text as "not set" and vulnerabilities as a sorted set. */
function normalise(changes: Partial<Values>): Partial<Values> {
  const out: Partial<Values> = { ...changes };
  if (changes.supervisorName !== undefined) out.supervisorName = blankToNull(changes.supervisorName);
  if (changes.lineId !== undefined) out.lineId = blankToNull(changes.lineId);
  if (changes.vulnerabilities !== undefined) out.vulnerabilities = [...new Set(changes.vulnerabilities)].sort();
  return out;
}

const pastDateFields = ['appliedOn', 'decisionNoticeReceivedOn', 'allowanceAppliedOn', 'allowanceDecidedOn'] as const;

/**
 * The rules across fields (documented in the module README): a supervisor only under supervision
 * measures; a decision not before its application; an allowance wait needs its application date;
 * work permission agrees with 特定活動 (就労可/不可); dates of things that happened not in the future.
 * Returns the first broken rule's code and every field at fault.
 */
export function checkCaseFileRules(after: Values, given: Partial<Values>, today: string): { code: string; fields: Record<string, FieldIssue> } | null {
  const broken: Array<[string, string]> = [];
  for (const field of pastDateFields) {
    const value = given[field];
    if (value && value > today) broken.push(['case_file.date_in_future', field]);
  }
  if (after.supervisorName !== null && after.custody !== 'supervision') broken.push(['case_file.supervisor_requires_supervision', 'supervisorName']);
  if (after.appliedOn && after.decisionNoticeReceivedOn && after.decisionNoticeReceivedOn < after.appliedOn) {
    broken.push(['case_file.notice_before_application', 'decisionNoticeReceivedOn']);
  }
  if (after.allowanceStatus && waitingAllowanceStatuses.includes(after.allowanceStatus) && !after.allowanceAppliedOn) {
    broken.push(['case_file.allowance_applied_on_required', 'allowanceAppliedOn']);
  }
  if (after.allowanceAppliedOn && after.allowanceDecidedOn && after.allowanceDecidedOn < after.allowanceAppliedOn) {
    broken.push(['case_file.allowance_decided_before_applied', 'allowanceDecidedOn']);
  }
  if ((after.workPermitted === true && after.residenceStatus === 'designated_no_work') || (after.workPermitted === false && after.residenceStatus === 'designated_work')) {
    broken.push(['case_file.work_permission_mismatch', 'workPermitted']);
  }
  const first = broken[0];
  if (!first) return null;
  const fields: Record<string, FieldIssue> = {};
  for (const [code, field] of broken) fields[field] ??= { key: code };
  return { code: first[0], fields };
}

function presentCaseFile(personId: string, row: repo.CaseFileRow | undefined, today: string, sealing: CaseFileSealing): CaseFile {
  const values = row ? valuesOf(row, sealing) : emptyValues;
  return {
    personId,
    ...values,
    assignedToName: row?.assigned_to_name ?? null,
    version: row?.version ?? 0,
    updatedAt: row ? row.updated_at.toISOString() : null,
    updatedByName: row?.updated_by_name ?? null,
    allowanceDaysWaiting: allowanceDaysWaiting(values.allowanceStatus, values.allowanceAppliedOn, today),
  };
}

/** The same link read from the member's end: a child's parent, a parent's child. */
const inverse: Record<Relationship, Relationship> = { spouse: 'spouse', child: 'parent', parent: 'child', sibling: 'sibling', other: 'other' };

function presentEvents(rows: repo.CaseEventRow[]): CaseEvent[] {
  let previousReporting: string | null = null;
  return rows.map((r) => {
    const exceeds = r.kind === 'reporting' && previousReporting !== null && exceedsReportingInterval(previousReporting, r.occurs_on);
    if (r.kind === 'reporting') previousReporting = r.occurs_on;
    return {
      id: r.id,
      personId: r.person_id,
      kind: r.kind,
      occursOn: r.occurs_on,
      note: r.note,
      done: r.done_at !== null,
      doneAt: r.done_at?.toISOString() ?? null,
      createdByName: r.created_by_name,
      createdAt: r.created_at.toISOString(),
      exceedsReportingInterval: exceeds,
    };
  });
}

/**
 * Records a change of the person's housing in the case history. The people service calls it (wired
 * in src/server/services.ts) inside its own transaction, so the history lands with the change or not at all.
 */
export async function recordHousingChange(tx: DbOrTx, ctx: RequestContext, change: { personId: string; oldValue: string | null; newValue: string | null }): Promise<void> {
  if (change.oldValue === change.newValue) return;
  await repo.insertStatusChanges(tx, [{
    organisation_id: ctx.actor.organisationId,
    person_id: change.personId,
    field: 'housing',
    old_value: change.oldValue,
    new_value: change.newValue,
    effective_on: tokyoDate(),
    recorded_by: ctx.actor.staffUserId,
  }]);
}

export function createCasesService(db: Db, audit: AuditService, people: PeopleService, staff: StaffService, cipher: FieldCipher) {
  // Vulnerabilities, card number, custody, procedure stage and whereabouts are sealed at rest (APPI 要配慮個人情報).
  const sealing = createCaseFileSealing(cipher);
  async function eventsOf(tx: DbOrTx, ctx: RequestContext, personId: string) {
    return presentEvents(await repo.listCaseEvents(tx, ctx.actor.organisationId, personId));
  }

  async function householdOf(tx: DbOrTx, ctx: RequestContext, personId: string): Promise<HouseholdMember[]> {
    const rows = await repo.listHousehold(tx, ctx.actor.organisationId, personId);
    return rows.map((r) => ({
      linkId: r.link_id,
      relationship: r.link_person_id === personId ? (r.relationship as Relationship) : inverse[r.relationship as Relationship],
      person: presentSummary(r),
      createdAt: r.created_at.toISOString(),
    }));
  }

  return {
    /** The person's current legal and welfare situation (audited); an empty file at version 0 before the first save. */
    async get(ctx: RequestContext, personId: string): Promise<CaseFile> {
      await people.assertExists(db, ctx, personId, 'id');
      const row = await repo.findCaseFile(db, ctx.actor.organisationId, personId);
      await audit.record(db, ctx, { action: 'read', entityType: 'case_file', entityId: personId });
      return presentCaseFile(personId, row, tokyoDate(), sealing);
    },

    /** Saves the changed fields; each one gets a history row dated `effectiveOn`. A stale version gets 409. */
    async update(ctx: RequestContext, personId: string, input: UpdateCaseFileInput): Promise<CaseFile> {
      const today = tokyoDate();
      const effectiveOn = input.effectiveOn ?? today;
      if (effectiveOn > today) throw invalidField('case_file.effective_in_future', 'effectiveOn', 'case_file.effective_in_future');
      const organisationId = ctx.actor.organisationId;
      return db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, personId, 'id');
        const current = await repo.findCaseFile(tx, organisationId, personId);
        if ((current?.version ?? 0) !== input.version) throw conflict('case_file.version_conflict');
        const { version, effectiveOn: _effective, ...raw } = input;
        const given = normalise(raw);
        const before = current ? valuesOf(current, sealing) : emptyValues;
        const after: Values = { ...before, ...given };

        const changed = caseFileFieldNames.filter((f) => asText(before[f]) !== asText(after[f]));
        if (changed.includes('assignedTo') && after.assignedTo !== null) {
          const assignee = await staff.findById(tx, organisationId, after.assignedTo);
          if (!assignee) throw new AppError(404, 'staff.not_found', { assignedTo: { key: 'invalid' } });
          if (!assignee.isActive) throw invalidField('case_file.assignee_inactive', 'assignedTo', 'case_file.assignee_inactive');
        }
        const broken = checkCaseFileRules(after, given, today);
        if (broken) throw new AppError(400, broken.code, broken.fields);
        if (changed.length === 0) return presentCaseFile(personId, current, today, sealing);

        // Every save writes the sealed fields afresh (a row from before sealing is sealed by its first save).
        const patch: repo.CaseFileWrite = { ...sealing.columnsFor(sealedPart(after)) };
        for (const field of changed) if (!isSealedField(field)) (patch as Record<string, unknown>)[columnOf[field as PlainFieldName]] = after[field];
        const saved = current
          ? await repo.updateCaseFile(tx, organisationId, personId, version, patch, ctx.actor.staffUserId)
          : await repo.insertCaseFile(tx, { ...patch, person_id: personId, organisation_id: organisationId, updated_by: ctx.actor.staffUserId });
        if (!saved) throw conflict('case_file.version_conflict');
        await repo.insertStatusChanges(tx, changed.map((field) => ({
          organisation_id: organisationId,
          person_id: personId,
          field,
          old_value: sealing.historyValue(field, asText(before[field])),
          new_value: sealing.historyValue(field, asText(after[field])),
          effective_on: effectiveOn,
          recorded_by: ctx.actor.staffUserId,
        })));
        // Field names only: never the values (a card number, a supervisor's name).
        await audit.record(tx, ctx, { action: current ? 'update' : 'create', entityType: 'case_file', entityId: personId, details: { fields: changed } });
        return presentCaseFile(personId, await repo.findCaseFile(tx, organisationId, personId), today, sealing);
      });
    },

    /** The case file's changes (and housing changes), newest first, with who recorded them (audited). */
    async history(ctx: RequestContext, personId: string): Promise<CaseStatusChange[]> {
      await people.assertExists(db, ctx, personId, 'id');
      const rows = await repo.listStatusChanges(db, ctx.actor.organisationId, personId);
      const staffIds = new Set<string>();
      for (const r of rows) {
        if (r.field !== 'assignedTo') continue;
        if (r.old_value) staffIds.add(r.old_value);
        if (r.new_value) staffIds.add(r.new_value);
      }
      const names = await staff.namesByIds(db, ctx.actor.organisationId, [...staffIds]);
      await audit.record(db, ctx, { action: 'read', entityType: 'case_file', entityId: personId, details: { part: 'history' } });
      return rows.map((r) => ({
        id: r.id,
        field: r.field,
        oldValue: sealing.openHistoryValue(r.field, r.old_value),
        newValue: sealing.openHistoryValue(r.field, r.new_value),
        oldLabel: r.field === 'assignedTo' && r.old_value ? (names.get(r.old_value) ?? null) : null,
        newLabel: r.field === 'assignedTo' && r.new_value ? (names.get(r.new_value) ?? null) : null,
        effectiveOn: r.effective_on,
        recordedAt: r.recorded_at.toISOString(),
        recordedBy: r.recorded_by,
        recordedByName: r.recorded_by_name,
      }));
    },

    /** Everyone waiting for a protection-allowance decision, longest wait first (audited as a list read). */
    async allowanceWaiting(ctx: RequestContext): Promise<AllowanceWaitingEntry[]> {
      const today = tokyoDate();
      const rows = await repo.listAllowanceWaiting(db, ctx.actor.organisationId, waitingAllowanceStatuses);
      await audit.record(db, ctx, { action: 'read', entityType: 'case_file', details: { list: 'allowance_waiting', results: rows.length } });
      return rows.map((r) => {
        const status = r.allowance_status as AllowanceWaitingEntry['allowanceStatus'];
        const appliedOn = r.allowance_applied_on ?? today;
        return {
          person: presentSummary(r),
          allowanceStatus: status,
          allowanceAppliedOn: appliedOn,
          daysWaiting: allowanceDaysWaiting(status, appliedOn, today) ?? 0,
          assignedTo: r.assigned_to,
          assignedToName: r.assigned_to_name,
        };
      });
    },

    /**
     * Seals and opens the sensitive fields: for the modules that read case_file or its history
     * directly (deadlines, the privacy export) and for bulk writers (the demo data).
     */
    sealing,

    /**
     * Seals case files and history values still stored in plaintext (rows from before
     * migrations/0011, or bulk imports) and empties the plaintext columns. Run at start-up, before
     * serving; idempotent: sealed rows are left as they are. Returns how many rows were sealed.
     */
    async sealStoredFields(batchSize = 500): Promise<{ caseFiles: number; historyRows: number }> {
      const inBatches = async (batch: (tx: DbOrTx) => Promise<number>) => {
        let total = 0;
        for (;;) {
          const count = await db.transaction().execute(async (tx) => {
            await repo.lockSealing(tx);
            return batch(tx);
          });
          total += count;
          if (count < batchSize) return total;
        }
      };
      const caseFiles = await inBatches(async (tx) => {
        const rows = await repo.listUnsealedCaseFiles(tx, batchSize);
        for (const r of rows) await repo.updateSealedColumns(tx, r.person_id, sealing.columnsFor(sealing.open(r)));
        return rows.length;
      });
      const historyRows = await inBatches(async (tx) => {
        const rows = await repo.listUnsealedStatusChanges(tx, sealedCaseFileFields, SEALED_TEXT_PREFIX, batchSize);
        const seal = (field: string, value: string | null) => (isSealedHistoryValue(value) ? value : sealing.historyValue(field, value));
        for (const r of rows) await repo.updateStatusChangeValues(tx, r.id, { old_value: seal(r.field, r.old_value), new_value: seal(r.field, r.new_value) });
        return rows.length;
      });
      return { caseFiles, historyRows };
    },

    /**
     * Removes the plaintext that sealing old rows left behind in the table files and (embedded
     * database) the write-ahead log, so a copy of the data directory no longer holds it. Once,
     * after sealStoredFields sealed something; it rewrites both tables.
     */
    async purgeOldRowVersions(embedded: boolean): Promise<void> {
      await repo.purgeOldRowVersions(db, embedded);
    },

    /** The person's interviews and reporting dates in date order (audited). */
    async listEvents(ctx: RequestContext, personId: string): Promise<CaseEvent[]> {
      await people.assertExists(db, ctx, personId, 'id');
      const events = await eventsOf(db, ctx, personId);
      await audit.record(db, ctx, { action: 'read', entityType: 'case_event', details: { personId, results: events.length } });
      return events;
    },

    /**
     * Adds an interview or reporting date. A reporting date more than 3 months after the previous one
     * is saved but flagged (`exceedsReportingInterval`): the bureau sets the dates, the office records them.
     */
    async createEvent(ctx: RequestContext, personId: string, input: CreateCaseEventInput): Promise<CaseEvent> {
      return db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, personId, 'id');
        const { id } = await repo.insertCaseEvent(tx, {
          organisation_id: ctx.actor.organisationId,
          person_id: personId,
          kind: input.kind,
          occurs_on: input.occursOn,
          note: input.note,
          created_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'case_event', entityId: id, details: { personId, kind: input.kind } });
        const event = (await eventsOf(tx, ctx, personId)).find((e) => e.id === id);
        if (!event) throw notFound('case_event.not_found');
        return event;
      });
    },

    /** Marks an event done or not done, or moves it or changes its note. */
    async updateEvent(ctx: RequestContext, id: string, input: UpdateCaseEventInput): Promise<CaseEvent> {
      return db.transaction().execute(async (tx) => {
        const current = await repo.findCaseEvent(tx, ctx.actor.organisationId, id);
        if (!current) throw notFound('case_event.not_found');
        const patch: { done_at?: Date | null; occurs_on?: string; note?: string } = {};
        if (input.done !== undefined) patch.done_at = input.done ? (current.done_at ?? new Date()) : null;
        if (input.occursOn !== undefined) patch.occurs_on = input.occursOn;
        if (input.note !== undefined) patch.note = input.note;
        await repo.updateCaseEvent(tx, ctx.actor.organisationId, id, patch);
        await audit.record(tx, ctx, { action: 'update', entityType: 'case_event', entityId: id, details: { personId: current.person_id, fields: Object.keys(input) } });
        const event = (await eventsOf(tx, ctx, current.person_id)).find((e) => e.id === id);
        if (!event) throw notFound('case_event.not_found');
        return event;
      });
    },

    /** The person's household: links read from either end, with the other person's summary (audited). */
    async household(ctx: RequestContext, personId: string): Promise<HouseholdMember[]> {
      await people.assertExists(db, ctx, personId, 'id');
      const members = await householdOf(db, ctx, personId);
      await audit.record(db, ctx, { action: 'read', entityType: 'household_link', details: { personId, results: members.length } });
      return members;
    },

    /** Links another person's file as a household member; one link per pair, whichever end made it. */
    async addHouseholdMember(ctx: RequestContext, personId: string, input: CreateHouseholdLinkInput): Promise<HouseholdMember> {
      if (input.memberPersonId === personId) throw invalidField('household.self_link', 'memberPersonId', 'household.self_link');
      return db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, personId, 'id');
        await people.assertWritable(tx, ctx, input.memberPersonId, 'memberPersonId');
        if (await repo.findLinkBetween(tx, ctx.actor.organisationId, personId, input.memberPersonId)) throw conflict('household.already_linked');
        const { id } = await repo.insertHouseholdLink(tx, {
          organisation_id: ctx.actor.organisationId,
          person_id: personId,
          member_person_id: input.memberPersonId,
          relationship: input.relationship,
          created_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'household_link', entityId: id, details: { personId, memberPersonId: input.memberPersonId } });
        const member = (await householdOf(tx, ctx, personId)).find((m) => m.linkId === id);
        if (!member) throw notFound('household.not_found');
        return member;
      });
    },

    /** Removes a household link (both ends lose it). */
    async removeHouseholdLink(ctx: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const removed = await repo.deleteHouseholdLink(tx, ctx.actor.organisationId, id);
        if (!removed) throw notFound('household.not_found');
        await audit.record(tx, ctx, { action: 'delete', entityType: 'household_link', entityId: id, details: { personId: removed.person_id, memberPersonId: removed.member_person_id } });
      });
    },
  };
}
export type CasesService = ReturnType<typeof createCasesService>;
