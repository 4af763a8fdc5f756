import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

/** One group of rows of a table that a merge moved or left behind, by primary key (values as text). */
export interface RowGroup {
  table: string;
  /** The schema of the table (usually public). */
  schema: string;
  column: string;
  keys: Record<string, string>[];
}
export interface KeptRowGroup extends RowGroup {
  reason: 'unique' | 'self_link' | 'no_key';
}

/** Kysely's view of migrations/0007_merges.sql. */
export interface PersonMergeTable {
  id: Generated<string>;
  organisation_id: string;
  survivor_id: string;
  merged_id: string;
  choices: Json<Record<string, string>>;
  survivor_before: Json<Record<string, unknown>>;
  survivor_after: Json<Record<string, unknown>>;
  moved_rows: Json<RowGroup[]>;
  kept_rows: Json<KeptRowGroup[]>;
  merged_by: string;
  merged_at: Generated<Date>;
  undone_by: string | null;
  undone_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MergeTables {
  person_merge: PersonMergeTable;
}
