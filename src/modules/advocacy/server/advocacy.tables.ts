import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the advocacy tables in migrations/0013_advocacy.sql. Dates are 'YYYY-MM-DD'. */
export interface BarrierTable {
  id: Generated<string>;
  organisation_id: string;
  code: string;
  label_ja: string;
  label_en: string;
  description_ja: Generated<string>;
  description_en: Generated<string>;
  sort_order: Generated<number>;
  retired_at: Date | null;
  merged_into_id: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface BarrierChangeTable {
  id: Generated<string>;
  organisation_id: string;
  barrier_id: string;
  action: 'created' | 'edited' | 'retired' | 'restored' | 'merged';
  before: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  after: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  changed_by: string | null;
  changed_at: Generated<Date>;
}

export interface BarrierTagTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  consultation_id: string | null;
  barrier_id: string;
  observed_on: string;
  observed_month: ColumnType<string, never, never>;
  quote: string | null;
  resolved_on: string | null;
  tagged_by: string;
  tagged_at: Generated<Date>;
  removed_at: Date | null;
  removed_by: string | null;
}

export interface AdvocacySettingsTable {
  organisation_id: string;
  minimum_cell: Generated<number>;
  public_figures: Generated<string[]>;
  public_period: Generated<string>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface AdvocacyTables {
  barrier: BarrierTable;
  barrier_change: BarrierChangeTable;
  barrier_tag: BarrierTagTable;
  advocacy_settings: AdvocacySettingsTable;
}
