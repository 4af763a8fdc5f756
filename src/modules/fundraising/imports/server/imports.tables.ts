import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

/** Kysely's view of migrations/0015_fundraising_imports.sql. */
export interface ImportMappingTable {
  organisation_id: string;
  source: 'congrant' | 'syncable' | 'bank' | 'generic';
  mapping: Json<Record<string, string | null>>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface ImportBatchTable {
  id: Generated<string>;
  organisation_id: string;
  source: 'congrant' | 'syncable' | 'bank' | 'generic';
  file_name: string;
  encoding: string;
  file_sha256: string;
  content: string;
  headers: Json<string[]>;
  sample: ColumnType<string[][], string | undefined, string>;
  mapping: Json<Record<string, string | null>> | null;
  status: Generated<'uploaded' | 'mapped' | 'committed' | 'rolled_back'>;
  summary: Json<Record<string, number>> | null;
  gifts_created: Generated<number>;
  supporters_created: Generated<number>;
  created_by: string;
  created_at: Generated<Date>;
  committed_by: string | null;
  committed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  rolled_back_by: string | null;
  rolled_back_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export type ImportMatch = 'existing' | 'new' | 'ambiguous' | 'anonymous' | 'duplicate' | 'error' | 'skipped';

export interface ImportRowTable {
  batch_id: string;
  line: number;
  data: Json<unknown> | null;
  errors: Json<unknown> | null;
  match: ImportMatch;
  candidates: ColumnType<Array<{ supporterId: string; level: 'strong' | 'possible'; reasons: string[] }>, string | undefined, string>;
  supporter_id: string | null;
  campaign_id: string | null;
  fund_id: string | null;
  decided_by: string | null;
  gift_id: string | null;
  created_supporter_id: string | null;
}

export interface ImportTables {
  import_mapping: ImportMappingTable;
  import_batch: ImportBatchTable;
  import_row: ImportRowTable;
}
