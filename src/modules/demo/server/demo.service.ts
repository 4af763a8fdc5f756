import type { DbOrTx } from '../../../server/db/database';
import { AppError } from '../../../server/http/errors';
import type { Services } from '../../../server/services';
import { addDays, tokyoDate } from '../../../shared/time';
import { personSearchText } from '../../people/search-text';
import { formatFileNumber } from '../../people/server/people.service';
import { createRng, generatePeople, planHistory, tokyoInstant, type DemoPerson, type DemoStaffRole, type HistoryPlan } from './demo.generator';
import { reserveCounter } from '../../../server/db/counters';
import * as repo from './demo.repository';
import { randomUUID } from 'node:crypto';
import { caseFileFieldNames, type CaseFileFieldName } from '../../cases/contract';
import { asText } from '../../cases/server/cases.service';
import { emptySealedValues, isSealedField, type CaseFileSealing, type SealedValues } from '../../cases/server/cases.sealing';
import { needsAttention, computeDeadlines } from '../../deadlines/rules';
import { planCaseFiles, type CaseFilePlan } from './demo.case-files';
import { planBarrierTags, type PlannedBarrierTag } from './demo.advocacy';
import { planFundraising, type FundraisingPlan } from './demo.fundraising';
import { planRunners, writeRunners } from './demo.runners';
import { writePartners } from './demo.partners';
import { lookupPostalCode } from '../../../server/postal-codes';
import { supporterSearchText } from '../../fundraising/server/supporter-names';
import { demoBudgetLines, demoFacilities, demoLocations, planStockAndShelter, type StockShelterPlan } from './demo.stock-shelter';

/** The seed of the demo data: the same seed on the same day gives the same people and history. */
export const DEMO_SEED = 0x7b1a;
export const DEMO_PEOPLE = 300;
/** How far back the demo history goes (about three months). */
export const DEMO_HISTORY_DAYS = 91;

/**
 * The two demo accounts, created only in demo mode. Their passwords are public on purpose
 * (src/modules/demo/README.md): never start a real office's database with --demo.
 */
export const demoStaff = {
  caseworker: { email: 'caseworker@demo.tobira', password: 'demo-caseworker-1', displayName: '佐藤 由美（デモ・相談員）', role: 'caseworker' },
  reception: { email: 'reception@demo.tobira', password: 'demo-reception-1', displayName: '田中 健（デモ・受付）', role: 'reception' },
  fundraiser: { email: 'fundraiser@demo.tobira', password: 'demo-fundraiser-1', displayName: '小川 真理子（デモ・ファンドレイザー）', role: 'fundraiser' },
} as const;

export type DemoStaffIds = Record<DemoStaffRole, string> & { fundraiser?: string };

export interface WriteCounts {
  people: number;
  visits: number;
  consultations: number;
  assistance: number;
  /** Person ids and file numbers, in the order of the `people` given. */
  personIds: string[];
  fileNumbers: string[];
  /** Aid record ids, in the order of `history.aid`. */
  assistanceIds: string[];
  /** Consultation ids, in the order of `history.consultations`. */
  consultationIds: string[];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes generated people (and optionally their history) in batches: file numbers in order of
 * registration from the organisation's counter, search text as the people service computes it,
 * ticket numbers from each day's counter. Shared by `--demo` and the benchmarks.
 */
export async function writeGeneratedData(
  db: DbOrTx,
  organisationId: string,
  staff: DemoStaffIds,
  people: readonly DemoPerson[],
  registeredAt: readonly Date[],
  history: Pick<HistoryPlan, 'visits' | 'consultations' | 'aid'> = { visits: [], consultations: [], aid: [] },
  batchSize = 1000,
  /** How consultation texts are stored: the demo seals them as the service does; benchmarks store them as generated. */
  sealText: (plain: string) => string = (plain) => plain,
): Promise<WriteCounts> {
  const order = people.map((_, i) => i).sort((a, b) => (registeredAt[a]?.getTime() ?? 0) - (registeredAt[b]?.getTime() ?? 0));
  const firstNumber = await reserveCounter(db, organisationId, 'person', people.length);
  const personIds: string[] = new Array<string>(people.length);
  const fileNumbers: string[] = new Array<string>(people.length);
  let nextNumber = firstNumber;
  for (const batch of chunks(order, batchSize)) {
    const rows: repo.PersonInsert[] = [];
    const indexByFile = new Map<string, number>();
    for (const i of batch) {
      const p = people[i];
      const at = registeredAt[i] ?? new Date();
      if (!p) continue;
      const fileNumber = formatFileNumber(nextNumber++);
      indexByFile.set(fileNumber, i);
      fileNumbers[i] = fileNumber;
      rows.push({
        organisation_id: organisationId,
        file_number: fileNumber,
        family_name: p.familyName,
        given_name: p.givenName,
        name_in_own_script: p.nameInOwnScript,
        name_kana: p.nameKana,
        date_of_birth: p.dateOfBirth,
        date_of_birth_estimated: p.dateOfBirthEstimated,
        sex: p.sex,
        nationality: p.nationality,
        languages: p.languages,
        phone: p.phone,
        housing: p.housing,
        search_text: personSearchText({ fileNumber, familyName: p.familyName, givenName: p.givenName, nameInOwnScript: p.nameInOwnScript, nameKana: p.nameKana, phone: p.phone }),
        created_by: staff.reception,
        created_at: at,
        updated_at: at,
      });
    }
    for (const row of await repo.insertPeople(db, rows)) {
      const i = indexByFile.get(row.file_number);
      if (i !== undefined) personIds[i] = row.id;
    }
  }

  // Each day's tickets continue that day's counter, so a check-in today after loading gets the next one.
  const ticketsPerDay = new Map<string, number>();
  for (const v of history.visits) ticketsPerDay.set(v.visitDate, Math.max(ticketsPerDay.get(v.visitDate) ?? 0, v.ticketNumber));
  const ticketBase = new Map<string, number>();
  for (const [day, count] of ticketsPerDay) ticketBase.set(day, (await reserveCounter(db, organisationId, `ticket:${day}`, count)) - 1);

  const visitIds: string[] = [];
  for (const batch of chunks(history.visits, batchSize)) {
    const rows: repo.VisitInsert[] = batch.map((v) => ({
      organisation_id: organisationId,
      person_id: personIds[v.person] ?? '',
      visit_date: v.visitDate,
      ticket_number: (ticketBase.get(v.visitDate) ?? 0) + v.ticketNumber,
      reason: v.reason,
      interpreter_language: v.interpreterLanguage,
      priority: v.priority,
      priority_reasons: v.priorityReasons,
      status: v.status,
      checked_in_at: v.checkedInAt,
      called_at: v.calledAt,
      started_at: v.startedAt,
      finished_at: v.finishedAt,
      checked_in_by: staff.reception,
      handled_by: v.handledBy ? staff[v.handledBy] : null,
    }));
    const inserted = await repo.insertVisits(db, rows);
    const idByTicket = new Map(inserted.map((r) => [`${r.visit_date}#${r.ticket_number}`, r.id]));
    for (const row of rows) {
      const id = idByTicket.get(`${row.visit_date}#${row.ticket_number}`);
      if (!id) throw new Error(`demo: visit ${row.visit_date}#${row.ticket_number} not returned`);
      visitIds.push(id);
    }
  }

  const consultationIds = history.consultations.map(() => randomUUID());
  for (const [b, batch] of chunks(history.consultations, batchSize).entries()) {
    await repo.insertConsultations(db, batch.map((c, k) => ({
      id: consultationIds[b * batchSize + k] ?? randomUUID(),
      organisation_id: organisationId,
      person_id: personIds[c.person] ?? '',
      visit_id: c.visit === null ? null : (visitIds[c.visit] ?? null),
      staff_user_id: staff.caseworker,
      occurred_at: c.occurredAt,
      mode: c.mode,
      interpreter_language: c.interpreterLanguage,
      topics: c.topics,
      note: sealText(c.note),
      needs: sealText(c.needs),
      actions: sealText(c.actions),
      follow_up_on: c.followUpOn,
      // Written up right after the talk.
      created_at: new Date(c.occurredAt.getTime() + 20 * 60_000),
    })));
  }

  const assistanceIds = history.aid.map(() => randomUUID());
  for (const [b, batch] of chunks(history.aid, batchSize).entries()) {
    await repo.insertAssistance(db, batch.map((a, k) => ({
      id: assistanceIds[b * batchSize + k] ?? randomUUID(),
      organisation_id: organisationId,
      person_id: personIds[a.person] ?? '',
      visit_id: a.visit === null ? null : (visitIds[a.visit] ?? null),
      item_code: a.itemCode,
      quantity: a.quantity,
      amount_yen: a.amountYen,
      given_on: a.givenOn,
      given_by: staff[a.givenBy],
      note: a.note,
      created_at: a.createdAt,
    })));
  }
  return { people: people.length, visits: history.visits.length, consultations: history.consultations.length, assistance: history.aid.length, personIds, fileNumbers, assistanceIds, consultationIds };
}

export interface CaseFileCounts {
  caseFiles: number;
  assignedToCaseworker: number;
  historyRows: number;
  events: number;
  householdLinks: number;
  tasks: number;
  consents: number;
  disclosures: number;
  /** Deadlines of the caseworker's files that "My work" shows (overdue, due within 7 days, or in early warning). */
  caseworkerDeadlines: number;
}

/** camelCase case-file field → its column (the cases module's names, migrations/0002_case_files.sql). */
const columnOf = (field: CaseFileFieldName) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Writes planned case files in bulk, as the cases service would have left them after the planned
 * saves: the file at its last values with `version` = number of saves, one history row per changed
 * field and save (values as text, like the service), and the events, household links, tasks,
 * consents and disclosures, all with their past timestamps. The sensitive fields and their history
 * values are sealed with the cases service's sealing, as a save through the service would.
 */
export async function writeCaseFiles(db: DbOrTx, organisationId: string, staff: DemoStaffIds, plan: CaseFilePlan, personIds: readonly string[], today: string, sealing: CaseFileSealing): Promise<CaseFileCounts> {
  const id = (person: number) => {
    const personId = personIds[person];
    if (!personId) throw new Error(`demo: no person ${person}`);
    return personId;
  };
  const files: repo.CaseFileRowInsert[] = [];
  const history: repo.CaseStatusChangeInsert[] = [];
  let caseworkerDeadlines = 0;
  for (const file of plan.files) {
    const values: Record<string, unknown> = {};
    for (const save of file.saves) {
      for (const [field, value] of Object.entries(save.changes)) {
        const before = asText(values[field]);
        const after = asText(value);
        values[field] = value;
        if (before === after) continue;
        history.push({
          organisation_id: organisationId, person_id: id(file.person), field,
          old_value: sealing.historyValue(field, before), new_value: sealing.historyValue(field, after),
          effective_on: save.effectiveOn, recorded_by: staff.caseworker, recorded_at: save.recordedAt,
        });
      }
    }
    if (values.assignedTo === staff.caseworker) {
      const text = (field: CaseFileFieldName) => (typeof values[field] === 'string' ? (values[field] as string) : null);
      const reporting = plan.events
        .filter((e) => e.person === file.person && e.kind === 'reporting')
        .map((e, i) => ({ id: String(i), occursOn: e.occursOn, isDone: e.doneAt !== null }));
      caseworkerDeadlines += computeDeadlines({
        procedureStage: text('procedureStage'), decisionNoticeReceivedOn: text('decisionNoticeReceivedOn'), residenceStatus: text('residenceStatus'),
        residenceExpiresOn: text('residenceExpiresOn'), healthInsurance: text('healthInsurance'), insuranceEligibleOn: text('insuranceEligibleOn'),
      }, reporting).filter((d) => needsAttention(d, today, 7)).length;
    }
    const sealed: Record<string, unknown> = { ...emptySealedValues };
    const row: Record<string, unknown> = {};
    for (const field of caseFileFieldNames) {
      if (!(field in values)) continue;
      if (isSealedField(field)) sealed[field] = values[field];
      else row[columnOf(field)] = values[field];
    }
    Object.assign(row, sealing.columnsFor(sealed as unknown as SealedValues));
    const last = file.saves[file.saves.length - 1];
    files.push({
      ...(row as Partial<repo.CaseFileRowInsert>),
      person_id: id(file.person), organisation_id: organisationId, version: file.saves.length,
      updated_by: staff.caseworker, updated_at: last?.recordedAt ?? new Date(),
    });
  }
  for (const change of plan.housingChanges) {
    history.push({
      organisation_id: organisationId, person_id: id(change.person), field: 'housing', old_value: change.oldValue, new_value: change.newValue,
      effective_on: change.effectiveOn, recorded_by: staff.reception, recorded_at: change.recordedAt,
    });
  }
  await repo.insertCaseFiles(db, files);
  await repo.insertCaseStatusChanges(db, history);
  await repo.insertCaseEvents(db, plan.events.map((e) => ({
    organisation_id: organisationId, person_id: id(e.person), kind: e.kind, occurs_on: e.occursOn, note: e.note,
    done_at: e.doneAt, created_by: staff.caseworker, created_at: e.createdAt,
  })));
  await repo.insertHouseholdLinks(db, plan.links.map((l) => ({
    organisation_id: organisationId, person_id: id(l.person), member_person_id: id(l.member), relationship: l.relationship,
    created_by: staff.caseworker, created_at: l.createdAt,
  })));
  await repo.insertTasks(db, plan.tasks.map((t) => ({
    organisation_id: organisationId, person_id: t.person === null ? null : id(t.person), title: t.title, due_on: t.dueOn,
    assignee_id: staff[t.assignee], status: t.status, created_by: staff.caseworker, created_at: t.createdAt,
    completed_by: t.status === 'done' ? staff[t.assignee] : null, completed_at: t.completedAt, version: t.status === 'done' ? 2 : 1,
  })));
  const consentIds = plan.consents.map(() => randomUUID());
  await repo.insertConsents(db, plan.consents.map((c, i) => ({
    id: consentIds[i] ?? randomUUID(), organisation_id: organisationId, person_id: id(c.person), purpose: c.purpose,
    recipient_name: c.recipientName, scope: c.scope, given_on: c.givenOn, method: c.method, interpreter_language: c.interpreterLanguage,
    recorded_by: staff.caseworker, recorded_at: c.recordedAt,
  })));
  await repo.insertDisclosures(db, plan.disclosures.map((d) => ({
    organisation_id: organisationId, person_id: id(d.person), recipient_name: d.recipientName, recipient_kind: d.recipientKind,
    data_categories: d.dataCategories, note: d.note, disclosed_on: d.disclosedOn, consent_id: consentIds[d.consent] ?? null,
    recorded_by: staff.caseworker, recorded_at: d.recordedAt,
  })));
  return {
    caseFiles: files.length,
    assignedToCaseworker: files.filter((f) => f.assigned_to === staff.caseworker).length,
    historyRows: history.length,
    events: plan.events.length,
    householdLinks: plan.links.length,
    tasks: plan.tasks.length,
    consents: plan.consents.length,
    disclosures: plan.disclosures.length,
    caseworkerDeadlines,
  };
}

export interface StockShelterCounts {
  movements: number;
  beds: number;
  staysTonight: number;
  stays: number;
  waiting: number;
  lodging: number;
  budgetLines: number;
}

/**
 * Writes the planned stock movements and levels, budget lines (linking money aid to them), the
 * shelter's facilities, rooms and beds, stays, waiting list and paid lodging, with past timestamps.
 * `assistanceIds` are the ids of `history.aid` as written by writeGeneratedData.
 */
export async function writeStockAndShelter(
  db: DbOrTx, organisationId: string, staff: DemoStaffIds, plan: StockShelterPlan, personIds: readonly string[], assistanceIds: readonly string[], batchSize = 1000,
): Promise<StockShelterCounts> {
  const person = (i: number) => {
    const id = personIds[i];
    if (!id) throw new Error(`demo: person ${i} was not written`);
    return id;
  };
  const office = (await repo.findDefaultLocation(db, organisationId))
    ?? (await repo.insertLocation(db, { organisation_id: organisationId, name_ja: demoLocations.office.nameJa, name_en: demoLocations.office.nameEn, is_default: true }));
  const warehouse = await repo.insertLocation(db, { organisation_id: organisationId, name_ja: demoLocations.warehouse.nameJa, name_en: demoLocations.warehouse.nameEn, sort_order: 10 });
  const location = { office, warehouse };
  for (const batch of chunks(plan.movements, batchSize)) {
    await repo.insertStockMovements(db, batch.map((m) => ({
      organisation_id: organisationId, item_code: m.itemCode, kind: m.kind, quantity: m.quantity, location_id: location[m.location],
      to_location_id: m.toLocation ? location[m.toLocation] : null, source: m.source, donor_name: m.donorName,
      person_id: m.aid === null ? null : person(historyPerson(m.aid)), assistance_id: m.aid === null ? null : (assistanceIds[m.aid] ?? null),
      reason: m.reason ?? null, occurred_on: m.occurredOn, recorded_by: staff[m.by], created_at: m.createdAt,
    })));
  }
  function historyPerson(aid: number): number {
    const p = plan.aidPerson[aid];
    if (p === undefined) throw new Error(`demo: aid ${aid} has no person`);
    return p;
  }
  await repo.addStockLevels(db, plan.levels.filter((l) => l.quantity > 0).map((l) => ({ organisation_id: organisationId, item_code: l.itemCode, location_id: location[l.location], quantity: l.quantity })));
  // A food parcel a week per person: the desk sees a warning after that.
  await repo.setItemLimit(db, organisationId, 'food_parcel', 1, 7);

  const lineIds = await repo.insertBudgetLines(db, demoBudgetLines.map((l, i) => ({ organisation_id: organisationId, name_ja: l.nameJa, name_en: l.nameEn, monthly_amount_yen: l.monthlyAmountYen, sort_order: i * 10 })));
  const given = new Set(plan.movements.filter((m) => m.kind === 'given' && m.aid !== null).map((m) => m.aid));
  const links: Array<{ id: string; location_id: string | null; budget_line_id: string | null }> = [];
  assistanceIds.forEach((id, i) => {
    const line = plan.aidLine.get(i);
    if (given.has(i) || line !== undefined) links.push({ id, location_id: given.has(i) ? office : null, budget_line_id: line === undefined ? null : (lineIds[line] ?? null) });
  });
  for (const batch of chunks(links, batchSize)) await repo.linkAssistance(db, batch);

  const bedIds: string[] = [];
  for (const [f, facility] of demoFacilities.entries()) {
    const facilityId = await repo.insertFacility(db, { organisation_id: organisationId, name_ja: facility.nameJa, name_en: facility.nameEn, sort_order: f * 10 });
    for (const [r, room] of facility.rooms.entries()) {
      const roomId = await repo.insertRoom(db, { organisation_id: organisationId, facility_id: facilityId, name: room.name, allowed_use: room.use, sort_order: r * 10 });
      for (const bed of plan.beds.filter((b) => b.facility === f && b.room === room.name)) {
        bedIds[plan.beds.indexOf(bed)] = await repo.insertBed(db, { organisation_id: organisationId, room_id: roomId, label: bed.label, sort_order: bedIds.length });
      }
    }
  }
  for (const batch of chunks(plan.stays, batchSize)) {
    await repo.insertStays(db, batch.map((s) => ({
      organisation_id: organisationId, person_id: person(s.person), bed_id: bedIds[s.bed] ?? '', check_in_on: s.checkInOn,
      expected_check_out_on: s.expectedCheckOutOn, checked_out_on: s.checkedOutOn, created_by: staff.caseworker,
      created_at: tokyoInstant(s.checkInOn, 600), checked_out_by: s.checkedOutOn ? staff.caseworker : null,
    })));
  }
  await repo.setHousing(db, plan.stays.filter((s) => s.checkedOutOn === null).map((s) => person(s.person)), 'org_shelter');
  await repo.insertWaitingEntries(db, plan.waiting.map((w) => ({
    organisation_id: organisationId, person_id: person(w.person), listed_on: w.listedOn, needs: w.needs, with_children: w.withChildren,
    is_pregnant: w.isPregnant, is_ill: w.isIll, is_rough_sleeping: w.isRoughSleeping, status: w.housedOn ? 'housed' : 'waiting',
    closed_on: w.housedOn, closed_reason: null, listed_by: staff.reception, created_at: tokyoInstant(w.listedOn, 660),
  })));
  for (const batch of chunks(plan.lodging, batchSize)) {
    await repo.insertPaidLodging(db, batch.map((l) => ({
      organisation_id: organisationId, person_id: person(l.person), kind: l.kind, place_name: l.placeName, first_night_on: l.firstNightOn,
      nights: l.nights, cost_yen: l.costYen, budget_line_id: lineIds[l.line] ?? null, recorded_by: staff.caseworker, created_at: tokyoInstant(l.firstNightOn, 900),
    })));
  }
  return {
    movements: plan.movements.length, beds: plan.beds.length, staysTonight: plan.stays.filter((s) => s.checkedOutOn === null).length,
    stays: plan.stays.length, waiting: plan.waiting.filter((w) => !w.housedOn).length, lodging: plan.lodging.length, budgetLines: lineIds.length,
  };
}

/** Creates the demo caseworker and receptionist (or finds them when a previous load created them). */
/** Writes the planned barrier tags (by the demo caseworker), with the organisation's seeded barriers. */
export async function writeBarrierTags(
  db: DbOrTx, organisationId: string, staff: DemoStaffIds, tags: readonly PlannedBarrierTag[], personIds: readonly string[], consultationIds: readonly string[],
): Promise<number> {
  const barriers = await repo.barrierIdsByCode(db, organisationId);
  const rows = tags.flatMap((t) => {
    const barrierId = barriers.get(t.barrierCode);
    const personId = personIds[t.person];
    if (!barrierId || !personId) return [];
    return [{
      organisation_id: organisationId, person_id: personId, consultation_id: t.consultation === null ? null : (consultationIds[t.consultation] ?? null),
      barrier_id: barrierId, observed_on: t.observedOn, quote: t.quote, resolved_on: t.resolvedOn, tagged_by: staff.caseworker,
    }];
  });
  for (const batch of chunks(rows, 1000)) await repo.insertBarrierTags(db, batch);
  return rows.length;
}

export async function ensureDemoStaff(services: Services, organisationId: string): Promise<DemoStaffIds> {
  const ids: Partial<DemoStaffIds> = {};
  for (const key of ['caseworker', 'reception', 'fundraiser'] as const) {
    const account = demoStaff[key];
    try {
      const user = await services.staff.addUser(organisationId, { email: account.email, displayName: account.displayName, role: account.role, language: 'ja', password: account.password });
      ids[key] = user.id;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'staff.email_taken')) throw error;
      const existing = await services.staff.findIdByEmail(account.email);
      if (!existing) throw error;
      ids[key] = existing;
    }
  }
  return { caseworker: ids.caseworker ?? '', reception: ids.reception ?? '', fundraiser: ids.fundraiser ?? '' };
}

const thousands = (n: number) => n.toLocaleString('en');

/**
 * Loads demo data once: 300 people of the office's usual nationalities, two demo staff accounts,
 * three months of visits, consultations and aid, with a live queue today, and case files for about
 * 40% of the people (mostly the demo caseworker's) with deadlines, tasks and a few consents.
 * Returns a summary, or null when the organisation already has people.
 */
export async function loadDemoData(services: Services, organisationId: string, now: Date = new Date()): Promise<string | null> {
  if ((await services.people.count(organisationId)) > 0) return null;
  const staff = await ensureDemoStaff(services, organisationId);
  const rng = createRng(DEMO_SEED);
  const today = tokyoDate(now);
  const people = generatePeople(rng, DEMO_PEOPLE, today);
  const history = planHistory(rng, people, { now, days: DEMO_HISTORY_DAYS });
  const cases = planCaseFiles(rng, people, { now, registeredAt: history.registeredAt, staff });
  const stockShelter = planStockAndShelter(rng, people, history, today);
  const barrierTags = planBarrierTags(rng, people, history, cases, today);
  const fundraising = planFundraising(rng, today);
  const runnerPlan = planRunners(rng, today, fundraising);
  const counts = await services.db.transaction().execute(async (tx) => {
    // Two servers started at once with --demo on one PostgreSQL: the second waits, then finds people.
    await repo.lockDemoLoad(tx);
    if ((await services.people.count(organisationId, tx)) > 0) return null;
    const written = await writeGeneratedData(tx, organisationId, staff, people, history.registeredAt, history, 500, services.consultations.sealText);
    const caseCounts = await writeCaseFiles(tx, organisationId, staff, cases, written.personIds, today, services.cases.sealing);
    const shelterCounts = await writeStockAndShelter(tx, organisationId, staff, stockShelter, written.personIds, written.assistanceIds);
    const tagCount = await writeBarrierTags(tx, organisationId, staff, barrierTags, written.personIds, written.consultationIds);
    const giving = await writeFundraising(tx, organisationId, staff.fundraiser ?? null, fundraising);
    const runners = await writeRunners(tx, organisationId, staff.fundraiser ?? null, runnerPlan, giving.supporterIds, today);
    const partners = await writePartners(tx, organisationId, staff.caseworker);
    await services.audit.recordAnonymous(tx, {
      organisationId, staffUserId: null, action: 'create', entityType: 'demo_data', ip: 'local',
      details: {
        people: written.people, visits: written.visits, consultations: written.consultations, assistance: written.assistance,
        caseFiles: caseCounts.caseFiles, tasks: caseCounts.tasks, consents: caseCounts.consents, disclosures: caseCounts.disclosures,
        stockMovements: shelterCounts.movements, stays: shelterCounts.stays, waitingList: shelterCounts.waiting, paidLodging: shelterCounts.lodging,
        barrierTags: tagCount, supporters: giving.supporters, gifts: giving.gifts, commitments: giving.commitments,
        charityEvents: runners.events, runnerApplications: runners.applications, runners: runners.runners, runnerGifts: runners.gifts, pageGifts: runners.pageGifts, partners,
      },
    });
    return { ...written, cases: caseCounts, shelter: shelterCounts, barrierTags: tagCount, giving, runners, partners };
  });
  if (!counts) return null;
  // Tens of thousands of rows in one transaction: fresh planner statistics, or a campaign's progress takes seconds until autovacuum runs.
  await repo.analyzeTables(services.db);
  const waiting = history.visits.filter((v) => v.visitDate === today && v.status === 'waiting').length;
  return [
    `${thousands(counts.people)} people`,
    `${thousands(counts.visits)} visits over ${history.days.length} days (${waiting} waiting today)`,
    `${thousands(counts.consultations)} consultations`,
    `${thousands(counts.assistance)} aid records`,
    `${counts.cases.caseFiles} case files (${counts.cases.assignedToCaseworker} assigned to the demo caseworker, ${counts.cases.caseworkerDeadlines} deadlines in "My work", ${counts.cases.tasks} tasks, ${counts.cases.householdLinks} household links, ${counts.cases.consents} consents)`,
    `${thousands(counts.shelter.movements)} stock movements, ${counts.shelter.budgetLines} budget lines, ${counts.shelter.beds} shelter beds (${counts.shelter.staysTonight} occupied tonight, ${counts.shelter.stays} stays in all), ${counts.shelter.waiting} people on the shelter waiting list, ${counts.shelter.lodging} paid lodgings`,
    `${counts.barrierTags} barrier tags for advocacy evidence`,
    `${thousands(counts.giving.supporters)} supporters with ${thousands(counts.giving.gifts)} gifts (¥${thousands(counts.giving.raisedYen)}), ${counts.giving.commitments} monthly givers and ${counts.giving.campaigns} campaigns (the winter appeal)`,
    `${counts.runners.events} Tokyo Marathon charity events with ${counts.runners.runners} runners (${counts.runners.publishedPages} public pages) and ${counts.runners.gifts} gifts credited to them, and the winter appeal's public page`,
    `${counts.partners} partners in the directory (clinics, a lawyer, employers, offices, NGOs)`,
    `demo logins ${demoStaff.caseworker.email}, ${demoStaff.reception.email} and ${demoStaff.fundraiser.email} (passwords: src/modules/demo/README.md)`,
  ].join(', ');
}

export interface FundraisingCounts {
  supporters: number;
  gifts: number;
  commitments: number;
  campaigns: number;
  raisedYen: number;
  /** The supporters' ids, in the order of the plan's supporters. */
  supporterIds: string[];
}

/** Writes the planned supporters, campaigns, commitments and gifts (refunds as reversing entries). */
export async function writeFundraising(db: DbOrTx, organisationId: string, staffId: string | null, plan: FundraisingPlan): Promise<FundraisingCounts> {
  const funds = await repo.fundIdsByCode(db, organisationId);
  const fund = (code: string) => funds.get(code) ?? funds.get('unrestricted') ?? '';
  const first = await reserveCounter(db, organisationId, 'supporter', plan.supporters.length);
  const supporterIds: string[] = [];
  for (const [c, batch] of chunks(plan.supporters, 500).entries()) {
    const rows = batch.map((s, i) => {
      const supporterNumber = `S-${String(first + c * 500 + i).padStart(6, '0')}`;
      return {
        organisation_id: organisationId, supporter_number: supporterNumber, kind: s.kind, family_name: s.familyName, given_name: s.givenName,
        family_name_kana: s.familyNameKana, given_name_kana: s.givenNameKana, organisation_name: s.organisationName, organisation_name_kana: s.organisationNameKana,
        department: s.department, honorific: s.honorific, email: s.email, phone: s.phone, preferred_language: s.preferredLanguage, allow_phone: s.allowPhone,
        publish_name: s.publishName, no_contact: s.noContact, created_by: staffId, created_at: tokyoInstant(s.since, 600),
        search_text: supporterSearchText({ ...s, supporterNumber, postalCode: s.postalCode }),
      };
    });
    const ids = await repo.insertSupportersReturning(db, rows);
    supporterIds.push(...ids);
    await repo.insertSupporterAddresses(db, batch.map((s, i) => {
      const place = lookupPostalCode(s.postalCode).places[0];
      return {
        organisation_id: organisationId, supporter_id: ids[i] ?? '', postal_code: s.postalCode, prefecture: place?.prefecture ?? '', city: place?.city ?? '',
        line1: `${place?.town ?? ''}${s.line1}`, valid_from: s.since, created_by: staffId,
      };
    }));
  }
  const campaignIds = new Map<string, string>();
  for (const c of plan.campaigns) {
    campaignIds.set(c.code, await repo.insertCampaignReturning(db, {
      organisation_id: organisationId, code: c.code, name_ja: c.nameJa, name_en: c.nameEn, channel: c.channel, goal_yen: c.goalYen, starts_on: c.startsOn,
      ends_on: c.endsOn, fund_id: fund(c.fund),
    }));
  }
  const commitmentIds = await repo.insertCommitmentsReturning(db, plan.commitments.map((c) => ({
    organisation_id: organisationId, supporter_id: supporterIds[c.supporter] ?? '', frequency: 'monthly' as const,
    amount_yen: c.change ? c.change.amountYen : c.amountYen, day_of_month: c.dayOfMonth, method: c.method, fund_id: fund('unrestricted'), starts_on: c.startsOn,
    ends_on: c.endsOn, status: c.status, status_reason: c.reason, source_platform: c.platform, external_id: `${c.platform}-plan-${c.supporter}`, created_by: staffId,
  })));
  await repo.insertCommitmentChanges(db, plan.commitments.flatMap((c, i) => {
    const commitment_id = commitmentIds[i] ?? '';
    const base = { organisation_id: organisationId, commitment_id, changed_by: staffId };
    return [
      { ...base, kind: 'started' as const, new_amount_yen: c.amountYen, new_status: 'active', effective_on: c.startsOn },
      ...(c.change ? [{ ...base, kind: c.change.amountYen > c.amountYen ? 'upgraded' as const : 'downgraded' as const, old_amount_yen: c.amountYen, new_amount_yen: c.change.amountYen, effective_on: c.change.on }] : []),
      ...(c.status !== 'active' ? [{ ...base, kind: 'status' as const, old_status: 'active', new_status: c.status, reason: c.reason, effective_on: c.endsOn ?? c.startsOn }] : []),
    ];
  }));
  let raisedYen = 0;
  for (const batch of chunks(plan.gifts, 1000)) {
    const rows = batch.map((g) => ({
      organisation_id: organisationId, supporter_id: g.supporter === null ? null : (supporterIds[g.supporter] ?? null), amount_yen: g.amountYen,
      received_on: g.receivedOn, method: g.method, in_kind_description: g.inKind, valuation_basis: g.inKind ? '購入価格の見積もり / estimated purchase price' : '',
      campaign_id: g.campaign ? (campaignIds.get(g.campaign) ?? null) : null, fund_id: fund(g.fund), is_anonymous: g.isAnonymous, donor_message: g.message,
      source_platform: g.platform, external_id: g.externalId, fee_yen: g.feeYen, status: g.refundOn ? 'refunded' as const : 'received' as const,
      recurring_commitment_id: g.commitment === null ? null : (commitmentIds[g.commitment] ?? null), created_by: staffId, created_at: tokyoInstant(g.receivedOn, 700),
      // Gifts older than a month have been thanked; the newest wait in the thank-you queue.
      thanked_at: addDays(g.receivedOn, 30) < tokyoDate() ? tokyoInstant(addDays(g.receivedOn, 5), 900) : null,
    }));
    const ids = await repo.insertGiftsReturning(db, rows);
    const reversals = batch.flatMap((g, i) => {
      const original = rows[i];
      if (!g.refundOn || !original) return [];
      return [{ ...original, amount_yen: -g.amountYen, received_on: g.refundOn, reverses_gift_id: ids[i] ?? null, external_id: null, fee_yen: 0, donor_message: '', thanked_at: null }];
    });
    if (reversals.length > 0) await repo.insertGiftsReturning(db, reversals);
    raisedYen += batch.reduce((sum, g) => sum + (g.refundOn ? 0 : g.amountYen), 0);
  }
  return { supporters: supporterIds.length, gifts: plan.gifts.length, commitments: commitmentIds.length, campaigns: campaignIds.size, raisedYen, supporterIds };
}
