import type { DbOrTx } from '../../../server/db/database';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { AidItemTable, AssistanceTable } from '../../../server/db/schema';

const itemColumns = [
  'code', 'name_ja', 'name_en', 'category', 'is_money', 'is_active', 'sort_order', 'unit', 'sizes', 'is_stock_tracked',
  'low_stock_threshold', 'limit_quantity', 'limit_days',
] as const;

export type AidItemRow = NonNullable<Awaited<ReturnType<typeof findAidItem>>>;

export function listAidItems(db: DbOrTx, organisationId: string) {
  return db.selectFrom('aid_item').select(itemColumns).where('organisation_id', '=', organisationId).orderBy('sort_order').orderBy('code').execute();
}

export function findAidItem(db: DbOrTx, organisationId: string, code: string) {
  return db.selectFrom('aid_item').select(itemColumns).where('organisation_id', '=', organisationId).where('code', '=', code).executeTakeFirst();
}

export function insertAidItems(db: DbOrTx, rows: Array<Insertable<AidItemTable>>) {
  return db.insertInto('aid_item').values(rows).onConflict((oc) => oc.doNothing()).returning(itemColumns).execute();
}

export function updateAidItem(db: DbOrTx, organisationId: string, code: string, patch: Omit<Updateable<AidItemTable>, 'organisation_id' | 'code'>) {
  return db.updateTable('aid_item').set(patch).where('organisation_id', '=', organisationId).where('code', '=', code).returning(itemColumns).executeTakeFirst();
}

const assistanceSelect = (db: DbOrTx) =>
  db
    .selectFrom('assistance')
    .innerJoin('aid_item', (join) =>
      join.onRef('aid_item.organisation_id', '=', 'assistance.organisation_id').onRef('aid_item.code', '=', 'assistance.item_code'),
    )
    .innerJoin('staff_user', 'staff_user.id', 'assistance.given_by')
    .select([
      'assistance.id', 'assistance.person_id', 'assistance.visit_id', 'assistance.item_code', 'aid_item.name_ja',
      'aid_item.name_en', 'aid_item.category', 'assistance.quantity', 'assistance.amount_yen', 'assistance.given_on',
      'assistance.given_by', 'staff_user.display_name as given_by_name', 'assistance.note', 'assistance.created_at',
      'assistance.size', 'assistance.location_id', 'assistance.budget_line_id', 'assistance.rule_override_reason',
    ]);

export type AssistanceRow = NonNullable<Awaited<ReturnType<typeof findAssistance>>>;

export function findAssistance(db: DbOrTx, organisationId: string, id: string) {
  return assistanceSelect(db).where('assistance.organisation_id', '=', organisationId).where('assistance.id', '=', id).executeTakeFirst();
}

export function listAssistanceOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return assistanceSelect(db)
    .where('assistance.organisation_id', '=', organisationId)
    .where('assistance.person_id', '=', personId)
    .orderBy('assistance.given_on', 'desc')
    .orderBy('assistance.created_at', 'desc')
    .limit(500)
    .execute();
}

export function insertAssistance(db: DbOrTx, row: Insertable<AssistanceTable>) {
  return db.insertInto('assistance').values(row).returning('id').executeTakeFirstOrThrow();
}

/**
 * Serialises, until the transaction ends, the giving of one item to one person: two desks cannot
 * both pass a per-person limit at the same second. Other people and items are not held up.
 */
export async function lockPersonItem(db: DbOrTx, personId: string, itemCode: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`assistance:${personId}:${itemCode}`}, 0))`.execute(db);
}

/** How much of an item a person was given after a day (exclusive), and the last day they got it at all. */
export async function givenToPerson(db: DbOrTx, organisationId: string, personId: string, itemCode: string, sinceExclusive: string) {
  const row = await db.selectFrom('assistance')
    .select([
      sql<string>`coalesce(sum(quantity) FILTER (WHERE given_on > ${sinceExclusive}::date), 0)`.as('given_in_period'),
      sql<string | null>`to_char(max(given_on), 'YYYY-MM-DD')`.as('last_given_on'),
    ])
    .where('organisation_id', '=', organisationId).where('person_id', '=', personId).where('item_code', '=', itemCode)
    .executeTakeFirstOrThrow();
  return { givenInPeriod: Number(row.given_in_period), lastGivenOn: row.last_given_on };
}
