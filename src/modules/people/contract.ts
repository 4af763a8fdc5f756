import { z } from 'zod';
import { CountryCode, IsoDate, LanguageCode } from '../../shared/codes';

export const Sex = z.enum(['female', 'male', 'other', 'unknown']);
export type Sex = z.infer<typeof Sex>;

/** Where the person sleeps now (DOMAIN.md, 住居). */
export const Housing = z.enum(['own_home', 'org_shelter', 'esfra', 'net_cafe', 'friend', 'religious_facility', 'rough_sleeping']);
export type Housing = z.infer<typeof Housing>;

const Name = z.string().trim().max(100);
const Phone = z.string().trim().max(40).regex(/^[0-9+\-() ]*$/);
const PastDate = IsoDate.refine((d) => d <= new Date().toISOString().slice(0, 10) && d >= '1900-01-01', { params: { key: 'invalid_date' } });

const personFields = {
  familyName: Name,
  givenName: Name,
  nameInOwnScript: z.string().trim().max(200).nullable(),
  nameKana: z.string().trim().max(200).nullable(),
  dateOfBirth: PastDate.nullable(),
  dateOfBirthEstimated: z.boolean(),
  sex: Sex,
  nationality: CountryCode.nullable(),
  languages: z.array(LanguageCode).max(10),
  phone: Phone.nullable(),
  housing: Housing.nullable(),
};

/** True when at least one name form is given: a single name, katakana only or own script only is fine. */
export function hasSomeName(p: { familyName?: string | null; givenName?: string | null; nameInOwnScript?: string | null; nameKana?: string | null }) {
  return [p.familyName, p.givenName, p.nameInOwnScript, p.nameKana].some((n) => (n ?? '').trim() !== '');
}

export const CreatePersonInput = z
  .strictObject({
    familyName: personFields.familyName.default(''),
    givenName: personFields.givenName.default(''),
    nameInOwnScript: personFields.nameInOwnScript.optional(),
    nameKana: personFields.nameKana.optional(),
    dateOfBirth: personFields.dateOfBirth.optional(),
    dateOfBirthEstimated: personFields.dateOfBirthEstimated.default(false),
    sex: personFields.sex.default('unknown'),
    nationality: personFields.nationality.optional(),
    languages: personFields.languages.default([]),
    phone: personFields.phone.optional(),
    housing: personFields.housing.optional(),
  })
  .refine(hasSomeName, { path: ['familyName'], params: { key: 'name_required' } });
export type CreatePersonInput = z.infer<typeof CreatePersonInput>;

export const UpdatePersonInput = z.strictObject({
  ...Object.fromEntries(Object.entries(personFields).map(([k, v]) => [k, v.optional()])),
  /** The version the editor started from: a stale one gets 409 person.version_conflict. */
  version: z.number().int().positive(),
} as { [K in keyof typeof personFields]: z.ZodOptional<(typeof personFields)[K]> } & { version: z.ZodNumber });
export type UpdatePersonInput = z.infer<typeof UpdatePersonInput>;

export const Person = z.object({
  id: z.uuid(),
  fileNumber: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  nameInOwnScript: z.string().nullable(),
  nameKana: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  dateOfBirthEstimated: z.boolean(),
  sex: Sex,
  nationality: z.string().nullable(),
  languages: z.array(z.string()),
  phone: z.string().nullable(),
  housing: Housing.nullable(),
  version: z.number(),
  /** Set when this file was merged into another: the UI leads to that file instead. */
  mergedIntoId: z.uuid().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Person = z.infer<typeof Person>;

/** The fields a caseworker edits (and chooses between when merging two files). */
export const personFieldNames = [
  'familyName', 'givenName', 'nameInOwnScript', 'nameKana', 'dateOfBirth', 'dateOfBirthEstimated',
  'sex', 'nationality', 'languages', 'phone', 'housing',
] as const satisfies readonly (keyof Person)[];
export type PersonFieldValues = Pick<Person, (typeof personFieldNames)[number]>;

export const PersonSummary = Person.pick({
  id: true, fileNumber: true, familyName: true, givenName: true, nameInOwnScript: true, nameKana: true,
  dateOfBirth: true, dateOfBirthEstimated: true, sex: true, nationality: true,
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const SearchPeopleQuery = z.object({
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const PeopleList = z.object({ items: z.array(PersonSummary) });
