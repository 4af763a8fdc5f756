import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { BudgetLineTable } from './budgets.tables';

const lineColumns = ['id', 'name_ja', 'name_en', 'monthly_amount_yen', 'is_active', 'sort_order'] as const;

export type BudgetLineRow = NonNullable<Awaited<ReturnType<typeof findLine>>>;

export function findLine(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('budget_line').select(lineColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function listLines(db: DbOrTx, organisationId: string, includeRetired: boolean) {
  let query = db.selectFrom('budget_line').select(lineColumns).where('organisation_id', '=', organisationId);
  if (!includeRetired) query = query.where('is_active', '=', true);
  return query.orderBy('sort_order').orderBy('name_en').orderBy('id').execute();
}

export function insertLine(db: DbOrTx, row: Insertable<BudgetLineTable>) {
  return db.insertInto('budget_line').values(row).returning(lineColumns).executeTakeFirstOrThrow();
}

export function updateLine(db: DbOrTx, organisationId: string, id: string, patch: Omit<Updateable<BudgetLineTable>, 'id' | 'organisation_id'>) {
  return db.updateTable('budget_line').set(patch).where('organisation_id', '=', organisationId).where('id', '=', id).returning(lineColumns).executeTakeFirst();
}

/** Sets one month's amount of a line (monthStart 'YYYY-MM-01'). */
export function upsertMonthAmount(db: DbOrTx, lineId: string, monthStart: string, amountYen: number) {
  return db
    .insertInto('budget_line_month')
    .values({ budget_line_id: lineId, month: monthStart, amount_yen: amountYen })
    .onConflict((oc) => oc.columns(['budget_line_id', 'month']).doUpdateSet({ amount_yen: amountYen }))
    .execute();
}

export function deleteMonthAmount(db: DbOrTx, lineId: string, monthStart: string) {
  return db.deleteFrom('budget_line_month').where('budget_line_id', '=', lineId).where('month', '=', monthStart).execute();
}

/** The month overrides of the organisation's lines for months in [fromStart, toExclusive). */
export function listMonthAmounts(db: DbOrTx, organisationId: string, fromStart: string, toExclusive: string) {
  return db
    .selectFrom('budget_line_month')
    .innerJoin('budget_line', 'budget_line.id', 'budget_line_month.budget_line_id')
    .select(['budget_line_month.budget_line_id', sql<string>`to_char(budget_line_month.month, 'YYYY-MM')`.as('month'), 'budget_line_month.amount_yen'])
    .where('budget_line.organisation_id', '=', organisationId)
    .where('budget_line_month.month', '>=', fromStart)
    .where('budget_line_month.month', '<', toExclusive)
    .execute();
}

export interface SpendingRow {
  budget_line_id: string | null;
  /** 'YYYY-MM' when grouped by month, else null. */
  month: string | null;
  name_ja: string | null;
  name_en: string | null;
  aid_yen: number;
  lodging_yen: number;
}

/**
 * Money paid per budget line (null: no line), optionally per month, for dates in
 * [fromInclusive, toExclusive): the one definition of spending, used by the budgets page and the
 * reports. Aid with an amount counts on the day it was given, paid lodging on its first night.
 *
 * A read model: read-only, aggregated queries over the assistance module's `assistance` and the
 * shelter module's `paid_lodging` tables (the money paid against budget lines), kept here so
 * budgets do not depend on those modules' services for a sum. Nothing here writes to them.
 */
export async function spending(db: DbOrTx, organisationId: string, fromInclusive: string, toExclusive: string, byMonth: boolean): Promise<SpendingRow[]> {
  const month = byMonth ? sql`to_char(m.day, 'YYYY-MM')` : sql`NULL::text`;
  const result = await sql<SpendingRow>`
    SELECT m.budget_line_id, ${month} AS month, b.name_ja, b.name_en,
           sum(m.aid_yen)::bigint AS aid_yen, sum(m.lodging_yen)::bigint AS lodging_yen
      FROM (
        SELECT a.budget_line_id, a.given_on AS day, a.amount_yen AS aid_yen, 0 AS lodging_yen
          FROM assistance a
         WHERE a.organisation_id = ${organisationId} AND a.given_on >= ${fromInclusive}::date AND a.given_on < ${toExclusive}::date
           AND a.amount_yen IS NOT NULL
        UNION ALL
        SELECT l.budget_line_id, l.first_night_on, 0, l.cost_yen
          FROM paid_lodging l
         WHERE l.organisation_id = ${organisationId} AND l.first_night_on >= ${fromInclusive}::date AND l.first_night_on < ${toExclusive}::date
      ) m
      LEFT JOIN budget_line b ON b.id = m.budget_line_id
     GROUP BY m.budget_line_id, ${month}, b.name_ja, b.name_en, b.sort_order
     ORDER BY (m.budget_line_id IS NULL), b.sort_order, b.name_en, 2
  `.execute(db);
  // sum() of integers is bigint in PostgreSQL: it arrives as a string.
  return result.rows.map((r) => ({ ...r, aid_yen: Number(r.aid_yen), lodging_yen: Number(r.lodging_yen) }));
}
