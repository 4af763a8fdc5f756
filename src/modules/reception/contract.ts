import { z } from 'zod';
import { IsoDate, LanguageCode } from '../../shared/codes';

export const VisitStatus = z.enum(['waiting', 'called', 'in_consultation', 'done', 'left']);
export type VisitStatus = z.infer<typeof VisitStatus>;
export const Priority = z.enum(['normal', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;
/** Why someone is seen first: the desk ticks these, and they raise the priority. */
export const PriorityReason = z.enum(['medical', 'child', 'pregnancy', 'rough_sleeping', 'elderly', 'disability']);

/** Which status may follow which: the queue's whole life cycle in one table. */
export const visitTransitions: Record<VisitStatus, readonly VisitStatus[]> = {
  waiting: ['called', 'left'],
  called: ['waiting', 'in_consultation', 'done', 'left'],
  in_consultation: ['done'],
  done: [],
  left: ['waiting'],
};

export const CreateVisitInput = z.strictObject({
  personId: z.uuid(),
  reason: z.string().trim().max(500).default(''),
  interpreterLanguage: LanguageCode.nullish(),
  priority: Priority.default('normal'),
  priorityReasons: z.array(PriorityReason).max(6).default([]),
});
export type CreateVisitInput = z.infer<typeof CreateVisitInput>;

export const UpdateVisitInput = z.strictObject({ status: VisitStatus });
export type UpdateVisitInput = z.infer<typeof UpdateVisitInput>;

export const Visit = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  visitDate: z.string(),
  ticketNumber: z.number(),
  status: VisitStatus,
  reason: z.string(),
  interpreterLanguage: z.string().nullable(),
  priority: Priority,
  priorityReasons: z.array(PriorityReason),
  checkedInAt: z.iso.datetime({ offset: true }),
  calledAt: z.iso.datetime({ offset: true }).nullable(),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  handledByName: z.string().nullable(),
  person: z.object({
    id: z.uuid(),
    fileNumber: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    nameInOwnScript: z.string().nullable(),
    nameKana: z.string().nullable(),
    nationality: z.string().nullable(),
    sex: z.string(),
    dateOfBirth: z.string().nullable(),
  }),
});
export type Visit = z.infer<typeof Visit>;

export const QueueQuery = z.object({ date: IsoDate.optional() });
export const Queue = z.object({ date: z.string(), serverTime: z.iso.datetime({ offset: true }), items: z.array(Visit) });
export type Queue = z.infer<typeof Queue>;
