import { z } from 'zod';

/** The placeholders a thank-you letter may use; anything else in {{ }} is refused when saving. */
export const LETTER_PLACEHOLDERS = ['name', 'amount', 'date', 'campaign', 'organisation', 'fund'] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];

export const LetterLanguage = z.enum(['ja', 'en']);
export const LetterTemplate = z.object({
  language: LetterLanguage,
  subject: z.string(),
  body: z.string(),
  /** False while the built-in text is used (nobody has saved one yet). */
  isCustom: z.boolean(),
  version: z.number().int(),
});
export type LetterTemplate = z.infer<typeof LetterTemplate>;

export const SaveLetterTemplateInput = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(8000),
  /** The version read (0 while the built-in text was shown). */
  version: z.number().int().min(0),
});
export type SaveLetterTemplateInput = z.infer<typeof SaveLetterTemplateInput>;

export const LetterPreview = z.object({ giftId: z.uuid(), language: LetterLanguage, subject: z.string(), body: z.string() });
export type LetterPreview = z.infer<typeof LetterPreview>;

export const LettersPdfQuery = z.object({
  /** Comma-separated gift ids (the selection from the thank-you queue). */
  ids: z.string().max(40_000),
  /** Each letter in the supporter's preferred language unless one language is chosen. */
  language: LetterLanguage.optional(),
  /** Take the printed gifts off the thank-you queue. */
  markThanked: z.enum(['true', 'false']).optional(),
});
