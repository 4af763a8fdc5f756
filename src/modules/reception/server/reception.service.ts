import type { Db } from '../../../server/db/database';
import { nextCounter } from '../../../server/db/counters';
import type { RequestContext } from '../../../server/http/context';
import { conflict, notFound } from '../../../server/http/errors';
import { tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import type { PeopleService } from '../../people/server/people.service';
import { visitTransitions, type CreateVisitInput, type Queue, type Visit, type VisitStatus } from '../contract';
import * as repo from './reception.repository';

function present(r: repo.VisitRow): Visit {
  return {
    id: r.id,
    personId: r.person_id,
    visitDate: r.visit_date,
    ticketNumber: r.ticket_number,
    status: r.status as VisitStatus,
    reason: r.reason,
    interpreterLanguage: r.interpreter_language,
    priority: r.priority as Visit['priority'],
    priorityReasons: r.priority_reasons as Visit['priorityReasons'],
    checkedInAt: r.checked_in_at.toISOString(),
    calledAt: r.called_at?.toISOString() ?? null,
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    handledByName: r.handled_by_name,
    person: {
      id: r.person_id,
      fileNumber: r.file_number,
      familyName: r.family_name,
      givenName: r.given_name,
      nameInOwnScript: r.name_in_own_script,
      nameKana: r.name_kana,
      nationality: r.nationality,
      sex: r.sex,
      dateOfBirth: r.date_of_birth,
    },
  };
}

/** True when `to` may follow `from` in a visit's life. */
export function canTransition(from: VisitStatus, to: VisitStatus): boolean {
  return visitTransitions[from].includes(to);
}

export function createReceptionService(db: Db, audit: AuditService, people: PeopleService) {
  return {
    /** Checks a person in for today and hands out the day's next ticket number. */
    async checkIn(ctx: RequestContext, input: CreateVisitInput): Promise<Visit> {
      const id = await db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, input.personId);
        const today = tokyoDate();
        const active = await repo.findActiveVisitOfDay(tx, ctx.actor.organisationId, input.personId, today);
        if (active) throw conflict('visit.already_queued', { ticketNumber: active.ticket_number });
        const ticketNumber = await nextCounter(tx, ctx.actor.organisationId, `ticket:${today}`);
        // Any ticked reason (medical, child, rough sleeping…) means at least "high".
        const priority = input.priority === 'normal' && input.priorityReasons.length > 0 ? 'high' : input.priority;
        const row = await repo.insertVisit(tx, {
          organisation_id: ctx.actor.organisationId,
          person_id: input.personId,
          visit_date: today,
          ticket_number: ticketNumber,
          reason: input.reason,
          interpreter_language: input.interpreterLanguage ?? null,
          priority,
          priority_reasons: input.priorityReasons,
          checked_in_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'visit', entityId: row.id, details: { personId: input.personId } });
        return row.id;
      });
      return this.get(ctx, id);
    },

    /** One visit with its person's name, for the queue. */
    async get(ctx: RequestContext, id: string): Promise<Visit> {
      const row = await repo.findVisit(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('visit.not_found');
      return present(row);
    },

    /** The queue of a day (default today in Tokyo). */
    async queue(ctx: RequestContext, date?: string): Promise<Queue> {
      const day = date ?? tokyoDate();
      const rows = await repo.listVisitsOfDay(db, ctx.actor.organisationId, day);
      return { date: day, serverTime: new Date().toISOString(), items: rows.map(present) };
    },

    /** Every visit of one person, newest first (for the timeline). */
    async listForPerson(ctx: RequestContext, personId: string): Promise<Visit[]> {
      return (await repo.listVisitsOfPerson(db, ctx.actor.organisationId, personId)).map(present);
    },

    /** Moves a visit along waiting → called → in consultation → done (or left). */
    async setStatus(ctx: RequestContext, id: string, to: VisitStatus): Promise<Visit> {
      await db.transaction().execute(async (tx) => {
        const current = await repo.findVisit(tx, ctx.actor.organisationId, id);
        if (!current) throw notFound('visit.not_found');
        const from = current.status as VisitStatus;
        if (from === to) return;
        if (!canTransition(from, to)) throw conflict('visit.invalid_transition', { from, to });
        const now = new Date();
        const patch = {
          status: to,
          ...(to === 'called' && { called_at: now, handled_by: ctx.actor.staffUserId }),
          ...(to === 'in_consultation' && { started_at: now, handled_by: ctx.actor.staffUserId }),
          ...((to === 'done' || to === 'left') && { finished_at: now }),
          ...(to === 'waiting' && { called_at: null, finished_at: null, handled_by: null }),
        };
        const updated = await repo.updateVisitStatus(tx, ctx.actor.organisationId, id, from, patch);
        if (!updated) throw conflict('visit.invalid_transition', { from, to });
        await audit.record(tx, ctx, { action: 'update', entityType: 'visit', entityId: id, details: { from, to } });
      });
      return this.get(ctx, id);
    },

    /** Throws unless the visit exists in the organisation and belongs to the person. */
    async assertVisitOfPerson(ctx: RequestContext, visitId: string, personId: string): Promise<void> {
      const row = await repo.findVisit(db, ctx.actor.organisationId, visitId);
      if (!row) throw notFound('visit.not_found');
      if (row.person_id !== personId) throw conflict('visit.person_mismatch');
    },
  };
}
export type ReceptionService = ReturnType<typeof createReceptionService>;
