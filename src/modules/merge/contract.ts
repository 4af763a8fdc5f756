import { z } from 'zod';
import { Person } from '../people/contract';

/** Which file a field's value is taken from. */
export const FieldChoice = z.enum(['survivor', 'merged']);
export type FieldChoice = z.infer<typeof FieldChoice>;
/** Languages may also be the union of both files' languages. */
export const LanguagesChoice = z.enum(['survivor', 'merged', 'both']);

/** The fields a caseworker chooses between; dateOfBirth carries dateOfBirthEstimated with it. */
export const mergeFields = ['familyName', 'givenName', 'nameInOwnScript', 'nameKana', 'dateOfBirth', 'sex', 'nationality', 'languages', 'phone', 'housing'] as const;
export type MergeField = (typeof mergeFields)[number];

export const MergeChoices = z.strictObject({
  familyName: FieldChoice.default('survivor'),
  givenName: FieldChoice.default('survivor'),
  nameInOwnScript: FieldChoice.default('survivor'),
  nameKana: FieldChoice.default('survivor'),
  dateOfBirth: FieldChoice.default('survivor'),
  sex: FieldChoice.default('survivor'),
  nationality: FieldChoice.default('survivor'),
  languages: LanguagesChoice.default('survivor'),
  phone: FieldChoice.default('survivor'),
  housing: FieldChoice.default('survivor'),
});
export type MergeChoices = z.infer<typeof MergeChoices>;

export const CreateMergeInput = z.strictObject({
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  /** The versions the caseworker previewed: a stale one gets 409 merge.version_conflict. */
  survivorVersion: z.number().int().positive(),
  mergedVersion: z.number().int().positive(),
  /** Fields not named keep the survivor's value. */
  choose: MergeChoices.prefault({}),
});
export type CreateMergeInput = z.infer<typeof CreateMergeInput>;

export const MergePreviewQuery = z.object({ otherId: z.uuid() });

/** Linked records of one table column, on each side. */
export const LinkedCount = z.object({ table: z.string(), column: z.string(), survivor: z.number(), merged: z.number() });
/** Rows that stay with the merged file: a one-per-person record the survivor already has, or a link to the survivor itself. */
export const KeptCount = z.object({ table: z.string(), column: z.string(), reason: z.enum(['unique', 'self_link', 'no_key']), count: z.number() });
export type KeptCount = z.infer<typeof KeptCount>;

export const MergePreview = z.object({
  survivor: Person,
  merged: Person,
  differingFields: z.array(z.enum(mergeFields)),
  linked: z.array(LinkedCount),
  kept: z.array(KeptCount),
});
export type MergePreview = z.infer<typeof MergePreview>;

export const MovedCount = z.object({ table: z.string(), column: z.string(), count: z.number() });

export const PersonMerge = z.object({
  id: z.uuid(),
  survivorId: z.uuid(),
  survivorFileNumber: z.string(),
  mergedId: z.uuid(),
  mergedFileNumber: z.string(),
  choices: MergeChoices,
  moved: z.array(MovedCount),
  kept: z.array(KeptCount),
  mergedBy: z.string(),
  mergedAt: z.iso.datetime({ offset: true }),
  undoneBy: z.string().nullable(),
  undoneAt: z.iso.datetime({ offset: true }).nullable(),
});
export type PersonMerge = z.infer<typeof PersonMerge>;

export const UndoResult = PersonMerge.extend({
  /** Fields edited on the surviving file after the merge: undo keeps those edits. */
  fieldsKept: z.array(z.enum(mergeFields)),
  /** Rows the merge moved that no longer pointed at the surviving file (deleted or moved since). */
  rowsNotFound: z.number(),
});
export type UndoResult = z.infer<typeof UndoResult>;

export const MergeList = z.object({ items: z.array(PersonMerge) });
