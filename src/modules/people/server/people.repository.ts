import { sql } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { Insertable } from 'kysely';
import type { PersonTable } from '../../../server/db/schema';

export const personColumns = [
  'id', 'file_number', 'family_name', 'given_name', 'name_in_own_script', 'name_kana', 'date_of_birth',
  'date_of_birth_estimated', 'sex', 'nationality', 'languages', 'phone', 'housing', 'merged_into_id', 'version', 'created_at', 'updated_at',
] as const;

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;
export type PersonWrite = Omit<Insertable<PersonTable>, 'id' | 'version' | 'created_at' | 'updated_at' | 'organisation_id' | 'file_number' | 'created_by'>;

export function findPerson(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('person').select(personColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** The person's row, locked until the transaction ends (merging changes two files at once). */
export function lockPerson(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('person').select(personColumns).where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Marks a file as merged into another (or no longer, with null); bumps its version. */
export function setMergedInto(db: DbOrTx, organisationId: string, id: string, mergedIntoId: string | null) {
  return db
    .updateTable('person')
    .set((eb) => ({ merged_into_id: mergedIntoId, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function insertPerson(db: DbOrTx, row: Insertable<PersonTable>) {
  return db.insertInto('person').values(row).returning(personColumns).executeTakeFirstOrThrow();
}

/** Updates only when the row is still at `version`; returns nothing when someone saved in between. */
export function updatePerson(db: DbOrTx, organisationId: string, id: string, version: number, patch: Partial<PersonWrite>) {
  return db
    .updateTable('person')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(personColumns)
    .executeTakeFirst();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The (unmerged) file whose case file holds this residence card number, found by the number's keyed
 * hash (the number itself is sealed: src/modules/cases/server/cases.sealing.ts).
 */
export function findByResidenceCardHash(db: DbOrTx, organisationId: string, cardHash: string, limit: number) {
  return db
    .selectFrom('person')
    .innerJoin('case_file', 'case_file.person_id', 'person.id')
    .select(['person.id', 'person.file_number', 'person.family_name', 'person.given_name', 'person.name_in_own_script', 'person.name_kana',
      'person.date_of_birth', 'person.date_of_birth_estimated', 'person.sex', 'person.nationality'])
    .where('person.organisation_id', '=', organisationId)
    .where('person.merged_into_id', 'is', null)
    .where('case_file.organisation_id', '=', organisationId)
    .where('case_file.residence_card_hash', '=', cardHash)
    .limit(limit)
    .execute();
}

/**
 * People whose folded search text contains every token. The trigram index answers tokens of
 * three or more characters; an exact file number comes first, then the closest names.
 */
export function searchPeople(db: DbOrTx, organisationId: string, tokens: string[], folded: string, limit: number) {
  let q = db
    .selectFrom('person')
    .select(['id', 'file_number', 'family_name', 'given_name', 'name_in_own_script', 'name_kana', 'date_of_birth', 'date_of_birth_estimated', 'sex', 'nationality'])
    .where('organisation_id', '=', organisationId)
    // A file merged into another is found through the file it was merged into.
    .where('merged_into_id', 'is', null);
  for (const token of tokens) q = q.where('search_text', 'like', `%${escapeLike(token)}%`);
  if (tokens.length === 0) return q.orderBy('updated_at', 'desc').limit(limit).execute();
  return q
    .orderBy(sql`lower(file_number) = ${folded}`, 'desc')
    .orderBy(sql`word_similarity(${folded}, search_text)`, 'desc')
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** People (not merged) whose current housing is the given one, longest on file first. */
export function listByHousing(db: DbOrTx, organisationId: string, housing: string, limit: number) {
  return db
    .selectFrom('person')
    .select(['id', 'file_number', 'family_name', 'given_name', 'name_in_own_script', 'name_kana', 'date_of_birth', 'date_of_birth_estimated', 'sex', 'nationality'])
    .where('organisation_id', '=', organisationId)
    .where('merged_into_id', 'is', null)
    .where('housing', '=', housing)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

export function countPeople(db: DbOrTx, organisationId: string) {
  return db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
}
