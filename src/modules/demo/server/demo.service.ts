import type { DbOrTx } from '../../../server/db/database';
import { AppError } from '../../../server/http/errors';
import type { Services } from '../../../server/services';
import { tokyoDate } from '../../../shared/time';
import { personSearchText } from '../../people/search-text';
import { formatFileNumber } from '../../people/server/people.service';
import { createRng, generatePeople, planHistory, type DemoPerson, type DemoStaffRole, type HistoryPlan } from './demo.generator';
import { reserveCounter } from '../../../server/db/counters';
import * as repo from './demo.repository';

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
} as const;

export type DemoStaffIds = Record<DemoStaffRole, string>;

export interface WriteCounts {
  people: number;
  visits: number;
  consultations: number;
  assistance: number;
  /** Person ids and file numbers, in the order of the `people` given. */
  personIds: string[];
  fileNumbers: string[];
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

  for (const batch of chunks(history.consultations, batchSize)) {
    await repo.insertConsultations(db, batch.map((c) => ({
      organisation_id: organisationId,
      person_id: personIds[c.person] ?? '',
      visit_id: c.visit === null ? null : (visitIds[c.visit] ?? null),
      staff_user_id: staff.caseworker,
      occurred_at: c.occurredAt,
      mode: c.mode,
      interpreter_language: c.interpreterLanguage,
      topics: c.topics,
      note: c.note,
      needs: c.needs,
      actions: c.actions,
      follow_up_on: c.followUpOn,
      // Written up right after the talk.
      created_at: new Date(c.occurredAt.getTime() + 20 * 60_000),
    })));
  }

  for (const batch of chunks(history.aid, batchSize)) {
    await repo.insertAssistance(db, batch.map((a) => ({
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
  return { people: people.length, visits: history.visits.length, consultations: history.consultations.length, assistance: history.aid.length, personIds, fileNumbers };
}

/** Creates the demo caseworker and receptionist (or finds them when a previous load created them). */
export async function ensureDemoStaff(services: Services, organisationId: string): Promise<DemoStaffIds> {
  const ids: Partial<DemoStaffIds> = {};
  for (const key of ['caseworker', 'reception'] as const) {
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
  return { caseworker: ids.caseworker ?? '', reception: ids.reception ?? '' };
}

const thousands = (n: number) => n.toLocaleString('en');

/**
 * Loads demo data once: 300 people of the office's usual nationalities, two demo staff accounts and
 * three months of visits, consultations and aid, with a live queue today. Returns a summary, or
 * null when the organisation already has people.
 */
export async function loadDemoData(services: Services, organisationId: string, now: Date = new Date()): Promise<string | null> {
  if ((await services.people.count(organisationId)) > 0) return null;
  const staff = await ensureDemoStaff(services, organisationId);
  const rng = createRng(DEMO_SEED);
  const today = tokyoDate(now);
  const people = generatePeople(rng, DEMO_PEOPLE, today);
  const history = planHistory(rng, people, { now, days: DEMO_HISTORY_DAYS });
  const counts = await services.db.transaction().execute(async (tx) => {
    // Two servers started at once with --demo on one PostgreSQL: the second waits, then finds people.
    await repo.lockDemoLoad(tx);
    if ((await services.people.count(organisationId, tx)) > 0) return null;
    const written = await writeGeneratedData(tx, organisationId, staff, people, history.registeredAt, history, 500);
    await services.audit.recordAnonymous(tx, {
      organisationId, staffUserId: null, action: 'create', entityType: 'demo_data', ip: 'local',
      details: { people: written.people, visits: written.visits, consultations: written.consultations, assistance: written.assistance },
    });
    return written;
  });
  if (!counts) return null;
  const waiting = history.visits.filter((v) => v.visitDate === today && v.status === 'waiting').length;
  return [
    `${thousands(counts.people)} people`,
    `${thousands(counts.visits)} visits over ${history.days.length} days (${waiting} waiting today)`,
    `${thousands(counts.consultations)} consultations`,
    `${thousands(counts.assistance)} aid records`,
    `demo logins ${demoStaff.caseworker.email} and ${demoStaff.reception.email} (passwords: src/modules/demo/README.md)`,
  ].join(', ');
}
