import { z } from 'zod';
import { IsoDate } from '../../shared/codes';
import { PersonSummary } from '../people/contract';

export const TaskStatus = z.enum(['open', 'done', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;

const Title = z.string().trim().min(1).max(300);

/** A follow-up task as given with a consultation (the consultation and person are implied). */
export const FollowUpTaskInput = z.strictObject({
  title: Title,
  dueOn: IsoDate.nullish(),
  /** An active staff member of the organisation; default: nobody yet. */
  assigneeId: z.uuid().nullish(),
});
export type FollowUpTaskInput = z.infer<typeof FollowUpTaskInput>;

export const CreateTaskInput = FollowUpTaskInput.extend({
  personId: z.uuid().nullish(),
  consultationId: z.uuid().nullish(),
});
export type CreateTaskInput = z.infer<typeof CreateTaskInput>;

export const UpdateTaskInput = z.strictObject({
  title: Title.optional(),
  dueOn: IsoDate.nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
  status: TaskStatus.optional(),
  /** The version the editor started from: a stale one gets 409 task.version_conflict. */
  version: z.number().int().positive(),
});
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;

export const Task = z.object({
  id: z.uuid(),
  person: PersonSummary.nullable(),
  consultationId: z.uuid().nullable(),
  title: z.string(),
  dueOn: z.string().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  status: TaskStatus,
  /** Open and due before today (Tokyo). */
  isOverdue: z.boolean(),
  createdById: z.uuid(),
  createdByName: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  completedById: z.uuid().nullable(),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  version: z.number(),
});
export type Task = z.infer<typeof Task>;

export const TaskList = z.object({ items: z.array(Task) });
