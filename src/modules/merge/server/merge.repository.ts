import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { KeptRowGroup, PersonMergeTable, RowGroup } from './merge.tables';
import type { Insertable } from 'kysely';

/**
 * A column that references person(id), found in the catalogue at merge time: tables added by any
 * module later are merged without this module knowing them.
 */
export interface PersonLink {
  schema: string;
  table: string;
  column: string;
  /** Primary key columns (empty: the rows cannot be recorded, so they are not moved). */
  primaryKey: string[];
  /** The table's other columns referencing person (a household link names two people). */
  otherPersonColumns: string[];
  /** Unique indexes (primary key included) whose key has this column: its other key columns and partial-index predicate. */
  uniques: { otherColumns: string[]; predicate: string | null }[];
}

/**
 * Tables that reference person but are not records of the person: the merge's own bookkeeping, and
 * data derived from the person's fields (matching keys, recomputed by the matching module whenever
 * the people service writes a person's fields, which merge and undo do through replaceFields).
 */
const derivedTables = new Set(['person_merge', 'person_match_key', 'person_match_state']);
const notMoved = (table: string, column: string) => derivedTables.has(table) || (table === 'person' && column === 'merged_into_id');

/** Every single-column foreign key to person(id), with what a move must respect. */
export async function findPersonLinks(db: DbOrTx): Promise<PersonLink[]> {
  const fks = await sql<{ relid: number; schema_name: string; table_name: string; column_name: string }>`
    SELECT con.conrelid::bigint AS relid, n.nspname::text AS schema_name, c.relname::text AS table_name, a.attname::text AS column_name
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
    WHERE con.contype = 'f' AND con.confrelid = 'person'::regclass AND cardinality(con.conkey) = 1
    ORDER BY c.relname, a.attname`.execute(db);
  const indexes = await sql<{ relid: number; is_primary: boolean; columns: string[]; predicate: string | null }>`
    SELECT i.indrelid::bigint AS relid, i.indisprimary AS is_primary,
      ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
      pg_get_expr(i.indpred, i.indrelid) AS predicate
    FROM pg_index i
    WHERE i.indisunique AND i.indrelid IN (SELECT conrelid FROM pg_constraint WHERE contype = 'f' AND confrelid = 'person'::regclass)`.execute(db);
  const links = fks.rows.filter((fk) => !notMoved(fk.table_name, fk.column_name));
  return links.map((fk) => {
    const own = indexes.rows.filter((i) => i.relid === fk.relid);
    return {
      schema: fk.schema_name,
      table: fk.table_name,
      column: fk.column_name,
      primaryKey: own.find((i) => i.is_primary)?.columns ?? [],
      otherPersonColumns: links.filter((o) => o.relid === fk.relid && o.column_name !== fk.column_name).map((o) => o.column_name),
      // Expression parts of an index are not compared, which only widens the conflict (rows stay rather than fail).
      uniques: own.filter((i) => i.columns.includes(fk.column_name)).map((i) => ({ otherColumns: i.columns.filter((c) => c !== fk.column_name), predicate: i.predicate })),
    };
  });
}

// Aliases unlikely to be column names: a partial index predicate names columns unqualified, and
// they must resolve to the innermost row.
const ROW = 'merge_row';
const tableRef = (link: PersonLink) => sql.id(link.schema, link.table);
const col = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
const allOf = (parts: RawBuilder<unknown>[]) => (parts.length ? sql`(${sql.join(parts, sql` AND `)})` : sql`true`);
const anyOf = (parts: RawBuilder<unknown>[]) => (parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`);

/** True for a row that, moved, would link the survivor to itself. */
function selfLink(link: PersonLink, survivorId: string) {
  return sql`coalesce(${anyOf(link.otherPersonColumns.map((c) => sql`${col(ROW, c)} = ${survivorId}`))}, false)`;
}

/** True for a row that, moved, would break a unique index because the survivor has its twin. */
function conflict(link: PersonLink, survivorId: string) {
  const parts = link.uniques.map((u) => {
    const predicate = u.predicate === null ? null : sql.raw(`(${u.predicate})`);
    const rowCovered = predicate === null || link.primaryKey.length === 0
      ? sql`true`
      : sql`EXISTS (SELECT 1 FROM ${tableRef(link)} AS merge_x WHERE ${allOf(link.primaryKey.map((k) => sql`${col('merge_x', k)} = ${col(ROW, k)}`))} AND ${predicate})`;
    const twin = sql`EXISTS (SELECT 1 FROM ${tableRef(link)} AS merge_s WHERE ${col('merge_s', link.column)} = ${survivorId}
      AND ${allOf([...u.otherColumns.map((c) => sql`${col('merge_s', c)} IS NOT DISTINCT FROM ${col(ROW, c)}`), ...(predicate ? [predicate] : [])])})`;
    return sql`(${rowCovered} AND ${twin})`;
  });
  return sql`coalesce(${anyOf(parts)}, false)`;
}

function keyColumns(link: PersonLink) {
  const keys = link.primaryKey.length ? link.primaryKey : ['ctid'];
  return sql.join(keys.map((k) => sql`${col(ROW, k)}::text AS ${sql.id(k)}`));
}

/** How many rows each side has, and how many of the merged file's would stay with it. */
export async function countLinked(db: DbOrTx, link: PersonLink, survivorId: string, mergedId: string) {
  const { rows } = await sql<{ survivor: number; merged: number; self_link: number; twins: number }>`
    SELECT count(*) FILTER (WHERE ${col(ROW, link.column)} = ${survivorId}) AS survivor,
           count(*) FILTER (WHERE ${col(ROW, link.column)} = ${mergedId}) AS merged,
           count(*) FILTER (WHERE ${col(ROW, link.column)} = ${mergedId} AND ${selfLink(link, survivorId)}) AS self_link,
           count(*) FILTER (WHERE ${col(ROW, link.column)} = ${mergedId} AND NOT ${selfLink(link, survivorId)} AND ${conflict(link, survivorId)}) AS twins
    FROM ${tableRef(link)} AS merge_row
    WHERE ${col(ROW, link.column)} IN (${survivorId}, ${mergedId})`.execute(db);
  const row = rows[0];
  return { survivor: Number(row?.survivor ?? 0), merged: Number(row?.merged ?? 0), selfLink: Number(row?.self_link ?? 0), unique: Number(row?.twins ?? 0) };
}

/**
 * Moves the merged file's rows of one column to the survivor, except those that must stay;
 * returns exactly which rows moved and which stayed, by primary key.
 */
export async function moveLinked(db: DbOrTx, link: PersonLink, survivorId: string, mergedId: string): Promise<{ moved: RowGroup | null; kept: KeptRowGroup[] }> {
  const base = { schema: link.schema, table: link.table, column: link.column };
  const ofMerged = sql`${col(ROW, link.column)} = ${mergedId}`;
  if (link.primaryKey.length === 0) {
    const { rows } = await sql<Record<string, string>>`SELECT ${keyColumns(link)} FROM ${tableRef(link)} AS merge_row WHERE ${ofMerged}`.execute(db);
    return { moved: null, kept: rows.length ? [{ ...base, reason: 'no_key', keys: rows }] : [] };
  }
  const selfLinked = await sql<Record<string, string>>`
    SELECT ${keyColumns(link)} FROM ${tableRef(link)} AS merge_row WHERE ${ofMerged} AND ${selfLink(link, survivorId)}`.execute(db);
  const twins = await sql<Record<string, string>>`
    SELECT ${keyColumns(link)} FROM ${tableRef(link)} AS merge_row
    WHERE ${ofMerged} AND NOT ${selfLink(link, survivorId)} AND ${conflict(link, survivorId)}`.execute(db);
  const moved = await sql<Record<string, string>>`
    UPDATE ${tableRef(link)} AS merge_row SET ${sql.id(link.column)} = ${survivorId}
    WHERE ${ofMerged} AND NOT ${selfLink(link, survivorId)} AND NOT ${conflict(link, survivorId)}
    RETURNING ${keyColumns(link)}`.execute(db);
  const kept: KeptRowGroup[] = [];
  if (selfLinked.rows.length) kept.push({ ...base, reason: 'self_link', keys: selfLinked.rows });
  if (twins.rows.length) kept.push({ ...base, reason: 'unique', keys: twins.rows });
  return { moved: moved.rows.length ? { ...base, keys: moved.rows } : null, kept };
}

/** Moves recorded rows back from the survivor to the merged file; returns how many were still there. */
export async function moveBack(db: DbOrTx, group: RowGroup, survivorId: string, mergedId: string): Promise<number> {
  const table = sql.id(group.schema, group.table);
  const keyNames = Object.keys(group.keys[0] ?? {});
  let count = 0;
  // Chunks keep each statement's parameter list small.
  for (let i = 0; i < group.keys.length; i += 500) {
    const chunk = group.keys.slice(i, i + 500);
    const match = keyNames.length === 1
      ? sql`${sql.id(keyNames[0] as string)} = ANY(${chunk.map((k) => k[keyNames[0] as string])})`
      : anyOf(chunk.map((k) => allOf(keyNames.map((name) => sql`${sql.id(name)} = ${k[name]}`))));
    const { rows } = await sql`UPDATE ${table} SET ${sql.id(group.column)} = ${mergedId}
      WHERE ${sql.id(group.column)} = ${survivorId} AND ${match} RETURNING 1`.execute(db);
    count += rows.length;
  }
  return count;
}

export function insertMerge(db: DbOrTx, row: Insertable<PersonMergeTable>) {
  return db.insertInto('person_merge').values(row).returning('id').executeTakeFirstOrThrow();
}

const selectMerge = (db: DbOrTx) =>
  db
    .selectFrom('person_merge as pm')
    .innerJoin('person as survivor', 'survivor.id', 'pm.survivor_id')
    .innerJoin('person as merged', 'merged.id', 'pm.merged_id')
    .innerJoin('staff_user as merger', 'merger.id', 'pm.merged_by')
    .leftJoin('staff_user as undoer', 'undoer.id', 'pm.undone_by')
    .select([
      'pm.id', 'pm.survivor_id', 'pm.merged_id', 'pm.choices', 'pm.survivor_before', 'pm.survivor_after', 'pm.moved_rows', 'pm.kept_rows',
      'pm.merged_at', 'pm.undone_at', 'survivor.file_number as survivor_file_number', 'merged.file_number as merged_file_number',
      'merger.display_name as merged_by_name', 'undoer.display_name as undone_by_name',
    ]);
export type MergeRow = NonNullable<Awaited<ReturnType<typeof findMerge>>>;

export function findMerge(db: DbOrTx, organisationId: string, id: string) {
  return selectMerge(db).where('pm.organisation_id', '=', organisationId).where('pm.id', '=', id).executeTakeFirst();
}

/** Locks a merge row so that two undos of it cannot run at once. */
export function lockMerge(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('person_merge').select(['id', 'survivor_id', 'merged_id', 'undone_at']).where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listMergesOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return selectMerge(db)
    .where('pm.organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('pm.survivor_id', '=', personId), eb('pm.merged_id', '=', personId)]))
    .orderBy('pm.merged_at', 'desc')
    .limit(200)
    .execute();
}

export function markUndone(db: DbOrTx, id: string, staffUserId: string) {
  return db.updateTable('person_merge').set({ undone_by: staffUserId, undone_at: new Date() }).where('id', '=', id).executeTakeFirstOrThrow();
}
