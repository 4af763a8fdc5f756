import type { Db } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { notFound } from '../../../server/http/errors';
import type { AuditService } from '../../audit/server/audit.service';
import type { PeopleService } from '../../people/server/people.service';
import type { ReceptionService } from '../../reception/server/reception.service';
import type { Consultation, CreateConsultationInput } from '../contract';
import * as repo from './consultations.repository';

function present(r: repo.ConsultationRow, mayReadNotes: boolean): Consultation {
  return {
    id: r.id,
    personId: r.person_id,
    visitId: r.visit_id,
    staffUserId: r.staff_user_id,
    staffName: r.staff_name,
    occurredAt: r.occurred_at.toISOString(),
    mode: r.mode as Consultation['mode'],
    interpreterLanguage: r.interpreter_language,
    topics: r.topics as Consultation['topics'],
    note: mayReadNotes ? r.note : null,
    needs: mayReadNotes ? r.needs : null,
    actions: mayReadNotes ? r.actions : null,
    followUpOn: r.follow_up_on,
  };
}

export function createConsultationsService(db: Db, audit: AuditService, people: PeopleService, reception: ReceptionService) {
  const mayReadNotes = (ctx: RequestContext) => ctx.actor.permissions.has('consultations.read');
  return {
    /** Records a consultation, for a visit or on its own (phone, online). */
    async create(ctx: RequestContext, input: CreateConsultationInput): Promise<Consultation> {
      if (input.visitId) await reception.assertVisitOfPerson(ctx, input.visitId, input.personId);
      const id = await db.transaction().execute(async (tx) => {
        await people.assertExists(tx, ctx, input.personId);
        const row = await repo.insertConsultation(tx, {
          organisation_id: ctx.actor.organisationId,
          person_id: input.personId,
          visit_id: input.visitId ?? null,
          staff_user_id: ctx.actor.staffUserId,
          occurred_at: input.occurredAt ? new Date(input.occurredAt) : new Date(),
          mode: input.mode,
          interpreter_language: input.interpreterLanguage ?? null,
          topics: input.topics,
          note: input.note,
          needs: input.needs,
          actions: input.actions,
          follow_up_on: input.followUpOn ?? null,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'consultation', entityId: row.id, details: { personId: input.personId } });
        return row.id;
      });
      const row = await repo.findConsultation(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('consultation.not_found');
      return present(row, true);
    },

    /** One consultation (audited as a read of the person's file). */
    async get(ctx: RequestContext, id: string): Promise<Consultation> {
      const row = await repo.findConsultation(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('consultation.not_found');
      await audit.record(db, ctx, { action: 'read', entityType: 'consultation', entityId: id, details: { personId: row.person_id } });
      return present(row, mayReadNotes(ctx));
    },

    /** A person's consultations, newest first; notes only for roles allowed to read them. */
    async listForPerson(ctx: RequestContext, personId: string): Promise<Consultation[]> {
      const rows = await repo.listConsultationsOfPerson(db, ctx.actor.organisationId, personId);
      return rows.map((r) => present(r, mayReadNotes(ctx)));
    },
  };
}
export type ConsultationsService = ReturnType<typeof createConsultationsService>;
