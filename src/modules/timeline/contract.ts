import { z } from 'zod';
import { Assistance } from '../assistance/contract';
import { Consultation } from '../consultations/contract';
import { Visit } from '../reception/contract';

/** One entry of a person's timeline: a visit, a consultation or aid given. */
export const TimelineEntry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('visit'), at: z.iso.datetime({ offset: true }), visit: Visit.omit({ person: true }) }),
  z.object({ type: z.literal('consultation'), at: z.iso.datetime({ offset: true }), consultation: Consultation }),
  z.object({ type: z.literal('assistance'), at: z.iso.datetime({ offset: true }), assistance: Assistance }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Timeline = z.object({ personId: z.uuid(), items: z.array(TimelineEntry) });
export type Timeline = z.infer<typeof Timeline>;
