import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the fundraising tables in migrations/0014_fundraising.sql. Dates are 'YYYY-MM-DD'; yen are integers. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint yen come back as numbers (see db/database.ts type parsers). */
type Yen = number;

export type GiftMethod = 'card' | 'bank_transfer' | 'direct_debit' | 'cash' | 'convenience_store' | 'in_kind' | 'other';
export type GiftStatus = 'pledged' | 'received' | 'refunded' | 'failed';

export interface SupporterTable {
  id: Generated<string>;
  organisation_id: string;
  supporter_number: string;
  kind: 'individual' | 'organisation';
  family_name: Generated<string>;
  given_name: Generated<string>;
  family_name_kana: Generated<string>;
  given_name_kana: Generated<string>;
  organisation_name: Generated<string>;
  organisation_name_kana: Generated<string>;
  department: Generated<string>;
  honorific: 'sama' | 'onchu';
  email: string | null;
  phone: string | null;
  phone_digits: ColumnType<string | null, never, never>;
  preferred_language: Generated<'ja' | 'en'>;
  allow_post: Generated<boolean>;
  allow_email: Generated<boolean>;
  allow_phone: Generated<boolean>;
  publish_name: Generated<boolean>;
  no_contact: Generated<boolean>;
  notes: Generated<string>;
  tags: Generated<string[]>;
  search_text: Generated<string>;
  merged_into_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface SupporterAddressTable {
  id: Generated<string>;
  organisation_id: string;
  supporter_id: string;
  country: Generated<string>;
  postal_code: string | null;
  prefecture: Generated<string>;
  city: Generated<string>;
  line1: Generated<string>;
  line2: Generated<string>;
  valid_from: string;
  replaced_at: Timestamp | null;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface FundTable {
  id: Generated<string>;
  organisation_id: string;
  code: string;
  label_ja: string;
  label_en: string;
  is_restricted: Generated<boolean>;
  sort_order: Generated<number>;
  retired_at: Timestamp | null;
}

export interface CampaignTable {
  id: Generated<string>;
  organisation_id: string;
  code: string;
  name_ja: string;
  name_en: string;
  channel: 'online' | 'mail' | 'event' | 'runners' | 'corporate' | 'grant' | 'other';
  goal_yen: Yen | null;
  starts_on: string;
  ends_on: string | null;
  fund_id: string | null;
  description: Generated<string>;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface RecurringCommitmentTable {
  id: Generated<string>;
  organisation_id: string;
  supporter_id: string;
  frequency: 'monthly' | 'yearly';
  amount_yen: Yen;
  day_of_month: number;
  month_of_year: number | null;
  method: GiftMethod;
  fund_id: string | null;
  campaign_id: string | null;
  starts_on: string;
  ends_on: string | null;
  status: Generated<'active' | 'paused' | 'failing' | 'cancelled'>;
  status_reason: Generated<string>;
  source_platform: Generated<string>;
  external_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  version: Generated<number>;
}

export interface RecurringChangeTable {
  id: Generated<string>;
  organisation_id: string;
  commitment_id: string;
  kind: 'started' | 'upgraded' | 'downgraded' | 'status' | 'edited';
  old_amount_yen: Yen | null;
  new_amount_yen: Yen | null;
  old_status: string | null;
  new_status: string | null;
  reason: Generated<string>;
  effective_on: string;
  changed_by: string | null;
  changed_at: Generated<Date>;
}

export interface GiftTable {
  id: Generated<string>;
  organisation_id: string;
  supporter_id: string | null;
  amount_yen: Yen;
  received_on: string;
  method: GiftMethod;
  in_kind_description: Generated<string>;
  valuation_basis: Generated<string>;
  campaign_id: string | null;
  fund_id: string;
  is_anonymous: Generated<boolean>;
  donor_message: Generated<string>;
  source_platform: Generated<string>;
  external_id: string | null;
  fee_yen: Generated<Yen>;
  net_yen: ColumnType<number, never, never>;
  status: GiftStatus;
  reverses_gift_id: string | null;
  recurring_commitment_id: string | null;
  import_batch_id: string | null;
  note: Generated<string>;
  thanked_at: Timestamp | null;
  thanked_by: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  version: Generated<number>;
}

export interface GiftSoftCreditTable {
  id: Generated<string>;
  organisation_id: string;
  gift_id: string;
  kind: 'runner' | 'in_honour' | 'in_memory' | 'fundraiser' | 'other';
  supporter_id: string | null;
  name: Generated<string>;
}

export interface SupporterMergeTable {
  id: Generated<string>;
  organisation_id: string;
  kept_id: string;
  merged_id: string;
  kept_before: ColumnType<Record<string, unknown>, string, string>;
  moved: ColumnType<Record<string, string[]>, string, string>;
  merged_by: string | null;
  merged_at: Generated<Date>;
  undone_at: Timestamp | null;
  undone_by: string | null;
}

export interface FundraisingTables {
  supporter: SupporterTable;
  supporter_address: SupporterAddressTable;
  fund: FundTable;
  campaign: CampaignTable;
  recurring_commitment: RecurringCommitmentTable;
  recurring_change: RecurringChangeTable;
  gift: GiftTable;
  gift_soft_credit: GiftSoftCreditTable;
  supporter_merge: SupporterMergeTable;
}
