import { sql } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';

/*
 * A read model, like a reporting view: these read-only, aggregated queries read other modules'
 * tables (visit, consultation, assistance, aid_item, shelter_stay, paid_lodging, person) directly;
 * money per budget line comes from the budgets service, which owns the definition of spending. Going through each module's service would load rows to count them; reports
 * must aggregate in SQL instead. Nothing here writes. Every figure is per organisation.
 *
 * Merged person files count as their survivor (person.merged_into_id, one level: merging moves a
 * file's records to the survivor, so deeper chains hold no records of their own), and a person is
 * grouped by the survivor's nationality and sex.
 *
 * Nights (the same definition as the shelter module): a stay provides night N when
 * check_in_on <= N < COALESCE(checked_out_on, expected_check_out_on) and N <= today (Tokyo);
 * paid lodging provides first_night_on … first_night_on + nights − 1. Both are clipped to the range.
 */

export interface Range {
  organisationId: string;
  /** Inclusive dates 'YYYY-MM-DD'. */
  from: string;
  to: string;
  /** Today in Tokyo: later shelter nights have not happened yet. */
  today: string;
}

export interface GroupRow {
  by_nationality: number;
  by_sex: number;
  nationality: string | null;
  sex: string | null;
  people_helped: number;
  visits: number;
  consultations: number;
  aid_quantity: number;
  shelter_nights: number;
  lodging_nights: number;
}

/** Per-person activity in the range, summed per nationality, per sex and overall (GROUPING SETS). */
export async function activityGroups(db: DbOrTx, r: Range): Promise<GroupRow[]> {
  const from = sql`${r.from}::date`;
  const to = sql`${r.to}::date`;
  const today = sql`${r.today}::date`;
  const stayEnd = sql`COALESCE(s.checked_out_on, s.expected_check_out_on)`;
  const result = await sql<GroupRow>`
    WITH activity AS (
      SELECT v.person_id, 1 AS visits, 0 AS consultations, 0 AS aid_quantity, 0 AS shelter_nights, 0 AS lodging_nights
        FROM visit v
       WHERE v.organisation_id = ${r.organisationId} AND v.visit_date BETWEEN ${from} AND ${to}
      UNION ALL
      SELECT c.person_id, 0, 1, 0, 0, 0
        FROM consultation c
       WHERE c.organisation_id = ${r.organisationId}
         AND (c.occurred_at AT TIME ZONE 'Asia/Tokyo')::date BETWEEN ${from} AND ${to}
      UNION ALL
      SELECT a.person_id, 0, 0, a.quantity, 0, 0
        FROM assistance a
       WHERE a.organisation_id = ${r.organisationId} AND a.given_on BETWEEN ${from} AND ${to}
      UNION ALL
      SELECT s.person_id, 0, 0, 0, LEAST(${stayEnd}, ${to} + 1, ${today} + 1) - GREATEST(s.check_in_on, ${from}), 0
        FROM shelter_stay s
       WHERE s.organisation_id = ${r.organisationId}
         AND s.check_in_on <= LEAST(${to}, ${today}) AND ${stayEnd} > ${from} AND ${stayEnd} > s.check_in_on
      UNION ALL
      SELECT l.person_id, 0, 0, 0, 0, LEAST(l.first_night_on + l.nights, ${to} + 1) - GREATEST(l.first_night_on, ${from})
        FROM paid_lodging l
       WHERE l.organisation_id = ${r.organisationId} AND l.first_night_on <= ${to} AND l.first_night_on + l.nights > ${from}
    ),
    per_person AS (
      SELECT COALESCE(p.merged_into_id, p.id) AS person_key,
             sum(a.visits) AS visits, sum(a.consultations) AS consultations, sum(a.aid_quantity) AS aid_quantity,
             sum(a.shelter_nights) AS shelter_nights, sum(a.lodging_nights) AS lodging_nights
        FROM activity a JOIN person p ON p.id = a.person_id
       GROUP BY 1
    )
    SELECT GROUPING(sp.nationality)::int AS by_nationality, GROUPING(sp.sex)::int AS by_sex, sp.nationality, sp.sex,
           count(*)::int AS people_helped,
           COALESCE(sum(pp.visits), 0)::int AS visits,
           COALESCE(sum(pp.consultations), 0)::int AS consultations,
           COALESCE(sum(pp.aid_quantity), 0)::int AS aid_quantity,
           COALESCE(sum(pp.shelter_nights), 0)::int AS shelter_nights,
           COALESCE(sum(pp.lodging_nights), 0)::int AS lodging_nights
      FROM per_person pp JOIN person sp ON sp.id = pp.person_key
     GROUP BY GROUPING SETS ((), (sp.nationality), (sp.sex))
  `.execute(db);
  return result.rows;
}

export interface AidRow {
  is_category: number;
  item_code: string | null;
  name_ja: string | null;
  name_en: string | null;
  category: string;
  quantity: number;
  people: number;
  amount_yen: number;
}

/** Aid given in the range, per item and per category: quantity, different people, yen. */
export async function aidGroups(db: DbOrTx, r: Range): Promise<AidRow[]> {
  const result = await sql<AidRow>`
    SELECT GROUPING(a.item_code)::int AS is_category, a.item_code, i.name_ja, i.name_en, i.category,
           sum(a.quantity)::int AS quantity,
           count(DISTINCT COALESCE(p.merged_into_id, p.id))::int AS people,
           COALESCE(sum(a.amount_yen), 0)::bigint AS amount_yen
      FROM assistance a
      JOIN aid_item i ON i.organisation_id = a.organisation_id AND i.code = a.item_code
      JOIN person p ON p.id = a.person_id
     WHERE a.organisation_id = ${r.organisationId} AND a.given_on BETWEEN ${r.from}::date AND ${r.to}::date
     GROUP BY GROUPING SETS ((a.item_code, i.name_ja, i.name_en, i.category, i.sort_order), (i.category))
     ORDER BY is_category, min(i.sort_order), a.item_code, i.category
  `.execute(db);
  return result.rows;
}
