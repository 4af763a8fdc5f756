import type { RequestContext } from '../../../server/http/context';
import type { AssistanceService } from '../../assistance/server/assistance.service';
import type { AuditService } from '../../audit/server/audit.service';
import type { ConsultationsService } from '../../consultations/server/consultations.service';
import type { PeopleService } from '../../people/server/people.service';
import type { ReceptionService } from '../../reception/server/reception.service';
import type { Timeline, TimelineEntry } from '../contract';
import type { Db } from '../../../server/db/database';

export interface TimelineDeps {
  db: Db;
  audit: AuditService;
  people: PeopleService;
  reception: ReceptionService;
  consultations: ConsultationsService;
  assistance: AssistanceService;
}

// Aid is recorded by day; on the timeline it sits at the moment it was entered on that day.
const aidInstant = (givenOn: string, createdAt: string) => (createdAt.slice(0, 10) === givenOn ? createdAt : `${givenOn}T03:00:00.000Z`);

export function createTimelineService({ db, audit, people, reception, consultations, assistance }: TimelineDeps) {
  return {
    /** A person's visits, consultations and aid in one list, newest first (audited as a read). */
    async forPerson(ctx: RequestContext, personId: string): Promise<Timeline> {
      await people.assertExists(db, ctx, personId, 'id');
      const [visits, talks, aid] = await Promise.all([
        reception.listForPerson(ctx, personId),
        consultations.listForPerson(ctx, personId),
        ctx.actor.permissions.has('assistance.read') ? assistance.listForPerson(ctx, personId) : Promise.resolve([]),
      ]);
      const items: TimelineEntry[] = [
        ...visits.map(({ person: _person, ...visit }): TimelineEntry => ({ type: 'visit', at: visit.checkedInAt, visit })),
        ...talks.map((consultation): TimelineEntry => ({ type: 'consultation', at: consultation.occurredAt, consultation })),
        ...aid.map((a): TimelineEntry => ({ type: 'assistance', at: aidInstant(a.givenOn, a.createdAt), assistance: a })),
      ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      await audit.record(db, ctx, { action: 'read', entityType: 'person', entityId: personId, details: { view: 'timeline' } });
      return { personId, items };
    },
  };
}
export type TimelineService = ReturnType<typeof createTimelineService>;
