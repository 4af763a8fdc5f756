import { z } from 'zod';
import { IsoDate, LanguageCode } from '../../shared/codes';
import { FollowUpTaskInput } from '../tasks/contract';
import { TagInput } from '../advocacy/contract';

export const ConsultationMode = z.enum(['in_person', 'phone', 'online']);
export const Topic = z.enum(['legal', 'livelihood', 'housing', 'medical', 'employment', 'other']);
export type Topic = z.infer<typeof Topic>;

const Text = z.string().trim().max(10_000);

export const CreateConsultationInput = z.strictObject({
  personId: z.uuid(),
  visitId: z.uuid().nullish(),
  mode: ConsultationMode,
  interpreterLanguage: LanguageCode.nullish(),
  topics: z.array(Topic).max(6).default([]),
  note: Text.default(''),
  needs: Text.default(''),
  actions: Text.default(''),
  followUpOn: IsoDate.nullish(),
  /** When the consultation took place; default now. */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  /** A follow-up task created with the consultation, in the same transaction. */
  followUpTask: FollowUpTaskInput.nullish(),
  /** Systemic barriers seen in this consultation (advocacy.tag), saved in the same transaction. */
  barrierTags: z.array(TagInput).max(20).optional(),
});
export type CreateConsultationInput = z.infer<typeof CreateConsultationInput>;

export const Consultation = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  visitId: z.uuid().nullable(),
  staffUserId: z.uuid(),
  staffName: z.string(),
  occurredAt: z.iso.datetime({ offset: true }),
  mode: ConsultationMode,
  interpreterLanguage: z.string().nullable(),
  /**
   * Null, like the notes, for roles that may not read consultations (reception, viewer,
   * coordinator): "medical" or "legal" beside a name is already a health or legal detail.
   */
  topics: z.array(Topic).nullable(),
  /** Null for roles that may not read consultation notes (reception, viewer). */
  note: z.string().nullable(),
  needs: z.string().nullable(),
  actions: z.string().nullable(),
  followUpOn: z.string().nullable(),
});
export type Consultation = z.infer<typeof Consultation>;
