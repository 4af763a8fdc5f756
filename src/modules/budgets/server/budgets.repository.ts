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
  month: string;
  spent_yen: number;
}

/**
 * Money spent per budget line (null: no line) and month, for dates in [fromStart, toExclusive).
 *
 * A read model: these are read-only, aggregated queries over the assistance module's `assistance`
 * and the shelter module's `paid_lodging` tables (the money paid against budget lines), kept here so
 * budgets do not depend on those modules' services for a sum. Nothing here writes to them.
 * Aid counts on its given_on, paid lodging on its first night.
 */
export async function spendingByLineAndMonth(db: DbOrTx, organisationId: string, fromStart: string, toExclusive: string): Promise<SpendingRow[]> {
  const aid = db
    .selectFrom('assistance')
    .select([
      'budget_line_id',
      sql<string>`to_char(given_on, 'YYYY-MM')`.as('month'),
      sql<string>`sum(amount_yen)`.as('spent_yen'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('given_on', '>=', fromStart)
    .where('given_on', '<', toExclusive)
    .where('amount_yen', 'is not', null)
    .groupBy(['budget_line_id', sql`to_char(given_on, 'YYYY-MM')`]);
  const lodging = db
    .selectFrom('paid_lodging')
    .select([
      'budget_line_id',
      sql<string>`to_char(first_night_on, 'YYYY-MM')`.as('month'),
      sql<string>`sum(cost_yen)`.as('spent_yen'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('first_night_on', '>=', fromStart)
    .where('first_night_on', '<', toExclusive)
    .groupBy(['budget_line_id', sql`to_char(first_night_on, 'YYYY-MM')`]);
  const rows = await db
    .selectFrom(aid.unionAll(lodging).as('spent'))
    .select(['spent.budget_line_id', 'spent.month', sql<string>`sum(spent.spent_yen)`.as('spent_yen')])
    .groupBy(['spent.budget_line_id', 'spent.month'])
    .execute();
  // sum() of integers is numeric/bigint in PostgreSQL: it arrives as a string.
  return rows.map((r) => ({ budget_line_id: r.budget_line_id, month: r.month, spent_yen: Number(r.spent_yen) }));
}
