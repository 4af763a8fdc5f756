import { sql } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';

/** The person columns matching reads: names, date of birth, sex, nationality, and the summary shown. */
export const matchPersonColumns = [
  'id', 'organisation_id', 'file_number', 'family_name', 'given_name', 'name_in_own_script', 'name_kana',
  'date_of_birth', 'date_of_birth_estimated', 'sex', 'nationality', 'version',
] as const;

export interface MatchPersonRow {
  id: string;
  organisation_id: string;
  file_number: string;
  family_name: string;
  given_name: string;
  name_in_own_script: string | null;
  name_kana: string | null;
  date_of_birth: string | null;
  date_of_birth_estimated: boolean;
  sex: string;
  nationality: string | null;
  version: number;
}

/** Replaces the keys of a set of people (one statement per chunk) and records what they were computed from. */
export async function replaceKeys(
  db: DbOrTx,
  people: ReadonlyArray<{ personId: string; organisationId: string; version: number; keys: readonly string[] }>,
  rulesVersion: number,
): Promise<void> {
  if (people.length === 0) return;
  const ids = people.map((p) => p.personId);
  await db.deleteFrom('person_match_key').where('person_id', 'in', ids).execute();
  const personIds: string[] = [];
  const organisationIds: string[] = [];
  const keys: string[] = [];
  for (const p of people) {
    for (const key of p.keys) {
      personIds.push(p.personId);
      organisationIds.push(p.organisationId);
      keys.push(key);
    }
  }
  // Three arrays through unnest: one statement for any number of rows, cheap to parse.
  if (keys.length > 0) {
    await sql`
      INSERT INTO person_match_key (organisation_id, key, person_id)
      SELECT * FROM unnest(${sql.val(organisationIds)}::uuid[], ${sql.val(keys)}::text[], ${sql.val(personIds)}::uuid[])
      ON CONFLICT DO NOTHING`.execute(db);
  }
  await db
    .insertInto('person_match_state')
    .values(people.map((p) => ({ person_id: p.personId, organisation_id: p.organisationId, person_version: p.version, rules_version: rulesVersion })))
    .onConflict((oc) => oc.column('person_id').doUpdateSet((eb) => ({
      person_version: eb.ref('excluded.person_version'),
      rules_version: eb.ref('excluded.rules_version'),
      indexed_at: new Date(),
    })))
    .execute();
}

/**
 * People whose keys are missing or older than their last change or than the key rules (any
 * organisation), in id order after `afterId`: walking the primary key keeps each batch cheap.
 */
export function findStalePeople(db: DbOrTx, rulesVersion: number, afterId: string | null, limit: number) {
  let q = db
    .selectFrom('person as p')
    .leftJoin('person_match_state as s', 's.person_id', 'p.id')
    .select(matchPersonColumns.map((c) => `p.${c}` as const))
    .where((eb) => eb.or([eb('s.person_id', 'is', null), eb('s.person_version', '<>', eb.ref('p.version')), eb('s.rules_version', '<>', rulesVersion)]));
  if (afterId) q = q.where('p.id', '>', afterId);
  return q.orderBy('p.id').limit(limit).execute();
}

/**
 * The people worth scoring for a query, in one statement: each key is counted among the
 * organisation's people (up to `cap`: a key on more people than that is too common to choose
 * by), weighs kindWeight × ln(1 + cap / count) so that rarer keys weigh more, and contributes at
 * most `cap` people, which bounds the work for a very common key (the rarer keys of the same
 * name, such as the whole name, still find the person). The `limit` people with the highest
 * summed weight are returned, leaving out anyone merged into another file.
 */
export async function findCandidates(db: DbOrTx, organisationId: string, keys: readonly string[], kindWeights: readonly number[], cap: number, limit: number) {
  if (keys.length === 0) return [];
  const columns = sql.join(matchPersonColumns.map((c) => sql.ref(`p.${c}`)));
  const result = await sql<MatchPersonRow>`
    WITH q AS (
      SELECT key, kind_weight FROM unnest(${sql.val(keys)}::text[], ${sql.val(kindWeights)}::float8[]) AS q(key, kind_weight)
    ), counted AS MATERIALIZED (
      SELECT q.key, q.kind_weight, (SELECT count(*) FROM (
        SELECT 1 FROM person_match_key k WHERE k.organisation_id = ${organisationId} AND k.key = q.key LIMIT ${cap}
      ) capped) AS n
      FROM q
    ), top AS (
      SELECT m.person_id, sum(c.kind_weight * ln(1 + ${cap}::float8 / c.n)) AS weight
      FROM counted c
      CROSS JOIN LATERAL (
        SELECT k.person_id FROM person_match_key k WHERE k.organisation_id = ${organisationId} AND k.key = c.key LIMIT ${cap}
      ) m
      WHERE c.n > 0
      GROUP BY m.person_id
      ORDER BY weight DESC
      LIMIT ${limit}
    )
    SELECT ${columns}
    FROM top JOIN person p ON p.id = top.person_id
    WHERE p.organisation_id = ${organisationId} AND p.merged_into_id IS NULL
    ORDER BY top.weight DESC`.execute(db);
  return result.rows;
}

