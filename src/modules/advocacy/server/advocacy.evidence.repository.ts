import { sql } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { StoredSealedColumns } from '../../cases/server/cases.sealing';

/*
 * The evidence read model: aggregated, read-only queries over other modules' tables (barrier_tag,
 * person, case_file, case_status_change, consultation, shelter_stay, shelter_waiting_entry,
 * case_event, task, assistance, visit), like the reports module's. Going through each module's
 * service would load rows to count them; evidence must aggregate in SQL. Nothing here writes.
 *
 * Every count is of distinct people on the grid of calendar months in Asia/Tokyo; a tag counts in
 * the month it was observed, under the barrier it was merged into when its own was merged.
 * Nothing here is published as such: the service bands every figure (../suppression.ts).
 */

export interface Period {
  organisationId: string;
  /** First day of the first month, 'YYYY-MM-DD'. */
  from: string;
  /** Last day of the last month. */
  to: string;
  /** Today in Tokyo. */
  today: string;
}

/** The barrier a tag counts under: its own, or the one it was merged into. */
const effectiveBarrier = sql<string>`COALESCE(b.merged_into_id, b.id)`;

export interface GridRow {
  barrier_id: string | null;
  month: string | null;
  people: number;
}

/** People per barrier per month, per barrier over the period, per month for any barrier, and in all. */
export async function barrierGrid(db: DbOrTx, p: Period): Promise<GridRow[]> {
  const { rows } = await sql<GridRow>`
    SELECT x.barrier_id, to_char(x.month, 'YYYY-MM') AS month, count(DISTINCT x.person_id)::int AS people
    FROM (
      SELECT ${effectiveBarrier} AS barrier_id, t.observed_month AS month, t.person_id
      FROM barrier_tag t JOIN barrier b ON b.id = t.barrier_id
      WHERE t.organisation_id = ${p.organisationId} AND t.removed_at IS NULL
        AND t.observed_month BETWEEN ${p.from}::date AND ${p.to}::date
    ) x
    GROUP BY GROUPING SETS ((x.barrier_id, x.month), (x.barrier_id), (x.month), ())`.execute(db);
  return rows;
}

export interface BreakdownRowSql {
  dimension: 'nationality' | 'sex' | 'ageBand' | 'residenceStatus';
  grp: string | null;
  people: number;
}

const affected = (p: Period, barrierId: string | null) => sql`
  SELECT DISTINCT t.person_id
  FROM barrier_tag t JOIN barrier b ON b.id = t.barrier_id
  WHERE t.organisation_id = ${p.organisationId} AND t.removed_at IS NULL
    AND t.observed_month BETWEEN ${p.from}::date AND ${p.to}::date
    ${barrierId ? sql`AND ${effectiveBarrier} = ${barrierId}` : sql``}`;

/**
 * The people affected (by any barrier, or by one), grouped by nationality, sex, age band at the
 * period's end (0–17, 18–29, 30–44, 45–64, 65+) and residence status. Unknown values group as null.
 */
export async function breakdowns(db: DbOrTx, p: Period, barrierId: string | null): Promise<BreakdownRowSql[]> {
  const { rows } = await sql<{ g_nat: number; g_sex: number; g_age: number; nationality: string | null; sex: string | null; age_band: string | null; residence_status: string | null; people: number }>`
    SELECT GROUPING(pe.nationality) AS g_nat, GROUPING(pe.sex) AS g_sex, GROUPING(ag.age_band) AS g_age,
      pe.nationality, pe.sex, ag.age_band, cf.residence_status, count(*)::int AS people
    FROM (${affected(p, barrierId)}) a
    JOIN person pe ON pe.id = a.person_id
    LEFT JOIN case_file cf ON cf.person_id = pe.id
    CROSS JOIN LATERAL (SELECT CASE
      WHEN pe.date_of_birth IS NULL THEN NULL
      WHEN date_part('year', age(${p.to}::date, pe.date_of_birth)) < 18 THEN '0-17'
      WHEN date_part('year', age(${p.to}::date, pe.date_of_birth)) < 30 THEN '18-29'
      WHEN date_part('year', age(${p.to}::date, pe.date_of_birth)) < 45 THEN '30-44'
      WHEN date_part('year', age(${p.to}::date, pe.date_of_birth)) < 65 THEN '45-64'
      ELSE '65+' END AS age_band) ag
    GROUP BY GROUPING SETS ((pe.nationality), (pe.sex), (ag.age_band), (cf.residence_status))`.execute(db);
  return rows.map((r) => {
    if (r.g_nat === 0) return { dimension: 'nationality', grp: r.nationality, people: r.people };
    if (r.g_sex === 0) return { dimension: 'sex', grp: r.sex, people: r.people };
    if (r.g_age === 0) return { dimension: 'ageBand', grp: r.age_band, people: r.people };
    return { dimension: 'residenceStatus', grp: r.residence_status, people: r.people };
  });
}

/** The sealed case-file fields of the people affected: the procedure stage is inside, opened by the service. */
export async function sealedFieldsOfAffected(db: DbOrTx, p: Period, barrierId: string | null): Promise<StoredSealedColumns[]> {
  const { rows } = await sql<StoredSealedColumns>`
    SELECT cf.sealed_fields, cf.residence_card_number, cf.custody, cf.procedure_stage, COALESCE(cf.vulnerabilities, '{}') AS vulnerabilities,
      COALESCE(cf.whereabouts, '') AS whereabouts
    FROM (${affected(p, barrierId)}) a LEFT JOIN case_file cf ON cf.person_id = a.person_id`.execute(db);
  return rows;
}

export interface DaysRow {
  month: string | null;
  people: number;
  median: number | null;
  p90: number | null;
  longest: number | null;
}

/**
 * Protection-allowance waits as of each month's end (or today, for this month): people who had
 * applied and had no decision yet, and the days they had waited. Months after today count nobody.
 * The last row (month null) is today's.
 */
export async function allowanceWaits(db: DbOrTx, p: Period): Promise<DaysRow[]> {
  const { rows } = await sql<DaysRow>`
    WITH days AS (
      SELECT to_char(m.month, 'YYYY-MM') AS month, (m.as_of - cf.allowance_applied_on) AS days
      FROM (
        SELECT g::date AS month, LEAST((g + interval '1 month - 1 day')::date, ${p.today}::date) AS as_of
        -- unnest(ARRAY(…)): PostgreSQL 15 guesses 1,000 rows for generate_series over dates (and
        -- JIT-compiles the join for 200 ms); as an array it knows the 12 months.
        FROM unnest(ARRAY(SELECT generate_series(${p.from}::date, LEAST(${p.to}::date, ${p.today}::date), interval '1 month'))) AS g
        UNION ALL SELECT NULL, ${p.today}::date
      ) m
      JOIN case_file cf ON cf.organisation_id = ${p.organisationId}
        AND cf.allowance_applied_on IS NOT NULL AND cf.allowance_applied_on <= m.as_of
        AND (cf.allowance_decided_on > m.as_of
             OR (cf.allowance_decided_on IS NULL AND cf.allowance_status IN ('awaiting', 'reapplied')))
    )
    SELECT month, count(*)::int AS people,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
      percentile_disc(0.9) WITHIN GROUP (ORDER BY days) AS p90,
      max(days) AS longest
    FROM days GROUP BY month`.execute(db);
  return rows.map((r) => ({ ...r, median: r.median === null ? null : Number(r.median), p90: r.p90 === null ? null : Number(r.p90), longest: r.longest === null ? null : Number(r.longest) }));
}

/**
 * People whose first shelter bed began in the period and who were sleeping rough before it: the
 * nights from the last housing change to "rough sleeping" until the check-in.
 */
export async function roughNightsBeforeBed(db: DbOrTx, p: Period): Promise<DaysRow> {
  const { rows } = await sql<DaysRow>`
    WITH first_stay AS (
      SELECT DISTINCT ON (s.person_id) s.person_id, s.check_in_on
      FROM shelter_stay s WHERE s.organisation_id = ${p.organisationId}
      ORDER BY s.person_id, s.check_in_on
    ), nights AS (
      SELECT f.check_in_on - h.effective_on AS days
      FROM first_stay f
      CROSS JOIN LATERAL (
        SELECT c.effective_on, c.new_value FROM case_status_change c
        WHERE c.person_id = f.person_id AND c.field = 'housing' AND c.effective_on <= f.check_in_on
          AND c.new_value IS DISTINCT FROM 'org_shelter'
        ORDER BY c.effective_on DESC, c.recorded_at DESC LIMIT 1
      ) h
      WHERE f.check_in_on BETWEEN ${p.from}::date AND ${p.to}::date AND h.new_value = 'rough_sleeping'
    )
    SELECT NULL AS month, count(*)::int AS people,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
      percentile_disc(0.9) WITHIN GROUP (ORDER BY days) AS p90, max(days) AS longest
    FROM nights`.execute(db);
  const r = rows[0] ?? { month: null, people: 0, median: null, p90: null, longest: null };
  return { ...r, median: r.median === null ? null : Number(r.median), p90: r.p90 === null ? null : Number(r.p90), longest: r.longest === null ? null : Number(r.longest) };
}

export interface MonthRow {
  month: string | null;
  people: number;
}

const byMonth = (inner: ReturnType<typeof sql>) => sql<MonthRow>`
  SELECT to_char(x.month, 'YYYY-MM') AS month, count(DISTINCT x.person_id)::int AS people
  FROM (${inner}) x GROUP BY GROUPING SETS ((x.month), ())`;

/** People whose waiting-list entry ended without a bed (withdrawn), by the month it ended. */
export async function shelterTurnAways(db: DbOrTx, p: Period): Promise<MonthRow[]> {
  const { rows } = await byMonth(sql`
    SELECT date_trunc('month', w.closed_on::timestamp) AS month, w.person_id FROM shelter_waiting_entry w
    WHERE w.organisation_id = ${p.organisationId} AND w.status = 'withdrawn' AND w.closed_on BETWEEN ${p.from}::date AND ${p.to}::date`).execute(db);
  return rows;
}

/**
 * People with a reporting date or interview (case events) or a follow-up task due in the month
 * that was not done by its day: done later, or still open after it.
 */
export async function deadlinesMissed(db: DbOrTx, p: Period): Promise<MonthRow[]> {
  const { rows } = await byMonth(sql`
    SELECT date_trunc('month', e.occurs_on::timestamp) AS month, e.person_id FROM case_event e
    WHERE e.organisation_id = ${p.organisationId} AND e.occurs_on BETWEEN ${p.from}::date AND ${p.to}::date
      AND ((e.done_at IS NULL AND e.occurs_on < ${p.today}::date) OR (e.done_at AT TIME ZONE 'Asia/Tokyo')::date > e.occurs_on)
    UNION ALL
    SELECT date_trunc('month', t.due_on::timestamp), t.person_id FROM task t
    WHERE t.organisation_id = ${p.organisationId} AND t.person_id IS NOT NULL AND t.due_on BETWEEN ${p.from}::date AND ${p.to}::date
      AND t.status <> 'cancelled'
      AND ((t.status = 'open' AND t.due_on < ${p.today}::date) OR (t.completed_at AT TIME ZONE 'Asia/Tokyo')::date > t.due_on)`).execute(db);
  return rows;
}

/**
 * People who speak neither Japanese nor English (the office's languages) and had a consultation
 * with no interpreter in one of their languages.
 */
export async function consultationsWithoutInterpreter(db: DbOrTx, p: Period): Promise<MonthRow[]> {
  const { rows } = await byMonth(sql`
    SELECT date_trunc('month', c.occurred_at AT TIME ZONE 'Asia/Tokyo') AS month, c.person_id
    FROM consultation c JOIN person pe ON pe.id = c.person_id
    WHERE c.organisation_id = ${p.organisationId}
      AND c.occurred_at >= (${p.from}::date::timestamp AT TIME ZONE 'Asia/Tokyo')
      AND c.occurred_at < ((${p.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')
      AND cardinality(pe.languages) > 0 AND NOT (pe.languages && ARRAY['ja', 'en'])
      AND (c.interpreter_language IS NULL OR NOT (c.interpreter_language = ANY (pe.languages)))`).execute(db);
  return rows;
}

/** The quotes of the period (newest first), with the barrier they count under. */
export async function quotes(db: DbOrTx, p: Period, limit = 200) {
  const { rows } = await sql<{ id: string; barrier_id: string; month: string; quote: string }>`
    SELECT t.id, ${effectiveBarrier} AS barrier_id, to_char(t.observed_month, 'YYYY-MM') AS month, t.quote
    FROM barrier_tag t JOIN barrier b ON b.id = t.barrier_id
    WHERE t.organisation_id = ${p.organisationId} AND t.removed_at IS NULL AND t.quote IS NOT NULL AND t.quote <> ''
      AND t.observed_month BETWEEN ${p.from}::date AND ${p.to}::date
    ORDER BY t.observed_on DESC, t.id LIMIT ${limit}`.execute(db);
  return rows;
}

// --- Public figures -------------------------------------------------------------------------------

/** Shelter nights provided in the dates (up to today) and the people housed, as the reports count them. */
export async function shelterNights(db: DbOrTx, p: Period): Promise<{ nights: number; people: number }> {
  const { rows } = await sql<{ nights: number; people: number }>`
    SELECT COALESCE(sum(GREATEST(0, LEAST(COALESCE(s.checked_out_on, s.expected_check_out_on), ${p.to}::date + 1, ${p.today}::date + 1) - GREATEST(s.check_in_on, ${p.from}::date))), 0)::int AS nights,
      count(DISTINCT s.person_id) FILTER (WHERE LEAST(COALESCE(s.checked_out_on, s.expected_check_out_on), ${p.to}::date + 1, ${p.today}::date + 1) > GREATEST(s.check_in_on, ${p.from}::date))::int AS people
    FROM shelter_stay s
    WHERE s.organisation_id = ${p.organisationId} AND s.check_in_on <= ${p.to}::date AND COALESCE(s.checked_out_on, s.expected_check_out_on) > ${p.from}::date`.execute(db);
  return rows[0] ?? { nights: 0, people: 0 };
}

/** Different people given food (aid items of category food) in the dates. */
export async function peopleFed(db: DbOrTx, p: Period): Promise<number> {
  const { rows } = await sql<{ people: number }>`
    SELECT count(DISTINCT a.person_id)::int AS people FROM assistance a
    JOIN aid_item i ON i.organisation_id = a.organisation_id AND i.code = a.item_code
    WHERE a.organisation_id = ${p.organisationId} AND i.category = 'food' AND a.given_on BETWEEN ${p.from}::date AND ${p.to}::date`.execute(db);
  return rows[0]?.people ?? 0;
}

/** Different people who came (a visit), were counselled or received aid in the dates. */
export async function peopleHelped(db: DbOrTx, p: Period): Promise<number> {
  const { rows } = await sql<{ people: number }>`
    SELECT count(DISTINCT x.person_id)::int AS people FROM (
      SELECT person_id FROM visit WHERE organisation_id = ${p.organisationId} AND visit_date BETWEEN ${p.from}::date AND ${p.to}::date
      UNION ALL SELECT person_id FROM assistance WHERE organisation_id = ${p.organisationId} AND given_on BETWEEN ${p.from}::date AND ${p.to}::date
      UNION ALL SELECT person_id FROM consultation WHERE organisation_id = ${p.organisationId}
        AND (occurred_at AT TIME ZONE 'Asia/Tokyo')::date BETWEEN ${p.from}::date AND ${p.to}::date
    ) x`.execute(db);
  return rows[0]?.people ?? 0;
}
