import type { Db } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import type { CasesService } from '../../cases/server/cases.service';
import type { PersonSummary } from '../../people/contract';
import type { PeopleService } from '../../people/server/people.service';
import type { Deadline, DeadlineWithPerson } from '../contract';
import { computeDeadlines, needsAttention, standing, type CaseFacts, type ComputedDeadline } from '../rules';
import * as repo from './deadlines.repository';
import { presentSummary } from '../../people/server/people.service';

type FactsRow = NonNullable<Awaited<ReturnType<typeof repo.findCaseFacts>>>;

/** The rules' facts of a case file; the procedure stage is opened from the sealed fields. */
const toFacts = (r: FactsRow, cases: CasesService): CaseFacts => ({
  procedureStage: cases.sealing.open(r).procedureStage,
  decisionNoticeReceivedOn: r.decision_notice_received_on,
  residenceStatus: r.residence_status,
  residenceExpiresOn: r.residence_expires_on,
  healthInsurance: r.health_insurance,
  insuranceEligibleOn: r.insurance_eligible_on,
});

const presentPerson = (r: repo.CaseFileWithPersonRow): PersonSummary => presentSummary({ ...r, id: r.person_id });

const present = (personId: string, d: ComputedDeadline, today: string): Deadline => ({ ...d, personId, ...standing(d, today) });

function reportingByPerson(events: Array<{ id: string; person_id: string; occurs_on: string }>) {
  const map = new Map<string, Array<{ id: string; occursOn: string; isDone: boolean }>>();
  for (const e of events) {
    const list = map.get(e.person_id) ?? [];
    list.push({ id: e.id, occursOn: e.occurs_on, isDone: false });
    map.set(e.person_id, list);
  }
  return map;
}

export function createDeadlinesService(db: Db, audit: AuditService, people: PeopleService, cases: CasesService) {
  /**
   * Deadlines needing attention within `days`, of one caseworker's files or of all files. The review
   * deadline depends on the sealed procedure stage, so the files come with any deadline fact and the
   * rules decide after opening it, in memory: an office has thousands of files, not millions.
   */
  async function listDue(ctx: RequestContext, assignedTo: string | null, days: number): Promise<DeadlineWithPerson[]> {
    const files = await repo.listFilesWithDeadlineFacts(db, ctx.actor.organisationId, assignedTo);
    const events = reportingByPerson(await repo.listOpenReportingDates(db, ctx.actor.organisationId, files.map((f) => f.person_id)));
    const today = tokyoDate();
    const out: DeadlineWithPerson[] = [];
    for (const file of files) {
      const person = presentPerson(file);
      for (const d of computeDeadlines(toFacts(file, cases), events.get(file.person_id) ?? [])) {
        if (!needsAttention(d, today, days)) continue;
        out.push({ ...present(file.person_id, d, today), person, assignedToId: file.assigned_to, assignedToName: file.assigned_to_name });
      }
    }
    // Overdue ones have the earliest due dates, so due-date order shows them first.
    out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.person.fileNumber.localeCompare(b.person.fileNumber));
    await audit.record(db, ctx, { action: 'search', entityType: 'deadline', details: { view: assignedTo ? 'mine' : 'team', days, results: out.length } });
    return out;
  }

  return {
    /** The computed deadlines of one person's file (audited as a read of the case file). */
    async forPerson(ctx: RequestContext, personId: string): Promise<Deadline[]> {
      await people.assertExists(db, ctx, personId);
      const facts = await repo.findCaseFacts(db, ctx.actor.organisationId, personId);
      const events = await repo.listOpenReportingDates(db, ctx.actor.organisationId, [personId]);
      await audit.record(db, ctx, { action: 'read', entityType: 'case_file', entityId: personId, details: { view: 'deadlines' } });
      const today = tokyoDate();
      const reporting = reportingByPerson(events).get(personId) ?? [];
      return computeDeadlines(facts ? toFacts(facts, cases) : null, reporting).map((d) => present(personId, d, today));
    },

    /** Deadlines of the files assigned to me: overdue, due within `days`, or in early warning. */
    async mine(ctx: RequestContext, days: number): Promise<DeadlineWithPerson[]> {
      return listDue(ctx, ctx.actor.staffUserId, days);
    },

    /** The same for every file of the organisation (team view). */
    async team(ctx: RequestContext, days: number): Promise<DeadlineWithPerson[]> {
      return listDue(ctx, null, days);
    },
  };
}
export type DeadlinesService = ReturnType<typeof createDeadlinesService>;
