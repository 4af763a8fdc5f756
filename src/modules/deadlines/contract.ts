import { z } from 'zod';
import { PersonSummary } from '../people/contract';

/** The deadlines Tobira computes from a case file (DOMAIN.md, "Deadlines the system must compute"). */
export const DeadlineKind = z.enum(['review_request', 'insurance_enrolment', 'residence_expiry', 'reporting']);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const Deadline = z.object({
  kind: DeadlineKind,
  personId: z.uuid(),
  /** The case event behind a reporting date; null for deadlines computed from the case file. */
  eventId: z.uuid().nullable(),
  /** The fact the deadline comes from: notice received, eligible since, status expires, reporting day. */
  factDate: z.iso.date(),
  /** The last day of the period as counted, before moving off an administrative holiday. */
  lastDay: z.iso.date(),
  /** The day by which it must be done. */
  dueOn: z.iso.date(),
  /** From this day on the deadline is shown as coming (early warning). */
  warnFrom: z.iso.date(),
  /** Days from today (Tokyo) to the due date; negative when overdue. */
  daysLeft: z.number().int(),
  isOverdue: z.boolean(),
});
export type Deadline = z.infer<typeof Deadline>;

export const DeadlineList = z.object({ items: z.array(Deadline) });

export const DeadlineWithPerson = Deadline.extend({
  person: PersonSummary,
  assignedToId: z.uuid().nullable(),
  assignedToName: z.string().nullable(),
});
export type DeadlineWithPerson = z.infer<typeof DeadlineWithPerson>;

export const DeadlineWithPersonList = z.object({ items: z.array(DeadlineWithPerson) });

export const DeadlineWindowQuery = z.object({
  /** Deadlines due within this many days (and all overdue ones); default a week. */
  days: z.coerce.number().int().min(0).max(366).default(7),
});
