import { z } from 'zod';
import { CountryCode, IsoDate } from '../../shared/codes';
import { PersonSummary, Sex, hasSomeName } from '../people/contract';

/**
 * A walk-in as typed at the desk, to look for their existing file: any subset of a person's
 * fields, but at least one name form (Latin, katakana or own script).
 */
export const MatchInput = z
  .strictObject({
    familyName: z.string().trim().max(100).optional(),
    givenName: z.string().trim().max(100).optional(),
    nameInOwnScript: z.string().trim().max(200).nullable().optional(),
    nameKana: z.string().trim().max(200).nullable().optional(),
    dateOfBirth: IsoDate.nullable().optional(),
    dateOfBirthEstimated: z.boolean().optional(),
    sex: Sex.optional(),
    nationality: CountryCode.nullable().optional(),
  })
  .refine(hasSomeName, { path: ['familyName'], params: { key: 'name_required' } });
export type MatchInput = z.infer<typeof MatchInput>;

/** 'strong': almost surely the same person; 'possible': worth a look. */
export const MatchLevel = z.enum(['strong', 'possible']);
export type MatchLevel = z.infer<typeof MatchLevel>;

export const MatchCandidate = z.object({
  id: z.uuid(),
  score: z.number(),
  level: MatchLevel,
  /** What the desk shows to decide: file number, names, date of birth, nationality. */
  person: PersonSummary,
});
export type MatchCandidate = z.infer<typeof MatchCandidate>;

export const MatchResult = z.object({ candidates: z.array(MatchCandidate).max(10) });
export type MatchResult = z.infer<typeof MatchResult>;
