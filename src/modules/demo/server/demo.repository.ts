import { sql, type Insertable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { AssistanceTable, ConsultationTable, PersonTable, VisitTable } from '../../../server/db/schema';
import type { CaseEventTable, CaseFileTable, CaseStatusChangeTable, HouseholdLinkTable, TaskTable } from '../../cases/server/cases.tables';
import type { ConsentTable, DisclosureTable } from '../../privacy/server/privacy.tables';
import type { BudgetLineTable } from '../../budgets/server/budgets.tables';
import type { StockLevelTable, StockLocationTable, StockMovementTable } from '../../inventory/server/inventory.tables';
import type { BarrierTagTable } from '../../advocacy/server/advocacy.tables';
import type {
  CampaignTable, GiftSoftCreditTable, GiftTable, RecurringChangeTable, RecurringCommitmentTable, SupporterAddressTable, SupporterTable,
} from '../../fundraising/server/fundraising.tables';
import type { CampaignPageTable, CharityEventTable, PageGiftTable, RunnerApplicationTable, RunnerPageRevisionTable, RunnerTable } from '../../runners/server/runners.tables';
import type { PaidLodgingTable, ShelterBedTable, ShelterFacilityTable, ShelterRoomTable, ShelterStayTable, ShelterWaitingEntryTable } from '../../shelter/server/shelter.tables';

/**
 * Bulk writes for demo data and benchmarks: many rows per statement, with the past timestamps
 * the services (which always write "now") cannot give. Nothing here runs in normal operation.
 */

/** Serialises demo loads for the rest of the transaction. */
export async function lockDemoLoad(tx: DbOrTx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(727275)`.execute(tx);
}

export type PersonInsert = Pick<
  Insertable<PersonTable>,
  | 'organisation_id' | 'file_number' | 'family_name' | 'given_name' | 'name_in_own_script' | 'name_kana' | 'date_of_birth'
  | 'date_of_birth_estimated' | 'sex' | 'nationality' | 'languages' | 'phone' | 'housing' | 'search_text' | 'created_by'
  | 'created_at' | 'updated_at'
>;

/** Inserts people in one statement; returns their ids by file number. */
export function insertPeople(db: DbOrTx, rows: PersonInsert[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return db.insertInto('person').values(rows).returning(['id', 'file_number']).execute();
}

export type VisitInsert = Pick<
  Insertable<VisitTable>,
  | 'organisation_id' | 'person_id' | 'visit_date' | 'ticket_number' | 'reason' | 'interpreter_language' | 'priority'
  | 'priority_reasons' | 'status' | 'checked_in_at' | 'called_at' | 'started_at' | 'finished_at' | 'checked_in_by' | 'handled_by'
>;

/** Inserts visits in one statement; returns their ids by day and ticket. */
export function insertVisits(db: DbOrTx, rows: VisitInsert[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return db.insertInto('visit').values(rows).returning(['id', 'visit_date', 'ticket_number']).execute();
}

export type ConsultationInsert = Pick<
  Insertable<ConsultationTable>,
  | 'organisation_id' | 'person_id' | 'visit_id' | 'staff_user_id' | 'occurred_at' | 'mode' | 'interpreter_language' | 'topics'
  | 'note' | 'needs' | 'actions' | 'follow_up_on' | 'created_at' | 'id'
>;

export async function insertConsultations(db: DbOrTx, rows: ConsultationInsert[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('consultation').values(rows).execute();
}

export type AssistanceInsert = Pick<
  Insertable<AssistanceTable>,
  'id' | 'organisation_id' | 'person_id' | 'visit_id' | 'item_code' | 'quantity' | 'amount_yen' | 'given_on' | 'given_by' | 'note' | 'created_at'
>;

export async function insertAssistance(db: DbOrTx, rows: AssistanceInsert[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('assistance').values(rows).execute();
}

// Case files and what comes with them (src/modules/cases, tasks, privacy), with their past timestamps.

export type CaseFileRowInsert = Insertable<CaseFileTable>;
export type CaseStatusChangeInsert = Insertable<CaseStatusChangeTable>;

export async function insertCaseFiles(db: DbOrTx, rows: CaseFileRowInsert[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('case_file').values(rows).execute();
}

export async function insertCaseStatusChanges(db: DbOrTx, rows: CaseStatusChangeInsert[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('case_status_change').values(rows).execute();
}

export async function insertCaseEvents(db: DbOrTx, rows: Insertable<CaseEventTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('case_event').values(rows).execute();
}

export async function insertHouseholdLinks(db: DbOrTx, rows: Insertable<HouseholdLinkTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('household_link').values(rows).execute();
}

export async function insertTasks(db: DbOrTx, rows: Insertable<TaskTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('task').values(rows).execute();
}

/** Consents with ids chosen by the caller, so disclosures can name them in the same load. */
export async function insertConsents(db: DbOrTx, rows: Array<Insertable<ConsentTable> & { id: string }>): Promise<void> {
  if (rows.length > 0) await db.insertInto('consent').values(rows).execute();
}

export async function insertDisclosures(db: DbOrTx, rows: Insertable<DisclosureTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('disclosure').values(rows).execute();
}

/** Refreshes the planner's statistics after a bulk load (autovacuum would, minutes later). */
export async function analyzeTables(db: DbOrTx): Promise<void> {
  await sql`ANALYZE`.execute(db);
}

// Stock, budget lines and shelter (src/modules/inventory, budgets, shelter; migrations/0008).

export async function findDefaultLocation(db: DbOrTx, organisationId: string): Promise<string | undefined> {
  const row = await db.selectFrom('stock_location').select('id').where('organisation_id', '=', organisationId).where('is_default', '=', true).executeTakeFirst();
  return row?.id;
}

export async function insertLocation(db: DbOrTx, row: Insertable<StockLocationTable>): Promise<string> {
  return (await db.insertInto('stock_location').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertStockMovements(db: DbOrTx, rows: Insertable<StockMovementTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('stock_movement').values(rows).execute();
}

/** Adds to the stock level (a demo loads into an organisation that may already hold some stock). */
export async function addStockLevels(db: DbOrTx, rows: Insertable<StockLevelTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('stock_level').values(rows)
    .onConflict((oc) => oc.columns(['organisation_id', 'item_code', 'location_id', 'size']).doUpdateSet({ quantity: sql`stock_level.quantity + excluded.quantity` }))
    .execute();
}

export async function setItemLimit(db: DbOrTx, organisationId: string, code: string, limitQuantity: number, limitDays: number): Promise<void> {
  await db.updateTable('aid_item').set({ limit_quantity: limitQuantity, limit_days: limitDays }).where('organisation_id', '=', organisationId).where('code', '=', code).execute();
}

export async function insertBudgetLines(db: DbOrTx, rows: Insertable<BudgetLineTable>[]): Promise<string[]> {
  return (await db.insertInto('budget_line').values(rows).returning('id').execute()).map((r) => r.id);
}

/** Links given aid to the location it came from and money to its budget line. */
export async function linkAssistance(db: DbOrTx, rows: Array<{ id: string; location_id: string | null; budget_line_id: string | null }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE assistance a SET location_id = v.location_id::uuid, budget_line_id = v.budget_line_id::uuid
    FROM (VALUES ${sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.location_id}, ${r.budget_line_id})`))}) AS v(id, location_id, budget_line_id)
    WHERE a.id = v.id`.execute(db);
}

export async function insertFacility(db: DbOrTx, row: Insertable<ShelterFacilityTable>): Promise<string> {
  return (await db.insertInto('shelter_facility').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertRoom(db: DbOrTx, row: Insertable<ShelterRoomTable>): Promise<string> {
  return (await db.insertInto('shelter_room').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertBed(db: DbOrTx, row: Insertable<ShelterBedTable>): Promise<string> {
  return (await db.insertInto('shelter_bed').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertStays(db: DbOrTx, rows: Insertable<ShelterStayTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('shelter_stay').values(rows).execute();
}

export async function insertWaitingEntries(db: DbOrTx, rows: Insertable<ShelterWaitingEntryTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('shelter_waiting_entry').values(rows).execute();
}

export async function insertPaidLodging(db: DbOrTx, rows: Insertable<PaidLodgingTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('paid_lodging').values(rows).execute();
}

/** People in a shelter bed tonight are recorded as living in the organisation's shelter. */
export async function setHousing(db: DbOrTx, personIds: string[], housing: string): Promise<void> {
  if (personIds.length > 0) await db.updateTable('person').set({ housing }).where('id', 'in', personIds).execute();
}

/** The organisation's barriers by code (the seeded b01…b15). */
export async function barrierIdsByCode(db: DbOrTx, organisationId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('barrier').select(['id', 'code']).where('organisation_id', '=', organisationId).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function insertBarrierTags(db: DbOrTx, rows: Insertable<BarrierTagTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('barrier_tag').values(rows).execute();
}

// --- Fundraising ---------------------------------------------------------------------------------

export async function fundIdsByCode(db: DbOrTx, organisationId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('fund').select(['id', 'code']).where('organisation_id', '=', organisationId).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function insertSupportersReturning(db: DbOrTx, rows: Insertable<SupporterTable>[]): Promise<string[]> {
  return (await db.insertInto('supporter').values(rows).returning('id').execute()).map((r) => r.id);
}

export async function insertSupporterAddresses(db: DbOrTx, rows: Insertable<SupporterAddressTable>[]): Promise<void> {
  await db.insertInto('supporter_address').values(rows).execute();
}

export async function insertCampaignReturning(db: DbOrTx, row: Insertable<CampaignTable>): Promise<string> {
  return (await db.insertInto('campaign').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertCommitmentsReturning(db: DbOrTx, rows: Insertable<RecurringCommitmentTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  return (await db.insertInto('recurring_commitment').values(rows).returning('id').execute()).map((r) => r.id);
}

export async function insertCommitmentChanges(db: DbOrTx, rows: Insertable<RecurringChangeTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('recurring_change').values(rows).execute();
}

export async function insertGiftsReturning(db: DbOrTx, rows: Insertable<GiftTable>[]): Promise<string[]> {
  return (await db.insertInto('gift').values(rows).returning('id').execute()).map((r) => r.id);
}

// --- Charity runners (src/modules/runners, migrations/0020) -------------------------------------

export async function campaignIdsByCode(db: DbOrTx, organisationId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('campaign').select(['id', 'code']).where('organisation_id', '=', organisationId).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function insertCharityEventsReturning(db: DbOrTx, rows: Insertable<CharityEventTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  return (await db.insertInto('charity_event').values(rows).returning('id').execute()).map((r) => r.id);
}

export async function insertRunnerApplicationsReturning(db: DbOrTx, rows: Insertable<RunnerApplicationTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  return (await db.insertInto('runner_application').values(rows).returning('id').execute()).map((r) => r.id);
}

export async function insertRunnersReturning(db: DbOrTx, rows: Insertable<RunnerTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  return (await db.insertInto('runner').values(rows).returning('id').execute()).map((r) => r.id);
}

export async function insertRunnerRevisionsReturning(db: DbOrTx, rows: Insertable<RunnerPageRevisionTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  return (await db.insertInto('runner_page_revision').values(rows).returning('id').execute()).map((r) => r.id);
}

/** Points each runner at its approved revision (written after the revisions, which need the runner first). */
export async function setPublishedRevisions(db: DbOrTx, rows: Array<{ runnerId: string; revisionId: string }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE runner r SET published_revision_id = v.revision_id::uuid
    FROM (VALUES ${sql.join(rows.map((x) => sql`(${x.runnerId}::uuid, ${x.revisionId})`))}) AS v(id, revision_id)
    WHERE r.id = v.id`.execute(db);
}

export async function insertGiftSoftCredits(db: DbOrTx, rows: Insertable<GiftSoftCreditTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('gift_soft_credit').values(rows).execute();
}

export async function insertPageGifts(db: DbOrTx, rows: Insertable<PageGiftTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('page_gift').values(rows).execute();
}

/** A campaign page as last saved on `updatedAt`. */
export async function insertCampaignPage(db: DbOrTx, row: Omit<Insertable<CampaignPageTable>, 'updated_at'>, updatedAt: Date): Promise<void> {
  await db.insertInto('campaign_page').values({ ...row, updated_at: updatedAt }).execute();
}
