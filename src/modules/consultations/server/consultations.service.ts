import { SEALED_TEXT_PREFIX, type FieldCipher } from '../../../server/crypto/field-cipher';
import type { Db } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { forbidden, notFound } from '../../../server/http/errors';
import type { AdvocacyService } from '../../advocacy/server/advocacy.service';
import type { AuditService } from '../../audit/server/audit.service';
import type { PeopleService } from '../../people/server/people.service';
import type { ReceptionService } from '../../reception/server/reception.service';
import type { TasksService } from '../../tasks/server/tasks.service';
import type { Consultation, CreateConsultationInput } from '../contract';
import { tokyoDate } from '../../../shared/time';
import * as repo from './consultations.repository';

/** The free texts of a consultation, as stored: sealed (encrypted at rest), or '' when empty. */
type StoredTexts = Pick<repo.ConsultationRow, 'note' | 'needs' | 'actions'>;

function present(r: repo.ConsultationRow, mayReadNotes: boolean, open: (stored: string) => string): Consultation {
  return {
    id: r.id,
    personId: r.person_id,
    visitId: r.visit_id,
    staffUserId: r.staff_user_id,
    staffName: r.staff_name,
    occurredAt: r.occurred_at.toISOString(),
    mode: r.mode as Consultation['mode'],
    interpreterLanguage: r.interpreter_language,
    topics: mayReadNotes ? (r.topics as NonNullable<Consultation['topics']>) : null,
    note: mayReadNotes ? open(r.note) : null,
    needs: mayReadNotes ? open(r.needs) : null,
    actions: mayReadNotes ? open(r.actions) : null,
    followUpOn: r.follow_up_on,
  };
}

export function createConsultationsService(db: Db, audit: AuditService, people: PeopleService, reception: ReceptionService, cipher: FieldCipher, tasks: TasksService, advocacy: AdvocacyService) {
  const mayReadNotes = (ctx: RequestContext) => ctx.actor.permissions.has('consultations.read');
  // Notes, needs and actions are sealed at rest (APPI: they hold health and persecution details); '' stays ''.
  const seal = (plain: string) => (plain === '' ? '' : cipher.seal(plain));
  const open = (stored: string) => (stored === '' ? '' : cipher.open(stored));
  const sealTexts = (t: StoredTexts): StoredTexts => ({ note: seal(t.note), needs: seal(t.needs), actions: seal(t.actions) });
  return {
    /** Records a consultation, for a visit or on its own (phone, online), with its follow-up task if given. */
    async create(ctx: RequestContext, input: CreateConsultationInput): Promise<Consultation> {
      if (input.followUpTask && !ctx.actor.permissions.has('tasks.write')) throw forbidden();
      if (input.barrierTags?.length && !ctx.actor.permissions.has('advocacy.tag')) throw forbidden();
      if (input.visitId) await reception.assertVisitOfPerson(ctx, input.visitId, input.personId);
      const id = await db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, input.personId);
        const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
        const row = await repo.insertConsultation(tx, {
          organisation_id: ctx.actor.organisationId,
          person_id: input.personId,
          visit_id: input.visitId ?? null,
          staff_user_id: ctx.actor.staffUserId,
          occurred_at: occurredAt,
          mode: input.mode,
          interpreter_language: input.interpreterLanguage ?? null,
          topics: input.topics,
          ...sealTexts(input),
          follow_up_on: input.followUpOn ?? null,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'consultation', entityId: row.id, details: { personId: input.personId } });
        if (input.followUpTask) {
          await tasks.createInTx(tx, ctx, { ...input.followUpTask, personId: input.personId, consultationId: row.id }, 'followUpTask.');
        }
        if (input.barrierTags?.length) {
          await advocacy.tagInTx(tx, ctx, {
            personId: input.personId, consultationId: row.id, tags: input.barrierTags, defaultObservedOn: tokyoDate(occurredAt),
          }, 'barrierTags.');
        }
        return row.id;
      });
      const row = await repo.findConsultation(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('consultation.not_found');
      return present(row, true, open);
    },

    /** One consultation (audited as a read of the person's file). */
    async get(ctx: RequestContext, id: string): Promise<Consultation> {
      const row = await repo.findConsultation(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('consultation.not_found');
      await audit.record(db, ctx, { action: 'read', entityType: 'consultation', entityId: id, details: { personId: row.person_id } });
      return present(row, mayReadNotes(ctx), open);
    },

    /** A person's consultations, newest first; notes only for roles allowed to read them. */
    async listForPerson(ctx: RequestContext, personId: string): Promise<Consultation[]> {
      const rows = await repo.listConsultationsOfPerson(db, ctx.actor.organisationId, personId);
      return rows.map((r) => present(r, mayReadNotes(ctx), open));
    },

    /** Seals one free text as stored ('' stays ''): for bulk writers such as the demo data. */
    sealText: seal,

    /**
     * Seals notes, needs and actions still stored in plaintext (rows from before encryption at rest,
     * or bulk imports). Run at start-up; idempotent: sealed values are left as they are.
     * Returns how many rows were sealed.
     */
    async sealStoredTexts(batchSize = 500): Promise<number> {
      const sealIfPlain = (v: string) => (v.startsWith(SEALED_TEXT_PREFIX) ? v : seal(v));
      let total = 0;
      for (;;) {
        const count = await db.transaction().execute(async (tx) => {
          await repo.lockSealing(tx);
          const rows = await repo.listUnsealedConsultations(tx, SEALED_TEXT_PREFIX, batchSize);
          for (const r of rows) {
            await repo.updateConsultationTexts(tx, r.id, { note: sealIfPlain(r.note), needs: sealIfPlain(r.needs), actions: sealIfPlain(r.actions) });
          }
          return rows.length;
        });
        total += count;
        if (count < batchSize) return total;
      }
    },
  };
}
export type ConsultationsService = ReturnType<typeof createConsultationsService>;
