import type { ColumnType, Generated } from 'kysely';
import type { PartnerCost, PartnerKind } from '../contract';

/** Kysely's view of migrations/0021_partners.sql. Empty text is '' (never null), as in the contract. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface PartnerTable {
  id: Generated<string>;
  organisation_id: string;
  kind: PartnerKind;
  name_ja: string;
  name_en: Generated<string>;
  name_kana: Generated<string>;
  postal_code: Generated<string>;
  prefecture: Generated<string>;
  city: Generated<string>;
  address_line: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  website: Generated<string>;
  nearest_station: Generated<string>;
  languages: Generated<string[]>;
  opening_hours: Generated<string>;
  cost: Generated<PartnerCost>;
  cost_notes: Generated<string>;
  accepts_no_status: Generated<boolean>;
  accepts_uninsured: Generated<boolean>;
  contact_name: Generated<string>;
  contact_role: Generated<string>;
  contact_phone: Generated<string>;
  contact_email: Generated<string>;
  notes: Generated<string>;
  search_text: Generated<string>;
  /** The reading, else the name, in katakana (set by the service, like search_text). */
  sort_key: Generated<string>;
  archived_at: NullableTimestamp;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface PartnerTables {
  partner: PartnerTable;
}
