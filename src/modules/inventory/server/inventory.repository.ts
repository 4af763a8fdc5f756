import { sql, type Insertable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { StockLocationTable, StockMovementTable } from './inventory.tables';

const locationColumns = ['id', 'name_ja', 'name_en', 'is_default', 'is_active', 'sort_order'] as const;
export type LocationRow = NonNullable<Awaited<ReturnType<typeof findLocation>>>;

export function listLocations(db: DbOrTx, organisationId: string) {
  return db.selectFrom('stock_location').select(locationColumns).where('organisation_id', '=', organisationId)
    .orderBy('is_default', 'desc').orderBy('sort_order').orderBy('name_en').execute();
}

export function findLocation(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('stock_location').select(locationColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function findDefaultLocation(db: DbOrTx, organisationId: string) {
  return db.selectFrom('stock_location').select(locationColumns).where('organisation_id', '=', organisationId).where('is_default', '=', true).executeTakeFirst();
}

export function insertLocation(db: DbOrTx, row: Insertable<StockLocationTable>) {
  return db.insertInto('stock_location').values(row).returning(locationColumns).executeTakeFirstOrThrow();
}

export function updateLocation(db: DbOrTx, organisationId: string, id: string, patch: { name_ja?: string; name_en?: string; is_default?: boolean; is_active?: boolean; sort_order?: number }) {
  return db.updateTable('stock_location').set(patch).where('organisation_id', '=', organisationId).where('id', '=', id).returning(locationColumns).executeTakeFirst();
}

/** Clears the default flag of the organisation's locations (before another becomes the default). */
export function clearDefaultLocation(db: DbOrTx, organisationId: string) {
  return db.updateTable('stock_location').set({ is_default: false }).where('organisation_id', '=', organisationId).where('is_default', '=', true).execute();
}

/** The catalogue columns stock needs (the aid_item table belongs to the assistance module; read only here). */
const stockItemColumns = ['code', 'name_ja', 'name_en', 'category', 'unit', 'sizes', 'is_active', 'is_stock_tracked', 'low_stock_threshold'] as const;

export function findStockItem(db: DbOrTx, organisationId: string, code: string) {
  return db.selectFrom('aid_item')
    .select(stockItemColumns)
    .where('organisation_id', '=', organisationId).where('code', '=', code).executeTakeFirst();
}
export type StockItemRow = NonNullable<Awaited<ReturnType<typeof findStockItem>>>;

export function listTrackedItems(db: DbOrTx, organisationId: string) {
  return db.selectFrom('aid_item')
    .select(stockItemColumns)
    .where('organisation_id', '=', organisationId).where('is_stock_tracked', '=', true).where('is_active', '=', true)
    .orderBy('sort_order').orderBy('code').execute();
}

const levelSelect = (db: DbOrTx) =>
  db.selectFrom('stock_level')
    .innerJoin('stock_location', 'stock_location.id', 'stock_level.location_id')
    .select(['stock_level.item_code', 'stock_level.location_id', 'stock_location.name_ja', 'stock_location.name_en', 'stock_level.size', 'stock_level.quantity']);
export type LevelRow = Awaited<ReturnType<typeof listLevels>>[number];

/** Every level of the organisation's items (zero levels too: a location that ran out shows 0). */
export function listLevels(db: DbOrTx, organisationId: string, itemCodes?: string[]) {
  let q = levelSelect(db).where('stock_level.organisation_id', '=', organisationId);
  if (itemCodes) {
    if (itemCodes.length === 0) return Promise.resolve([]);
    q = q.where('stock_level.item_code', 'in', itemCodes);
  }
  return q.orderBy('stock_level.item_code').orderBy('stock_location.is_default', 'desc').orderBy('stock_location.sort_order')
    .orderBy('stock_location.name_en').orderBy('stock_level.size').execute();
}

export function findLevels(db: DbOrTx, organisationId: string, itemCode: string, locationIds: string[], size: string) {
  return levelSelect(db).where('stock_level.organisation_id', '=', organisationId).where('stock_level.item_code', '=', itemCode)
    .where('stock_level.location_id', 'in', locationIds).where('stock_level.size', '=', size).execute();
}

/** The total of an item (of one size, when given) across locations. */
export async function sumLevel(db: DbOrTx, organisationId: string, itemCode: string, size?: string, locationId?: string): Promise<number> {
  let q = db.selectFrom('stock_level').select(sql<string>`coalesce(sum(quantity), 0)`.as('total'))
    .where('organisation_id', '=', organisationId).where('item_code', '=', itemCode);
  if (size !== undefined) q = q.where('size', '=', size);
  if (locationId !== undefined) q = q.where('location_id', '=', locationId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Adds to a level (creating it at the quantity); returns the new quantity. */
export async function addToLevel(db: DbOrTx, key: { organisationId: string; itemCode: string; locationId: string; size: string }, quantity: number): Promise<number> {
  const row = await db.insertInto('stock_level')
    .values({ organisation_id: key.organisationId, item_code: key.itemCode, location_id: key.locationId, size: key.size, quantity })
    .onConflict((oc) => oc.columns(['organisation_id', 'item_code', 'location_id', 'size']).doUpdateSet({
      quantity: sql<number>`stock_level.quantity + excluded.quantity`,
      updated_at: sql<Date>`now()`,
    }))
    .returning('quantity').executeTakeFirstOrThrow();
  return row.quantity;
}

/**
 * Takes from a level only when enough is there, in one conditional UPDATE: two desks taking the
 * last coat at once cannot both succeed (the second re-checks the row after the first commits).
 * Returns the new quantity, or undefined when there was not enough.
 */
export async function takeFromLevel(db: DbOrTx, key: { organisationId: string; itemCode: string; locationId: string; size: string }, quantity: number): Promise<number | undefined> {
  const row = await db.updateTable('stock_level')
    .set({ quantity: sql<number>`quantity - ${quantity}`, updated_at: sql<Date>`now()` })
    .where('organisation_id', '=', key.organisationId).where('item_code', '=', key.itemCode)
    .where('location_id', '=', key.locationId).where('size', '=', key.size)
    .where('quantity', '>=', quantity)
    .returning('quantity').executeTakeFirst();
  return row?.quantity;
}

export function insertMovement(db: DbOrTx, row: Insertable<StockMovementTable>) {
  return db.insertInto('stock_movement').values(row).returning('id').executeTakeFirstOrThrow();
}

const movementSelect = (db: DbOrTx) =>
  db.selectFrom('stock_movement as m')
    .innerJoin('aid_item as i', (j) => j.onRef('i.organisation_id', '=', 'm.organisation_id').onRef('i.code', '=', 'm.item_code'))
    .innerJoin('stock_location as l', 'l.id', 'm.location_id')
    .leftJoin('stock_location as tl', 'tl.id', 'm.to_location_id')
    .innerJoin('staff_user as s', 's.id', 'm.recorded_by')
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .select([
      'm.id', 'm.item_code', 'i.name_ja as item_name_ja', 'i.name_en as item_name_en', 'm.size', 'm.kind', 'm.quantity',
      'm.location_id', 'l.name_ja as location_name_ja', 'l.name_en as location_name_en',
      'm.to_location_id', 'tl.name_ja as to_location_name_ja', 'tl.name_en as to_location_name_en',
      'm.source', 'm.donor_name', 'm.reason', 'm.note', 'm.occurred_on', 'm.recorded_by', 's.display_name as recorded_by_name', 'm.created_at',
      'm.assistance_id', 'm.person_id',
      'p.file_number', 'p.family_name', 'p.given_name', 'p.name_in_own_script', 'p.name_kana', 'p.date_of_birth',
      'p.date_of_birth_estimated', 'p.sex', 'p.nationality',
    ]);
export type MovementRow = NonNullable<Awaited<ReturnType<typeof findMovement>>>;

export function findMovement(db: DbOrTx, organisationId: string, id: string) {
  return movementSelect(db).where('m.organisation_id', '=', organisationId).where('m.id', '=', id).executeTakeFirst();
}

/** Movements newest first (by day, then by when they were recorded). */
export function listMovements(db: DbOrTx, organisationId: string, options: { itemCode?: string; limit: number; offset: number }) {
  let q = movementSelect(db).where('m.organisation_id', '=', organisationId);
  if (options.itemCode) q = q.where('m.item_code', '=', options.itemCode);
  return q.orderBy('m.occurred_on', 'desc').orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(options.limit).offset(options.offset).execute();
}
