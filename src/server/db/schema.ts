import type { CaseTables } from '../../modules/cases/server/cases.tables';
import type { DocumentTables } from '../../modules/documents/server/documents.tables';
import type { PrivacyTables } from '../../modules/privacy/server/privacy.tables';
import type { MergeTables } from '../../modules/merge/server/merge.tables';
import type { MatchingTables } from '../../modules/matching/server/matching.tables';
import type { InventoryTables } from '../../modules/inventory/server/inventory.tables';
import type { BudgetTables } from '../../modules/budgets/server/budgets.tables';
import type { ShelterTables } from '../../modules/shelter/server/shelter.tables';
import type { StaffTables } from '../../modules/staff/server/staff.tables';
import type { AdvocacyTables } from '../../modules/advocacy/server/advocacy.tables';
import type { FundraisingTables } from '../../modules/fundraising/server/fundraising.tables';
import type { LetterTables } from '../../modules/fundraising/letters/server/letters.tables';
import type { ImportTables } from '../../modules/fundraising/imports/server/imports.tables';
import type { FundraisingReportTables } from '../../modules/fundraising/reports/server/fundraising-reports.tables';
import type { ReceiptTables } from '../../modules/fundraising/receipts/server/receipts.tables';
import type { RunnerTables } from '../../modules/runners/server/runners.tables';
import type { PartnerTables } from '../../modules/partners/server/partners.tables';
import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables in migrations/. Column names stay snake_case, as in SQL. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns travel as 'YYYY-MM-DD' strings (see db/database.ts type parsers). */
type DateString = string;

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  time_zone: Generated<string>;
  created_at: Generated<Date>;
}

export interface CounterTable {
  organisation_id: string;
  name: string;
  value: Generated<number>;
}

export interface RoleTable {
  code: string;
  name_ja: string;
  name_en: string;
}

export interface RolePermissionTable {
  role_code: string;
  permission: string;
}

export interface StaffUserTable {
  id: Generated<string>;
  organisation_id: string;
  email: string;
  display_name: string;
  role_code: string;
  language: Generated<'ja' | 'en'>;
  password_hash: string;
  is_active: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  csrf_token: string;
  staff_user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  staff_user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditEventTable {
  id: Generated<string>;
  organisation_id: string | null;
  occurred_at: Generated<Date>;
  actor_staff_user_id: string | null;
  actor_api_token_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface PersonTable {
  id: Generated<string>;
  organisation_id: string;
  file_number: string;
  family_name: string;
  given_name: string;
  name_in_own_script: string | null;
  name_kana: string | null;
  date_of_birth: DateString | null;
  date_of_birth_estimated: boolean;
  sex: string;
  nationality: string | null;
  languages: string[];
  phone: string | null;
  housing: string | null;
  search_text: string;
  /** Set when this file was merged into another (migrations/0003). */
  merged_into_id: Generated<string | null>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VisitTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  visit_date: DateString;
  ticket_number: number;
  reason: string;
  interpreter_language: string | null;
  priority: string;
  priority_reasons: string[];
  status: Generated<string>;
  checked_in_at: Generated<Date>;
  called_at: Timestamp | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  checked_in_by: string | null;
  handled_by: string | null;
  version: Generated<number>;
}

export interface ConsultationTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  visit_id: string | null;
  staff_user_id: string;
  occurred_at: Timestamp;
  mode: string;
  interpreter_language: string | null;
  topics: string[];
  note: string;
  needs: string;
  actions: string;
  follow_up_on: DateString | null;
  created_at: Generated<Date>;
}

export interface AidItemTable {
  organisation_id: string;
  code: string;
  name_ja: string;
  name_en: string;
  category: string;
  is_money: boolean;
  is_active: Generated<boolean>;
  sort_order: Generated<number>;
  /** migrations/0008: how it is counted, sizes, stock tracking, low-stock threshold, per-person limit. */
  unit: Generated<'piece' | 'pack' | 'bag' | 'set' | 'pair' | 'box'>;
  sizes: Generated<string[]>;
  is_stock_tracked: Generated<boolean>;
  low_stock_threshold: number | null;
  limit_quantity: number | null;
  limit_days: number | null;
}

export interface AssistanceTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  visit_id: string | null;
  item_code: string;
  quantity: number;
  amount_yen: number | null;
  given_on: DateString;
  given_by: string;
  note: string;
  created_at: Generated<Date>;
  /** migrations/0008 */
  size: string | null;
  location_id: string | null;
  budget_line_id: string | null;
  rule_override_reason: string | null;
}

export interface MigrationTable {
  name: string;
  applied_at: Generated<Date>;
}

/** The foundation's tables (migrations/0001). */
export interface FoundationTables {
  organisation: OrganisationTable;
  counter: CounterTable;
  role: RoleTable;
  role_permission: RolePermissionTable;
  staff_user: StaffUserTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  person: PersonTable;
  visit: VisitTable;
  consultation: ConsultationTable;
  aid_item: AidItemTable;
  assistance: AssistanceTable;
  tobira_migration: MigrationTable;
}

/**
 * Every table Tobira's queries may touch. A module with its own tables declares them in
 * src/modules/<module>/server/<module>.tables.ts and adds them here with `&`.
 */
export type Database = FoundationTables & CaseTables & PrivacyTables & DocumentTables & MergeTables & MatchingTables
  & InventoryTables & BudgetTables & ShelterTables & StaffTables & AdvocacyTables & FundraisingTables & LetterTables & ImportTables & FundraisingReportTables & ReceiptTables & RunnerTables & PartnerTables;
