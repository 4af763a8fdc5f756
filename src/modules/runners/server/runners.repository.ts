import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type {
  ApplicationStatus, CampaignPageTable, CharityEventTable, PageGiftTable, RunnerApplicationTable, RunnerPageRevisionTable, RunnerTable,
} from './runners.tables';

export type EventRow = Selectable<CharityEventTable> & { campaign_name_ja: string; campaign_name_en: string; runners: number; applications: number };
export type ApplicationRow = Selectable<RunnerApplicationTable> & { decided_by_name: string | null; runner_id: string | null };
export type RunnerRow = Selectable<RunnerTable>;
export type RevisionRow = Omit<Selectable<RunnerPageRevisionTable>, 'photo'> & { has_photo: boolean; reviewed_by_name: string | null };

// --- Events ------------------------------------------------------------------------------------

function events(db: DbOrTx) {
  return db.selectFrom('charity_event as e').innerJoin('campaign as c', 'c.id', 'e.campaign_id')
    .selectAll('e')
    .select(['c.name_ja as campaign_name_ja', 'c.name_en as campaign_name_en'])
    .select((eb) => [
      eb.selectFrom('runner as r').select(sql<number>`count(*)::int`.as('n')).whereRef('r.event_id', '=', 'e.id').where('r.status', '=', 'active').as('runners'),
      eb.selectFrom('runner_application as a').select(sql<number>`count(*)::int`.as('n')).whereRef('a.event_id', '=', 'e.id').as('applications'),
    ]);
}

export async function listEvents(db: DbOrTx, organisationId: string): Promise<EventRow[]> {
  return (await events(db).where('e.organisation_id', '=', organisationId).orderBy('e.race_on', 'desc').execute()) as EventRow[];
}

export async function findEvent(db: DbOrTx, organisationId: string, id: string): Promise<EventRow | undefined> {
  return (await events(db).where('e.organisation_id', '=', organisationId).where('e.id', '=', id).executeTakeFirst()) as EventRow | undefined;
}

/** An event by its public code (the address /give/<code>). */
export async function findEventByCode(db: DbOrTx, code: string): Promise<EventRow | undefined> {
  return (await events(db).where('e.code', '=', code).executeTakeFirst()) as EventRow | undefined;
}

export function insertEvent(db: DbOrTx, row: Insertable<CharityEventTable>) {
  return db.insertInto('charity_event').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateEvent(db: DbOrTx, organisationId: string, id: string, version: number, patch: Updateable<CharityEventTable>): Promise<boolean> {
  const r = await db.updateTable('charity_event').set({ ...patch, version: sql`version + 1` }).where('organisation_id', '=', organisationId)
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- Applications ------------------------------------------------------------------------------

function applications(db: DbOrTx) {
  return db.selectFrom('runner_application as a').leftJoin('staff_user as s', 's.id', 'a.decided_by').leftJoin('runner as r', 'r.application_id', 'a.id')
    .selectAll('a').select(['s.display_name as decided_by_name', 'r.id as runner_id']);
}

/** Inserts an application; a second one with the same email for the event is taken as the first (returns null). */
export async function insertApplication(db: DbOrTx, row: Insertable<RunnerApplicationTable>): Promise<string | null> {
  const r = await sql<{ id: string }>`
    INSERT INTO runner_application (organisation_id, event_id, family_name, given_name, family_name_kana, given_name_kana, email, phone, motivation, plan, language, consented_at)
    VALUES (${row.organisation_id}, ${row.event_id}, ${row.family_name}, ${row.given_name ?? ''}, ${row.family_name_kana ?? ''}, ${row.given_name_kana ?? ''},
            ${row.email}, ${row.phone ?? ''}, ${row.motivation}, ${row.plan}, ${row.language}, ${row.consented_at})
    ON CONFLICT (event_id, lower(email)) DO NOTHING RETURNING id`.execute(db);
  return r.rows[0]?.id ?? null;
}

export function listApplications(db: DbOrTx, organisationId: string, eventId: string, status: ApplicationStatus | undefined): Promise<ApplicationRow[]> {
  let q = applications(db).where('a.organisation_id', '=', organisationId).where('a.event_id', '=', eventId);
  if (status) q = q.where('a.status', '=', status);
  return q.orderBy('a.created_at').orderBy('a.id').limit(1000).execute();
}

export function findApplication(db: DbOrTx, organisationId: string, id: string): Promise<ApplicationRow | undefined> {
  return applications(db).where('a.organisation_id', '=', organisationId).where('a.id', '=', id).executeTakeFirst();
}

export function lockApplication(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('runner_application').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateApplication(db: DbOrTx, id: string, version: number, patch: Updateable<RunnerApplicationTable>): Promise<boolean> {
  const r = await db.updateTable('runner_application').set({ ...patch, version: sql`version + 1` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function applicationCounts(db: DbOrTx, eventId: string): Promise<Map<ApplicationStatus, number>> {
  const rows = await db.selectFrom('runner_application').select(['status', sql<number>`count(*)::int`.as('n')]).where('event_id', '=', eventId).groupBy('status').execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

// --- Runners -----------------------------------------------------------------------------------

export function insertRunner(db: DbOrTx, row: Insertable<RunnerTable>) {
  return db.insertInto('runner').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findRunner(db: DbOrTx, organisationId: string, id: string, lock = false): Promise<RunnerRow | undefined> {
  const q = db.selectFrom('runner').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export function findRunnerBySlug(db: DbOrTx, eventId: string, slug: string): Promise<RunnerRow | undefined> {
  return db.selectFrom('runner').selectAll().where('event_id', '=', eventId).where('slug', '=', slug).executeTakeFirst();
}

export function findRunnerOfSupporter(db: DbOrTx, eventId: string, supporterId: string): Promise<RunnerRow | undefined> {
  return db.selectFrom('runner').selectAll().where('event_id', '=', eventId).where('supporter_id', '=', supporterId).executeTakeFirst();
}

export function listRunners(db: DbOrTx, organisationId: string, eventId: string): Promise<RunnerRow[]> {
  return db.selectFrom('runner').selectAll().where('organisation_id', '=', organisationId).where('event_id', '=', eventId).orderBy('code').execute();
}

export function runnersByIds(db: DbOrTx, organisationId: string, ids: readonly string[]): Promise<RunnerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('runner').selectAll().where('organisation_id', '=', organisationId).where('id', 'in', ids).execute();
}

export async function updateRunner(db: DbOrTx, id: string, version: number | null, patch: Updateable<RunnerTable>): Promise<boolean> {
  let q = db.updateTable('runner').set({ ...patch, version: sql`version + 1` }).where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

/** Runner codes of the organisation → the runner's supporter (for gifts imported with a ランナーID). */
export async function supportersOfRunnerCodes(db: DbOrTx, organisationId: string, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('runner').select(['code', 'supporter_id']).where('organisation_id', '=', organisationId).where('code', 'in', codes)
    .orderBy('created_at').execute();
  return new Map(rows.map((r) => [r.code, r.supporter_id]));
}

/**
 * What each runner has raised for the event's campaign: gifts soft-credited to the runner's
 * supporter (kind 'runner'). Received (a refunded gift no longer counts), pledged, and donors.
 */
export async function runnerTotals(db: DbOrTx, organisationId: string, campaignId: string, supporterIds: readonly string[]) {
  const out = new Map<string, { raised: number; pledged: number; donors: number }>();
  if (supporterIds.length === 0) return out;
  const rows = await sql<{ supporter_id: string; raised: number; pledged: number; donors: number }>`
    SELECT sc.supporter_id,
           COALESCE(SUM(g.amount_yen) FILTER (WHERE g.status = 'received'), 0)::bigint AS raised,
           COALESCE(SUM(g.amount_yen) FILTER (WHERE g.status = 'pledged'), 0)::bigint AS pledged,
           COUNT(DISTINCT COALESCE(g.supporter_id::text, g.id::text)) FILTER (WHERE g.status = 'received')::int AS donors
      FROM gift_soft_credit sc JOIN gift g ON g.id = sc.gift_id
     WHERE sc.organisation_id = ${organisationId} AND sc.kind = 'runner' AND g.campaign_id = ${campaignId}
       AND sc.supporter_id = ANY(${sql.val(supporterIds)}::uuid[])
     GROUP BY sc.supporter_id`.execute(db);
  for (const r of rows.rows) out.set(r.supporter_id, { raised: Number(r.raised), pledged: Number(r.pledged), donors: Number(r.donors) });
  return out;
}

/** Received and pledged through all of an event's runners, and distinct donors. */
export async function eventTotals(db: DbOrTx, organisationId: string, eventId: string, campaignId: string) {
  const r = await sql<{ raised: number; pledged: number; donors: number }>`
    SELECT COALESCE(SUM(g.amount_yen) FILTER (WHERE g.status = 'received'), 0)::bigint AS raised,
           COALESCE(SUM(g.amount_yen) FILTER (WHERE g.status = 'pledged'), 0)::bigint AS pledged,
           COUNT(DISTINCT COALESCE(g.supporter_id::text, g.id::text)) FILTER (WHERE g.status = 'received')::int AS donors
      FROM gift g
     WHERE g.organisation_id = ${organisationId} AND g.campaign_id = ${campaignId}
       AND EXISTS (SELECT 1 FROM gift_soft_credit sc JOIN runner r ON r.supporter_id = sc.supporter_id AND r.event_id = ${eventId}
                    WHERE sc.gift_id = g.id AND sc.kind = 'runner')`.execute(db);
  const row = r.rows[0];
  return { raised: Number(row?.raised ?? 0), pledged: Number(row?.pledged ?? 0), donors: Number(row?.donors ?? 0) };
}

/** The donors of an event's runners with what a receipt needs (name, reading, current address). */
export async function eventDonors(db: DbOrTx, organisationId: string, eventId: string, campaignId: string) {
  return (await sql<{
    gift_id: string; received_on: string; amount_yen: number; status: string; method: string; source_platform: string; reference: string | null;
    runner_code: string; supporter_number: string | null; family_name: string | null; given_name: string | null; family_name_kana: string | null;
    given_name_kana: string | null; organisation_name: string | null; email: string | null; postal_code: string | null; prefecture: string | null;
    city: string | null; line1: string | null; line2: string | null; is_anonymous: boolean;
  }>`
    SELECT g.id AS gift_id, g.received_on::text AS received_on, g.amount_yen, g.status, g.method, g.source_platform, pg.reference, r.code AS runner_code,
           s.supporter_number, s.family_name, s.given_name, s.family_name_kana, s.given_name_kana, s.organisation_name, s.email,
           a.postal_code, a.prefecture, a.city, a.line1, a.line2, g.is_anonymous
      FROM gift g
      JOIN gift_soft_credit sc ON sc.gift_id = g.id AND sc.kind = 'runner'
      JOIN runner r ON r.supporter_id = sc.supporter_id AND r.event_id = ${eventId}
      LEFT JOIN page_gift pg ON pg.gift_id = g.id
      LEFT JOIN supporter s ON s.id = g.supporter_id
      LEFT JOIN supporter_address a ON a.supporter_id = s.id AND a.replaced_at IS NULL
     WHERE g.organisation_id = ${organisationId} AND g.campaign_id = ${campaignId} AND g.status IN ('received', 'pledged')
     ORDER BY g.received_on, g.created_at, g.id`.execute(db)).rows;
}

// --- Page revisions ----------------------------------------------------------------------------

function revisions(db: DbOrTx) {
  return db.selectFrom('runner_page_revision as p').leftJoin('staff_user as s', 's.id', 'p.reviewed_by')
    .select(['p.id', 'p.organisation_id', 'p.runner_id', 'p.display_name', 'p.story', 'p.goal_yen', 'p.photo_width', 'p.photo_height', 'p.status',
      'p.review_note', 'p.submitted_by', 'p.created_at', 'p.created_by', 'p.reviewed_by', 'p.reviewed_at', 's.display_name as reviewed_by_name'])
    .select(sql<boolean>`p.photo IS NOT NULL`.as('has_photo'));
}

export function insertRevision(db: DbOrTx, row: Insertable<RunnerPageRevisionTable>) {
  return db.insertInto('runner_page_revision').values(row).returning('id').executeTakeFirstOrThrow();
}

export function revisionsOf(db: DbOrTx, runnerIds: readonly string[]): Promise<RevisionRow[]> {
  if (runnerIds.length === 0) return Promise.resolve([]);
  return revisions(db).where('p.runner_id', 'in', runnerIds).orderBy('p.created_at', 'desc').orderBy('p.id').execute();
}

export function findRevision(db: DbOrTx, organisationId: string, id: string): Promise<RevisionRow | undefined> {
  return revisions(db).where('p.organisation_id', '=', organisationId).where('p.id', '=', id).executeTakeFirst();
}

export function pendingRevisions(db: DbOrTx, organisationId: string): Promise<RevisionRow[]> {
  return revisions(db).where('p.organisation_id', '=', organisationId).where('p.status', '=', 'pending').orderBy('p.created_at').limit(500).execute();
}

/** The photo of a revision (staff preview), or of the published revision only (public). */
export function revisionPhoto(db: DbOrTx, id: string) {
  return db.selectFrom('runner_page_revision').select(['photo', 'runner_id', 'organisation_id']).where('id', '=', id).executeTakeFirst();
}

export async function setRevisionStatus(db: DbOrTx, id: string, patch: Updateable<RunnerPageRevisionTable>, onlyIf: 'pending'): Promise<boolean> {
  const r = await db.updateTable('runner_page_revision').set(patch).where('id', '=', id).where('status', '=', onlyIf).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Older revisions still waiting are replaced by a new one (only the newest is reviewed). */
export function supersedePending(db: DbOrTx, runnerId: string, exceptId: string) {
  return db.updateTable('runner_page_revision').set({ status: 'superseded' }).where('runner_id', '=', runnerId).where('status', '=', 'pending').where('id', '<>', exceptId).execute();
}

/** The photo of the newest revision that has one (a runner who changes only the text keeps the photo). */
export async function latestPhoto(db: DbOrTx, runnerId: string) {
  return db.selectFrom('runner_page_revision').select(['photo', 'photo_width', 'photo_height']).where('runner_id', '=', runnerId).where('photo', 'is not', null)
    .where('status', 'in', ['pending', 'approved', 'superseded']).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/** The published revision of each runner (for public lists). */
export async function publishedRevisions(db: DbOrTx, revisionIds: readonly string[]) {
  if (revisionIds.length === 0) return new Map<string, RevisionRow>();
  const rows = await revisions(db).where('p.id', 'in', revisionIds).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

// --- Magic links and editing sessions ----------------------------------------------------------

export function insertMagicLink(db: DbOrTx, row: { organisation_id: string; runner_id: string; token_hash: string; expires_at: Date; created_by: string | null }) {
  return db.insertInto('runner_magic_link').values(row).returning(['id', 'expires_at']).executeTakeFirstOrThrow();
}

export function findMagicLink(db: DbOrTx, tokenHash: string) {
  return db.selectFrom('runner_magic_link').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Uses a link once: only one caller can win, and only before it expires. */
export function useMagicLink(db: DbOrTx, tokenHash: string, now: Date) {
  return db.updateTable('runner_magic_link').set({ used_at: now }).where('token_hash', '=', tokenHash).where('used_at', 'is', null)
    .where('expires_at', '>', now).returning(['id', 'runner_id', 'organisation_id']).executeTakeFirst();
}

export function insertEditSession(db: DbOrTx, row: { token_hash: string; organisation_id: string; runner_id: string; link_id: string; expires_at: Date }) {
  return db.insertInto('runner_edit_session').values(row).execute();
}

export function findEditSession(db: DbOrTx, tokenHash: string, now: Date) {
  return db.selectFrom('runner_edit_session').selectAll().where('token_hash', '=', tokenHash).where('expires_at', '>', now).executeTakeFirst();
}

export function endEditSession(db: DbOrTx, tokenHash: string) {
  return db.deleteFrom('runner_edit_session').where('token_hash', '=', tokenHash).execute();
}

// --- Campaign pages ----------------------------------------------------------------------------

export function findCampaignPage(db: DbOrTx, organisationId: string, campaignId: string) {
  return db.selectFrom('campaign_page').selectAll().where('organisation_id', '=', organisationId).where('campaign_id', '=', campaignId).executeTakeFirst();
}

export function findCampaignPageBySlug(db: DbOrTx, slug: string) {
  return db.selectFrom('campaign_page as p').innerJoin('campaign as c', 'c.id', 'p.campaign_id').selectAll('p')
    .select(['c.goal_yen', 'c.organisation_id as campaign_organisation_id']).where('p.slug', '=', slug).executeTakeFirst();
}

export async function saveCampaignPage(db: DbOrTx, row: Insertable<CampaignPageTable>, version: number): Promise<boolean> {
  if (version === 0) {
    const r = await db.insertInto('campaign_page').values(row).onConflict((oc) => oc.column('campaign_id').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const { campaign_id: campaignId, organisation_id: organisationId, ...patch } = row;
  const r = await db.updateTable('campaign_page').set({ ...patch, updated_at: sql`now()`, version: sql`version + 1` })
    .where('campaign_id', '=', campaignId).where('organisation_id', '=', organisationId).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function slugTaken(db: DbOrTx, slug: string, campaignId: string): Promise<boolean> {
  return (await db.selectFrom('campaign_page').select('campaign_id').where('slug', '=', slug).where('campaign_id', '<>', campaignId).executeTakeFirst()) !== undefined;
}

// --- Page gifts and donor walls ----------------------------------------------------------------

export function insertPageGift(db: DbOrTx, row: Insertable<PageGiftTable>) {
  return db.insertInto('page_gift').values(row).execute();
}

export function findPageGift(db: DbOrTx, organisationId: string, giftId: string) {
  return db.selectFrom('page_gift as pg').innerJoin('gift as g', 'g.id', 'pg.gift_id').selectAll('pg')
    .select(['g.status', 'g.amount_yen', 'g.version as gift_version']).where('pg.organisation_id', '=', organisationId).where('pg.gift_id', '=', giftId).executeTakeFirst();
}

export function findPageGiftByReference(db: DbOrTx, reference: string) {
  return db.selectFrom('page_gift as pg').innerJoin('gift as g', 'g.id', 'pg.gift_id').selectAll('pg')
    .select(['g.status', 'g.amount_yen', 'g.version as gift_version']).where('pg.reference', '=', reference).executeTakeFirst();
}

export function setPageGiftHidden(db: DbOrTx, giftId: string, hiddenBy: string | null, hidden: boolean) {
  return db.updateTable('page_gift').set(hidden ? { hidden_at: new Date(), hidden_by: hiddenBy } : { hidden_at: null, hidden_by: null }).where('gift_id', '=', giftId).execute();
}

/** Every page gift credited to a runner (staff view), newest first. */
export function pageGiftsOfRunner(db: DbOrTx, runnerId: string) {
  return db.selectFrom('page_gift as pg').innerJoin('gift as g', 'g.id', 'pg.gift_id')
    .select(['pg.gift_id', 'pg.reference', 'pg.on_wall', 'pg.wall_name', 'pg.show_amount', 'pg.message', 'pg.hidden_at', 'pg.created_at', 'g.amount_yen', 'g.status'])
    .where('pg.runner_id', '=', runnerId).orderBy('pg.created_at', 'desc').limit(500).execute();
}

/**
 * A public donor wall: received gifts only (a pledge shows once paid, so nobody can write on the
 * wall without giving), never hidden ones, newest first.
 */
export function wall(db: DbOrTx, scope: { runnerId: string } | { campaignId: string; withMessageOnly: boolean }, limit: number) {
  let q = db.selectFrom('page_gift as pg').innerJoin('gift as g', 'g.id', 'pg.gift_id')
    .select(['pg.wall_name', 'pg.show_amount', 'pg.message', 'g.amount_yen', 'g.received_on'])
    .where('g.status', '=', 'received').where('pg.hidden_at', 'is', null).where('pg.on_wall', '=', true);
  if ('runnerId' in scope) q = q.where('pg.runner_id', '=', scope.runnerId);
  else {
    q = q.where('pg.campaign_id', '=', scope.campaignId);
    if (scope.withMessageOnly) q = q.where('pg.message', '<>', '');
  }
  return q.orderBy('g.received_on', 'desc').orderBy('pg.created_at', 'desc').limit(limit).execute();
}

/** Received gifts of a campaign net of refunds, and distinct donors (the campaign page's thermometer). */
export async function campaignTotals(db: DbOrTx, campaignId: string) {
  const r = await sql<{ raised: number; donors: number }>`
    SELECT COALESCE(SUM(amount_yen) FILTER (WHERE status IN ('received', 'refunded')), 0)::bigint AS raised,
           COUNT(DISTINCT COALESCE(supporter_id::text, id::text)) FILTER (WHERE status = 'received')::int AS donors
      FROM gift WHERE campaign_id = ${campaignId}`.execute(db);
  return { raised: Number(r.rows[0]?.raised ?? 0), donors: Number(r.rows[0]?.donors ?? 0) };
}
