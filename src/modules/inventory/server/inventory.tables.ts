import type { Generated } from 'kysely';

/** Kysely's view of the stock tables in migrations/0008_stock_money_shelter.sql. */
export interface StockLocationTable {
  id: Generated<string>;
  organisation_id: string;
  name_ja: string;
  name_en: string;
  is_default: Generated<boolean>;
  is_active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
}

export interface StockLevelTable {
  organisation_id: string;
  item_code: string;
  location_id: string;
  /** '' when the item has no sizes. */
  size: Generated<string>;
  quantity: number;
  updated_at: Generated<Date>;
}

export interface StockMovementTable {
  id: Generated<string>;
  organisation_id: string;
  item_code: string;
  size: Generated<string>;
  kind: 'received' | 'given' | 'adjusted' | 'transferred';
  quantity: number;
  location_id: string;
  to_location_id: string | null;
  source: 'purchase' | 'donation' | null;
  donor_name: string | null;
  person_id: string | null;
  assistance_id: string | null;
  reason: string | null;
  note: Generated<string>;
  /** 'YYYY-MM-DD' (Tokyo). */
  occurred_on: string;
  recorded_by: string;
  created_at: Generated<Date>;
}

export interface InventoryTables {
  stock_location: StockLocationTable;
  stock_level: StockLevelTable;
  stock_movement: StockMovementTable;
}
