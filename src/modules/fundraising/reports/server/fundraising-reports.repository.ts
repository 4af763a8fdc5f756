import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../../../server/db/database';
import type { LapsedKind, LapsedSort, YearKind } from '../contract';

/*
 * The fundraising reports' read model: aggregated, read-only queries over the fundraising tables
 * (gift, supporter, supporter_address, fund, campaign, recurring_commitment, recurring_change) and
 * the one table of this room (donor_register_preparation). Reports must aggregate in SQL, so they
 * read the tables rather than go through the supporters and gifts services, as the reports and
 * advocacy evidence modules do. Every query is set-based: one pass over the gifts grouped by
 * supporter (gift_received_idx covers organisation, date, supporter, amount and status), never a
 * query per supporter.
 *
 * Giving (../contract.ts): status 'received' and a positive amount. Books: status 'received' or
 * 'refunded', reversals included.
 */

const giving = (alias: string) => sql.raw(`${alias}.status = 'received' AND ${alias}.amount_yen > 0`);
const books = (alias: string) => sql.raw(`${alias}.status IN ('received', 'refunded')`);

/**
 * Runs one report query with planner settings for a large aggregate, local to its transaction:
 * no JIT (PostgreSQL compiles these plans for 200–350 ms and the query gains nothing back at this
 * size), enough work_mem for a hash over every supporter (the default 4 MB spills to disk), and,
 * with `streaming`, no hash aggregation and no parallel workers, so that a pass grouped by
 * supporter streams in the order of gift_giving_supporter_idx (migrations/0017) in one process
 * (hashing a million rows, or merging the workers' partial sums of 100k supporters, costs more
 * than it saves: bench/RESULTS.md).
 */
async function reporting<T>(db: DbOrTx, options: { streaming?: boolean }, run: (tx: DbOrTx) => Promise<T>): Promise<T> {
  const apply = async (tx: DbOrTx) => {
    await sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)${options.streaming ? sql`, set_config('enable_hashagg', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)` : sql``}`.execute(tx);
    return run(tx);
  };
  return db.isTransaction ? apply(db) : db.transaction().execute(apply);
}

/** The names a list shows (composed by the service, as the supporters room writes them). */
export interface NameColumns {
  kind: 'individual' | 'organisation';
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  organisation_name: string;
  organisation_name_kana: string;
  department: string;
}
const nameColumns = (alias: string) => sql.raw(
  ['kind', 'family_name', 'given_name', 'family_name_kana', 'given_name_kana', 'organisation_name', 'organisation_name_kana', 'department']
    .map((c) => `${alias}.${c}`).join(', '),
);
/** The katakana reading a Japanese list is sorted by (byte order of katakana is the gojūon order). */
const readingOf = (alias: string) => sql.raw(
  `(CASE WHEN ${alias}.kind = 'organisation' AND ${alias}.organisation_name_kana <> '' THEN ${alias}.organisation_name_kana `
  + `ELSE ${alias}.family_name_kana || ' ' || ${alias}.given_name_kana END) COLLATE "C"`,
);

// --- LYBUNT / SYBUNT --------------------------------------------------------------------------------

export interface LapsedParams {
  organisationId: string;
  kind: LapsedKind;
  /** Year Y and Y−1. */
  yearTo: string;
  lastYearFrom: string;
  lastYearTo: string;
  sort: LapsedSort;
  order: 'asc' | 'desc';
  /** null: every row (exports). */
  limit: number | null;
  offset: number;
}

export interface LapsedRow extends NameColumns {
  supporter_id: string;
  supporter_number: string;
  last_gift_on: string;
  last_gift_yen: number;
  last_year_yen: number;
  lifetime_yen: number;
  gift_count: number;
}

const SORT_COLUMN: Record<LapsedSort, string> = {
  lastYearYen: 'f.last_year_yen',
  lifetimeYen: 'f.lifetime_yen',
  lastGiftOn: 'f.last_gift_on',
  kana: 'f.reading',
};

/**
 * One pass over every gift up to the end of Y, grouped by supporter: the last gift's date decides
 * the list (in Y−1: LYBUNT; before Y−1: SYBUNT), so "gave in Y−1, not in Y" and "gave before Y−1,
 * neither in Y−1 nor in Y" need no second look at the gifts. The page's supporters get their last
 * gift's amount through gift_supporter_idx. Also the list's size and its total, on every page.
 */
export async function lapsed(db: DbOrTx, p: LapsedParams): Promise<{ total: number; totalYen: number; rows: LapsedRow[] }> {
  const onList = p.kind === 'lybunt'
    ? sql`per.last_gift_on BETWEEN ${p.lastYearFrom}::date AND ${p.lastYearTo}::date`
    : sql`per.last_gift_on < ${p.lastYearFrom}::date`;
  const listYen = p.kind === 'lybunt' ? sql.raw('last_year_yen') : sql.raw('lifetime_yen');
  const direction = sql.raw(p.order === 'asc' ? 'ASC' : 'DESC');
  const orderBy = sql`${sql.raw(SORT_COLUMN[p.sort])} ${direction}, f.supporter_number ASC`;
  const page = p.limit === null ? sql`` : sql`LIMIT ${p.limit} OFFSET ${p.offset}`;
  const { rows } = await reporting(db, { streaming: true }, (tx) => sql<LapsedRow & { total: number; total_yen: number; ord: number | null }>`
    WITH per AS (
      SELECT g.supporter_id, max(g.received_on) AS last_gift_on,
        COALESCE(sum(g.amount_yen) FILTER (WHERE g.received_on >= ${p.lastYearFrom}::date AND g.received_on <= ${p.lastYearTo}::date), 0)::bigint AS last_year_yen,
        sum(g.amount_yen)::bigint AS lifetime_yen, count(*)::int AS gift_count
      FROM gift g
      WHERE g.organisation_id = ${p.organisationId} AND g.received_on <= ${p.yearTo}::date AND g.supporter_id IS NOT NULL AND ${giving('g')}
      GROUP BY g.supporter_id
    ), f AS MATERIALIZED (
      SELECT per.*, s.supporter_number, ${nameColumns('s')}, ${readingOf('s')} AS reading
      FROM per JOIN supporter s ON s.id = per.supporter_id
      WHERE ${onList}
    ), totals AS (
      SELECT count(*)::int AS total, COALESCE(sum(${listYen}), 0)::bigint AS total_yen FROM f
    ), pg AS (
      SELECT f.*, row_number() OVER (ORDER BY ${orderBy}) AS ord FROM f ORDER BY ${orderBy} ${page}
    )
    SELECT t.total, t.total_yen, pg.supporter_id, pg.supporter_number, pg.kind, pg.family_name, pg.given_name, pg.family_name_kana,
      pg.given_name_kana, pg.organisation_name, pg.organisation_name_kana, pg.department, to_char(pg.last_gift_on, 'YYYY-MM-DD') AS last_gift_on,
      lg.amount_yen AS last_gift_yen, pg.last_year_yen, pg.lifetime_yen, pg.gift_count, pg.ord
    FROM totals t
    LEFT JOIN pg ON true
    LEFT JOIN LATERAL (
      SELECT x.amount_yen FROM gift x
      WHERE x.supporter_id = pg.supporter_id AND x.received_on = pg.last_gift_on AND ${giving('x')}
      ORDER BY x.created_at DESC, x.id DESC LIMIT 1
    ) lg ON true
    ORDER BY pg.ord`.execute(tx));
  const first = rows[0];
  return {
    total: first?.total ?? 0,
    totalYen: first?.total_yen ?? 0,
    rows: rows.filter((r) => r.ord !== null).map(({ total: _t, total_yen: _y, ord: _o, ...r }) => r),
  };
}

// --- Retention ---------------------------------------------------------------------------------------

export interface YearSpan {
  year: number;
  from: string;
  to: string;
}

/**
 * Supporters grouped by their giving pattern over consecutive years (`years`, oldest first): which
 * years they gave in (bit k−1 of `mask` for the k-th year), the year of their first gift ever
 * (`first_slot`: k, or 0 when before the first year), how many supporters share the pattern and
 * what they gave in each year. One pass over the gifts up to the last year's end, grouped by
 * supporter in the order of gift_giving_supporter_idx, then at most 2^n × (n + 1) patterns: every
 * retention figure follows from these (../server/fundraising-reports.service.ts) without looking
 * at a supporter again.
 */
export interface GivingPattern {
  mask: number;
  first_slot: number;
  supporters: number;
  /** Yen per year (index 0 = the first year); 0 for a year outside the mask. */
  yen: number[];
}

export async function givingPatterns(db: DbOrTx, organisationId: string, years: readonly YearSpan[]): Promise<GivingPattern[]> {
  const last = years[years.length - 1];
  if (!last) return [];
  const slot = (i: number) => sql.ref(`y${i}`);
  const sums = sql.join(years.map((y, i) => sql`sum(g.amount_yen) FILTER (WHERE g.received_on BETWEEN ${y.from}::date AND ${y.to}::date) AS ${slot(i)}`));
  const mask = sql.join(years.map((_, i) => sql`CASE WHEN ${slot(i)} IS NULL THEN 0 ELSE ${sql.lit(2 ** i)} END`), sql` + `);
  const totals = sql.join(years.map((_, i) => sql`COALESCE(sum(${slot(i)}), 0)::bigint`));
  const { rows } = await reporting(db, { streaming: true }, (tx) => sql<{ mask: number; first_slot: number; supporters: number; yen: number[] }>`
    WITH per AS (
      SELECT g.supporter_id, min(g.received_on) AS first_on, ${sums}
      FROM gift g
      WHERE g.organisation_id = ${organisationId} AND g.received_on <= ${last.to}::date AND g.supporter_id IS NOT NULL AND ${giving('g')}
      GROUP BY g.supporter_id
    )
    SELECT (${mask})::int AS mask, width_bucket(first_on, ${years.map((y) => y.from)}::date[]) AS first_slot, count(*)::int AS supporters,
      ARRAY[${totals}]::bigint[] AS yen
    FROM per
    GROUP BY 1, 2`.execute(tx));
  // bigint[] comes back as text elements.
  return rows.map((r) => ({ ...r, yen: r.yen.map(Number) }));
}

// --- Recurring health ------------------------------------------------------------------------------

export interface RecurringParams {
  organisationId: string;
  /** First day of the first month, last day of the last month; today (Tokyo). */
  from: string;
  to: string;
  today: string;
}

/**
 * The commitments' dues in the months, with the status and amount each had on its due day.
 * Status on a day: the last change (any kind with a new status) effective on or before it; before
 * the first change, 'active'. A commitment with no status change recorded has its current status
 * throughout, except that a cancelled one with an end date was active up to it. Amount on a day:
 * the last amount change on or before it, else the first change's old amount, else the current one.
 *
 * Each commitment carries its history and its paid months as arrays (one row per commitment, so
 * every join is on the commitment's id with sound row estimates); a due looks them up in its own
 * row: width_bucket(day, dates) is how many of the (chronological) change dates are on or before
 * the day, so statuses[width_bucket(…)] is the status then (NULL before the first change).
 * Joining dues to change periods instead lets the planner, which cannot estimate how many dues the
 * month ranges give, pick nested loops over thousands of rows.
 */
function recurringCtes(p: RecurringParams): RawBuilder<unknown> {
  const chrono = sql.raw('ORDER BY effective_on, changed_at, id');
  return sql`
    months AS (
      -- unnest(ARRAY(…)): PostgreSQL 15 guesses 1,000 rows for generate_series over dates; as an array it knows them.
      SELECT m::date AS month_start, (m + interval '1 month - 1 day')::date AS month_end
      FROM unnest(ARRAY(SELECT generate_series(${p.from}::date, ${p.to}::date, interval '1 month'))) AS m
    ), hist AS (
      SELECT commitment_id,
        array_agg(effective_on ${chrono}) FILTER (WHERE new_status IS NOT NULL) AS status_on,
        array_agg(new_status ${chrono}) FILTER (WHERE new_status IS NOT NULL) AS statuses,
        array_agg(effective_on ${chrono}) FILTER (WHERE new_amount_yen IS NOT NULL) AS amount_on,
        array_agg(new_amount_yen ${chrono}) FILTER (WHERE new_amount_yen IS NOT NULL) AS amounts,
        (array_agg(old_amount_yen ${chrono}) FILTER (WHERE new_amount_yen IS NOT NULL))[1] AS first_old_amount,
        array_agg(effective_on) FILTER (WHERE new_status = 'cancelled') AS cancelled_on
      FROM recurring_change WHERE organisation_id = ${p.organisationId}
      GROUP BY commitment_id
    ), paid AS (
      SELECT g.recurring_commitment_id AS commitment_id, array_agg(DISTINCT date_trunc('month', g.received_on)::date) AS months
      FROM gift g
      WHERE g.organisation_id = ${p.organisationId} AND g.recurring_commitment_id IS NOT NULL AND ${giving('g')}
        AND g.received_on BETWEEN ${p.from}::date AND ${p.to}::date
      GROUP BY 1
    ), c AS MATERIALIZED (
      -- MATERIALIZED: one row per commitment with its history and payments joined first; inlined,
      -- the planner joins the payments after the month expansion it cannot estimate (a nested loop
      -- over every due, 2 s at 500 commitments).
      SELECT rc.id, rc.supporter_id, rc.frequency, rc.amount_yen, rc.day_of_month, rc.month_of_year, rc.method, rc.starts_on, rc.ends_on, rc.status,
        h.status_on, h.statuses, h.amount_on, h.amounts, h.first_old_amount, h.cancelled_on, COALESCE(pd.months, '{}') AS paid_months,
        -- Without a status history: the current status throughout (a cancelled one with an end date was active until then).
        CASE WHEN h.statuses IS NOT NULL THEN 'active' WHEN rc.status = 'cancelled' AND rc.ends_on IS NOT NULL THEN 'active' ELSE rc.status END AS status_before
      FROM recurring_commitment rc
      LEFT JOIN hist h ON h.commitment_id = rc.id
      LEFT JOIN paid pd ON pd.commitment_id = rc.id
      WHERE rc.organisation_id = ${p.organisationId} AND rc.starts_on <= ${p.to}::date
    ), due AS (
      SELECT c.id AS commitment_id, c.supporter_id, c.frequency, c.method, c.status, mo.month_start, d.due_on,
        COALESCE(c.statuses[width_bucket(d.due_on, c.status_on)], c.status_before) AS status_then,
        COALESCE(c.amounts[width_bucket(d.due_on, c.amount_on)], c.first_old_amount, c.amount_yen)::bigint AS amount_then,
        mo.month_start = ANY (c.paid_months) AS is_paid
      FROM c
      JOIN months mo ON (c.frequency = 'monthly' OR extract(month FROM mo.month_start)::int = c.month_of_year)
        AND c.starts_on <= mo.month_end AND (c.ends_on IS NULL OR c.ends_on >= mo.month_start)
      CROSS JOIN LATERAL (SELECT make_date(extract(year FROM mo.month_start)::int, extract(month FROM mo.month_start)::int,
        LEAST(c.day_of_month::int, extract(day FROM mo.month_end)::int)) AS due_on) d
      WHERE d.due_on >= c.starts_on AND (c.ends_on IS NULL OR d.due_on <= c.ends_on)
    ), expected AS (
      SELECT * FROM due WHERE status_then IN ('active', 'failing')
    )`;
}

export interface RecurringMonthRow {
  month: string;
  live_at_start: number;
  cancelled: number;
  expected: number;
  expected_yen: number;
  paid: number;
  missed: number;
  received_gifts: number;
  received_yen: number;
}

/** Per month: live commitments on its first day, cancellations, dues expected, paid and missed, gifts received. */
export async function recurringMonths(db: DbOrTx, p: RecurringParams): Promise<RecurringMonthRow[]> {
  const { rows } = await reporting(db, {}, (tx) => sql<RecurringMonthRow>`
    WITH ${recurringCtes(p)}, live AS (
      SELECT mo.month_start, count(*)::int AS n
      FROM months mo
      JOIN c ON c.starts_on <= mo.month_start AND (c.ends_on IS NULL OR c.ends_on >= mo.month_start)
      WHERE COALESCE(c.statuses[width_bucket(mo.month_start, c.status_on)], c.status_before) IN ('active', 'failing')
      GROUP BY mo.month_start
    ), cancels AS (
      SELECT date_trunc('month', x.on_day)::date AS month_start, count(*)::int AS n
      FROM (
        SELECT unnest(c.cancelled_on) AS on_day FROM c
        UNION ALL
        -- A cancelled commitment without a recorded cancellation: cancelled on its end date.
        SELECT c.ends_on FROM c WHERE c.status = 'cancelled' AND c.ends_on IS NOT NULL AND c.cancelled_on IS NULL
      ) x
      WHERE x.on_day BETWEEN ${p.from}::date AND ${p.to}::date
      GROUP BY 1
    ), exp_m AS (
      SELECT e.month_start, count(*)::int AS expected, sum(e.amount_then)::bigint AS expected_yen, count(*) FILTER (WHERE e.is_paid)::int AS paid,
        count(*) FILTER (WHERE NOT e.is_paid AND e.due_on < ${p.today}::date)::int AS missed
      FROM expected e GROUP BY e.month_start
    ), rec_m AS (
      SELECT date_trunc('month', g.received_on)::date AS month_start, count(*)::int AS gifts, sum(g.amount_yen)::bigint AS yen
      FROM gift g
      WHERE g.organisation_id = ${p.organisationId} AND g.recurring_commitment_id IS NOT NULL AND ${giving('g')}
        AND g.received_on BETWEEN ${p.from}::date AND ${p.to}::date
      GROUP BY 1
    )
    SELECT to_char(mo.month_start, 'YYYY-MM') AS month, COALESCE(l.n, 0) AS live_at_start, COALESCE(cn.n, 0) AS cancelled,
      COALESCE(e.expected, 0) AS expected, COALESCE(e.expected_yen, 0)::bigint AS expected_yen, COALESCE(e.paid, 0) AS paid,
      COALESCE(e.missed, 0) AS missed, COALESCE(r.gifts, 0) AS received_gifts, COALESCE(r.yen, 0)::bigint AS received_yen
    FROM months mo
    LEFT JOIN live l ON l.month_start = mo.month_start
    LEFT JOIN cancels cn ON cn.month_start = mo.month_start
    LEFT JOIN exp_m e ON e.month_start = mo.month_start
    LEFT JOIN rec_m r ON r.month_start = mo.month_start
    ORDER BY mo.month_start`.execute(tx));
  return rows;
}

export interface MissedRow extends NameColumns {
  commitment_id: string;
  supporter_id: string;
  supporter_number: string;
  frequency: 'monthly' | 'yearly';
  method: 'card' | 'bank_transfer' | 'direct_debit' | 'cash' | 'convenience_store' | 'in_kind' | 'other';
  status: 'active' | 'paused' | 'failing' | 'cancelled';
  due_on: string;
  amount_yen: number;
}

/** Dues before today with no payment in their month, of commitments active or failing now, oldest first. */
export async function missedPayments(db: DbOrTx, p: RecurringParams): Promise<MissedRow[]> {
  const { rows } = await reporting(db, {}, (tx) => sql<MissedRow>`
    WITH ${recurringCtes(p)}
    SELECT e.commitment_id, e.supporter_id, s.supporter_number, ${nameColumns('s')}, e.frequency, e.method, e.status,
      to_char(e.due_on, 'YYYY-MM-DD') AS due_on, e.amount_then AS amount_yen
    FROM expected e JOIN supporter s ON s.id = e.supporter_id
    WHERE e.due_on < ${p.today}::date AND e.status IN ('active', 'failing') AND NOT e.is_paid
    ORDER BY e.due_on, s.supporter_number, e.commitment_id`.execute(tx));
  return rows;
}

export interface CommitmentNow {
  by_status: Record<'active' | 'paused' | 'failing' | 'cancelled', number>;
  active: number;
  mrr_yen: number;
}

/** Commitments by status, the active ones (started, not ended by today) and their monthly value (yearly / 12), rounded to the yen. */
export async function commitmentsNow(db: DbOrTx, organisationId: string, today: string): Promise<CommitmentNow> {
  const { rows } = await sql<{ status: 'active' | 'paused' | 'failing' | 'cancelled'; n: number; active: number; mrr: string | null }>`
    SELECT status, count(*)::int AS n,
      count(*) FILTER (WHERE status = 'active' AND starts_on <= ${today}::date AND (ends_on IS NULL OR ends_on >= ${today}::date))::int AS active,
      sum(CASE WHEN frequency = 'monthly' THEN amount_yen::numeric ELSE amount_yen::numeric / 12 END)
        FILTER (WHERE status = 'active' AND starts_on <= ${today}::date AND (ends_on IS NULL OR ends_on >= ${today}::date))::text AS mrr
    FROM recurring_commitment WHERE organisation_id = ${organisationId}
    GROUP BY status`.execute(db);
  const by_status = { active: 0, paused: 0, failing: 0, cancelled: 0 };
  let active = 0;
  let mrr = 0;
  for (const r of rows) {
    by_status[r.status] = r.n;
    active += r.active;
    mrr += r.mrr === null ? 0 : Number(r.mrr);
  }
  return { by_status, active, mrr_yen: Math.round(mrr) };
}

// --- Breakdowns ----------------------------------------------------------------------------------

export interface YearParams {
  organisationId: string;
  from: string;
  to: string;
}

export interface BreakdownRowSql {
  /** 'total': the whole year, in one row. */
  dimension: 'campaign' | 'fund' | 'method' | 'prefecture' | 'total';
  key: string | null;
  code: string | null;
  label_ja: string | null;
  label_en: string | null;
  gifts: number;
  donors: number;
  giving_yen: number;
  net_yen: number;
}

/**
 * The year's entries (giving and books) grouped four ways in one pass: by campaign, fund, method
 * and the prefecture of the supporter's current address, and the year's total. Ordered by giving,
 * then books, largest first. GROUPING(campaign, fund, method, prefecture) tells the sets apart:
 * 7 = by campaign, 11 = by fund, 13 = by method, 14 = by prefecture, 15 = the total.
 */
export async function breakdowns(db: DbOrTx, p: YearParams): Promise<BreakdownRowSql[]> {
  const { rows } = await reporting(db, {}, (tx) => sql<BreakdownRowSql>`
    WITH e AS (
      SELECT g.supporter_id, g.amount_yen, g.campaign_id, g.fund_id, g.method, (${giving('g')}) AS is_giving,
        NULLIF(a.prefecture, '') AS prefecture
      FROM gift g
      LEFT JOIN supporter_address a ON a.supporter_id = g.supporter_id AND a.replaced_at IS NULL
      WHERE g.organisation_id = ${p.organisationId} AND g.received_on BETWEEN ${p.from}::date AND ${p.to}::date AND ${books('g')}
    ), grouped AS (
      SELECT GROUPING(e.campaign_id, e.fund_id, e.method, e.prefecture) AS set_id, e.campaign_id, e.fund_id, e.method, e.prefecture,
        count(*) FILTER (WHERE e.is_giving)::int AS gifts,
        count(DISTINCT e.supporter_id) FILTER (WHERE e.is_giving)::int AS donors,
        COALESCE(sum(e.amount_yen) FILTER (WHERE e.is_giving), 0)::bigint AS giving_yen,
        COALESCE(sum(e.amount_yen), 0)::bigint AS net_yen
      FROM e
      GROUP BY GROUPING SETS ((e.campaign_id), (e.fund_id), (e.method), (e.prefecture), ())
    )
    SELECT CASE x.set_id WHEN 7 THEN 'campaign' WHEN 11 THEN 'fund' WHEN 13 THEN 'method' WHEN 14 THEN 'prefecture' ELSE 'total' END AS dimension,
      CASE x.set_id WHEN 7 THEN x.campaign_id::text WHEN 11 THEN x.fund_id::text WHEN 13 THEN x.method WHEN 14 THEN x.prefecture END AS key,
      CASE x.set_id WHEN 7 THEN c.code WHEN 11 THEN f.code WHEN 13 THEN x.method WHEN 14 THEN x.prefecture END AS code,
      CASE x.set_id WHEN 7 THEN c.name_ja WHEN 11 THEN f.label_ja END AS label_ja,
      CASE x.set_id WHEN 7 THEN c.name_en WHEN 11 THEN f.label_en END AS label_en,
      x.gifts, x.donors, x.giving_yen, x.net_yen
    FROM grouped x
    LEFT JOIN campaign c ON x.set_id = 7 AND c.id = x.campaign_id
    LEFT JOIN fund f ON x.set_id = 11 AND f.id = x.fund_id
    ORDER BY 1, x.giving_yen DESC, x.net_yen DESC, 3 NULLS LAST`.execute(tx));
  return rows;
}

export interface TopGiftRow extends Partial<NameColumns> {
  gift_id: string;
  received_on: string;
  amount_yen: number;
  method: MissedRow['method'];
  supporter_id: string | null;
  supporter_number: string | null;
  campaign_code: string | null;
  fund_code: string;
}

/** The year's largest gifts (giving), the earlier first among equals. */
export async function topGifts(db: DbOrTx, p: YearParams, limit: number): Promise<TopGiftRow[]> {
  const { rows } = await sql<TopGiftRow>`
    SELECT g.id AS gift_id, to_char(g.received_on, 'YYYY-MM-DD') AS received_on, g.amount_yen, g.method, g.supporter_id,
      s.supporter_number, s.kind, s.family_name, s.given_name, s.family_name_kana, s.given_name_kana, s.organisation_name,
      s.organisation_name_kana, s.department, c.code AS campaign_code, f.code AS fund_code
    FROM gift g
    JOIN fund f ON f.id = g.fund_id
    LEFT JOIN campaign c ON c.id = g.campaign_id
    LEFT JOIN supporter s ON s.id = g.supporter_id
    WHERE g.organisation_id = ${p.organisationId} AND g.received_on BETWEEN ${p.from}::date AND ${p.to}::date AND ${giving('g')}
    ORDER BY g.amount_yen DESC, g.received_on, g.id
    LIMIT ${limit}`.execute(db);
  return rows;
}

// --- Campaign progress -----------------------------------------------------------------------------

export interface CampaignRow {
  id: string;
  code: string;
  name_ja: string;
  name_en: string;
  goal_yen: number | null;
  starts_on: string;
  ends_on: string | null;
}

export async function findCampaign(db: DbOrTx, organisationId: string, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaign').select(['id', 'code', 'name_ja', 'name_en', 'goal_yen', 'starts_on', 'ends_on'])
    .where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export interface CampaignGiftRow {
  /** The day or the week's Monday. */
  start: string;
  gifts: number;
  raised_yen: number;
  donors: number;
  /** Donors seen for the first time in this campaign in this period. */
  first_in_campaign: number;
  new_donors: number;
}

/**
 * The campaign's giving per day or week: gifts, yen, distinct donors, donors first seen in the
 * campaign in the period (for the running count of donors), and donors whose first gift ever to the
 * organisation is this campaign's in the period. Through gift_campaign_idx, then the donors' first
 * gifts through gift_supporter_idx.
 */
export async function campaignPeriods(db: DbOrTx, organisationId: string, campaignId: string, interval: 'day' | 'week'): Promise<CampaignGiftRow[]> {
  const bucket = interval === 'day' ? sql`g.received_on` : sql`date_trunc('week', g.received_on)::date`;
  const { rows } = await reporting(db, {}, (tx) => sql<CampaignGiftRow>`
    WITH cg AS (
      SELECT g.supporter_id, g.amount_yen, g.received_on, ${bucket} AS start
      FROM gift g
      WHERE g.organisation_id = ${organisationId} AND g.campaign_id = ${campaignId} AND ${giving('g')}
    ), donor AS (
      SELECT cg.supporter_id, min(cg.start) AS first_start, min(cg.received_on) AS first_here
      FROM cg WHERE cg.supporter_id IS NOT NULL GROUP BY cg.supporter_id
    ), firsts AS (
      SELECT d.first_start AS start, count(*)::int AS first_in_campaign,
        count(*) FILTER (WHERE NOT EXISTS (
          SELECT 1 FROM gift x WHERE x.organisation_id = ${organisationId} AND x.supporter_id = d.supporter_id AND x.received_on < d.first_here AND ${giving('x')}))::int AS new_donors
      FROM donor d GROUP BY d.first_start
    ), per AS (
      SELECT cg.start, count(*)::int AS gifts, sum(cg.amount_yen)::bigint AS raised_yen, count(DISTINCT cg.supporter_id)::int AS donors
      FROM cg GROUP BY cg.start
    )
    SELECT to_char(per.start, 'YYYY-MM-DD') AS start, per.gifts, per.raised_yen, per.donors,
      COALESCE(f.first_in_campaign, 0) AS first_in_campaign, COALESCE(f.new_donors, 0) AS new_donors
    FROM per LEFT JOIN firsts f ON f.start = per.start
    ORDER BY per.start`.execute(tx));
  return rows;
}

// --- Donor register --------------------------------------------------------------------------------

export interface RegisterRowSql extends NameColumns {
  gift_id: string;
  received_on: string;
  amount_yen: number;
  supporter_id: string;
  supporter_number: string;
  postal_code: string | null;
  prefecture: string | null;
  city: string | null;
  line1: string | null;
  line2: string | null;
}

/** The year's gifts (giving) from supporters on file, with each supporter's current address, oldest first. */
export async function registerRows(db: DbOrTx, p: YearParams, page: { limit: number; offset: number } | null): Promise<RegisterRowSql[]> {
  const { rows } = await sql<RegisterRowSql>`
    SELECT g.id AS gift_id, to_char(g.received_on, 'YYYY-MM-DD') AS received_on, g.amount_yen, g.supporter_id, s.supporter_number, ${nameColumns('s')},
      a.postal_code, a.prefecture, a.city, a.line1, a.line2
    FROM gift g
    JOIN supporter s ON s.id = g.supporter_id
    LEFT JOIN supporter_address a ON a.supporter_id = g.supporter_id AND a.replaced_at IS NULL
    WHERE g.organisation_id = ${p.organisationId} AND g.received_on BETWEEN ${p.from}::date AND ${p.to}::date AND ${giving('g')}
    ORDER BY g.received_on, s.supporter_number, g.id
    ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`.execute(db);
  return rows;
}

export interface RegisterSummaryRow {
  gifts: number;
  yen: number;
  anonymous_gifts: number;
  anonymous_yen: number;
}

export async function registerSummary(db: DbOrTx, p: YearParams): Promise<RegisterSummaryRow> {
  const { rows } = await sql<RegisterSummaryRow>`
    SELECT count(*) FILTER (WHERE g.supporter_id IS NOT NULL)::int AS gifts,
      COALESCE(sum(g.amount_yen) FILTER (WHERE g.supporter_id IS NOT NULL), 0)::bigint AS yen,
      count(*) FILTER (WHERE g.supporter_id IS NULL)::int AS anonymous_gifts,
      COALESCE(sum(g.amount_yen) FILTER (WHERE g.supporter_id IS NULL), 0)::bigint AS anonymous_yen
    FROM gift g
    WHERE g.organisation_id = ${p.organisationId} AND g.received_on BETWEEN ${p.from}::date AND ${p.to}::date AND ${giving('g')}`.execute(db);
  return rows[0] ?? { gifts: 0, yen: 0, anonymous_gifts: 0, anonymous_yen: 0 };
}

export interface PreparationRow {
  prepared_at: Date;
  prepared_by_name: string | null;
  gift_count: number;
  total_yen: number;
}

/** The latest preparation recorded of a year's register. */
export function latestPreparation(db: DbOrTx, organisationId: string, yearKind: YearKind, year: number): Promise<PreparationRow | undefined> {
  return db.selectFrom('donor_register_preparation as r').leftJoin('staff_user as u', 'u.id', 'r.prepared_by')
    .select(['r.prepared_at', 'u.display_name as prepared_by_name', 'r.gift_count', 'r.total_yen'])
    .where('r.organisation_id', '=', organisationId).where('r.year_kind', '=', yearKind).where('r.year', '=', year)
    .orderBy('r.prepared_at', 'desc').orderBy('r.id', 'desc').limit(1).executeTakeFirst();
}

export function insertPreparation(db: DbOrTx, row: { organisation_id: string; year_kind: YearKind; year: number; prepared_by: string; gift_count: number; total_yen: number }) {
  return db.insertInto('donor_register_preparation').values(row).returning(['id', 'prepared_at']).executeTakeFirstOrThrow();
}
