import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../server/http/errors';
import { tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import type { PersonSummary } from '../../people/contract';
import type { PeopleService } from '../../people/server/people.service';
import type { StaffService } from '../../staff/server/staff.service';
import type { CreateTaskInput, Task, UpdateTaskInput } from '../contract';
import * as repo from './tasks.repository';
import { presentSummary } from '../../people/server/people.service';

function presentPerson(r: repo.TaskRow): PersonSummary | null {
  if (!r.person_id || r.file_number === null) return null;
  return presentSummary({
    ...r, id: r.person_id, file_number: r.file_number, family_name: r.family_name ?? '', given_name: r.given_name ?? '',
    date_of_birth_estimated: r.date_of_birth_estimated ?? false, sex: r.sex ?? 'unknown',
  });
}

function present(r: repo.TaskRow, today: string): Task {
  return {
    id: r.id,
    person: presentPerson(r),
    consultationId: r.consultation_id,
    title: r.title,
    dueOn: r.due_on,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    status: r.status,
    isOverdue: r.status === 'open' && r.due_on !== null && r.due_on < today,
    createdById: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at.toISOString(),
    completedById: r.completed_by,
    completedAt: r.completed_at?.toISOString() ?? null,
    version: r.version,
  };
}

export function createTasksService(db: Db, audit: AuditService, people: PeopleService, staff: StaffService) {
  async function assertAssignable(tx: DbOrTx, ctx: RequestContext, assigneeId: string, field: string) {
    if (!(await staff.isAssignable(tx, ctx.actor.organisationId, assigneeId))) throw invalidField('task.assignee_invalid', field);
  }

  async function get(ctx: RequestContext, id: string, tx: DbOrTx = db): Promise<Task> {
    const row = await repo.findTask(tx, ctx.actor.organisationId, id);
    if (!row) throw notFound('task.not_found');
    return present(row, tokyoDate());
  }

  /**
   * Creates a task inside the caller's transaction (a consultation's follow-up lands with it or not
   * at all). `fieldPrefix` names the fields in errors as the caller's body has them.
   */
  async function createInTx(tx: DbOrTx, ctx: RequestContext, input: CreateTaskInput, fieldPrefix = ''): Promise<string> {
    let personId = input.personId ?? null;
    if (input.consultationId) {
      const consultation = await repo.findConsultationPerson(tx, ctx.actor.organisationId, input.consultationId);
      if (!consultation) throw new AppError(404, 'consultation.not_found', { [`${fieldPrefix}consultationId`]: { key: 'invalid' } });
      if (personId && personId !== consultation.person_id) throw invalidField('task.consultation_mismatch', `${fieldPrefix}consultationId`);
      personId = consultation.person_id;
    }
    if (personId) await people.assertWritable(tx, ctx, personId, `${fieldPrefix}personId`);
    if (input.assigneeId) await assertAssignable(tx, ctx, input.assigneeId, `${fieldPrefix}assigneeId`);
    const row = await repo.insertTask(tx, {
      organisation_id: ctx.actor.organisationId,
      person_id: personId,
      consultation_id: input.consultationId ?? null,
      title: input.title,
      due_on: input.dueOn ?? null,
      assignee_id: input.assigneeId ?? null,
      created_by: ctx.actor.staffUserId,
    });
    await audit.record(tx, ctx, { action: 'create', entityType: 'task', entityId: row.id, details: { personId, consultationId: input.consultationId ?? null } });
    return row.id;
  }

  return {
    createInTx,

    /** Creates a follow-up task, for a person or on its own, optionally given to a staff member. */
    async create(ctx: RequestContext, input: CreateTaskInput): Promise<Task> {
      const id = await db.transaction().execute((tx) => createInTx(tx, ctx, input));
      return get(ctx, id);
    },

    /** Open tasks given to me, soonest due first, overdue ones flagged. */
    async listMine(ctx: RequestContext): Promise<Task[]> {
      const rows = await repo.listOpenTasksOf(db, ctx.actor.organisationId, ctx.actor.staffUserId);
      await audit.record(db, ctx, { action: 'search', entityType: 'task', details: { view: 'mine', results: rows.length } });
      const today = tokyoDate();
      return rows.map((r) => present(r, today));
    },

    /** A person's tasks (audited as a read of the person's file). */
    async listForPerson(ctx: RequestContext, personId: string): Promise<Task[]> {
      await people.assertExists(db, ctx, personId);
      const rows = await repo.listTasksOfPerson(db, ctx.actor.organisationId, personId);
      await audit.record(db, ctx, { action: 'read', entityType: 'task', details: { personId, results: rows.length } });
      const today = tokyoDate();
      return rows.map((r) => present(r, today));
    },

    /** Changes a task; done records who completed it and when. A stale `version` gets 409. */
    async update(ctx: RequestContext, id: string, input: UpdateTaskInput): Promise<Task> {
      await db.transaction().execute(async (tx) => {
        const current = await repo.findTask(tx, ctx.actor.organisationId, id);
        if (!current) throw notFound('task.not_found');
        if (current.version !== input.version) throw conflict('task.version_conflict');
        if (input.assigneeId) await assertAssignable(tx, ctx, input.assigneeId, 'assigneeId');
        const { version, ...changes } = input;
        const patch: Parameters<typeof repo.updateTask>[4] = {};
        if (changes.title !== undefined) patch.title = changes.title;
        if (changes.dueOn !== undefined) patch.due_on = changes.dueOn;
        if (changes.assigneeId !== undefined) patch.assignee_id = changes.assigneeId;
        if (changes.status !== undefined && changes.status !== current.status) {
          patch.status = changes.status;
          patch.completed_by = changes.status === 'done' ? ctx.actor.staffUserId : null;
          patch.completed_at = changes.status === 'done' ? new Date() : null;
        }
        const row = await repo.updateTask(tx, ctx.actor.organisationId, id, version, patch);
        if (!row) throw conflict('task.version_conflict');
        await audit.record(tx, ctx, { action: 'update', entityType: 'task', entityId: id, details: { fields: Object.keys(changes), status: changes.status ?? null } });
      });
      return get(ctx, id);
    },
  };
}
export type TasksService = ReturnType<typeof createTasksService>;
