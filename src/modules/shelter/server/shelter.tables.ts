import type { Generated } from 'kysely';

/** Kysely's view of the shelter tables in migrations/0008_stock_money_shelter.sql. Dates are 'YYYY-MM-DD'. */
export type BedUse = 'women' | 'families' | 'men' | 'any';

export interface ShelterFacilityTable {
  id: Generated<string>;
  organisation_id: string;
  name_ja: string;
  name_en: string;
  note: Generated<string>;
  is_active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
}

export interface ShelterRoomTable {
  id: Generated<string>;
  organisation_id: string;
  facility_id: string;
  name: string;
  allowed_use: BedUse;
  is_active: Generated<boolean>;
  sort_order: Generated<number>;
}

export interface ShelterBedTable {
  id: Generated<string>;
  organisation_id: string;
  room_id: string;
  label: string;
  is_active: Generated<boolean>;
  sort_order: Generated<number>;
}

export interface ShelterWaitingEntryTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  listed_on: string;
  needs: Generated<BedUse>;
  with_children: Generated<boolean>;
  is_pregnant: Generated<boolean>;
  is_ill: Generated<boolean>;
  is_rough_sleeping: Generated<boolean>;
  note: Generated<string>;
  status: Generated<'waiting' | 'housed' | 'withdrawn'>;
  closed_on: string | null;
  closed_reason: string | null;
  listed_by: string;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface ShelterStayTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  bed_id: string;
  check_in_on: string;
  expected_check_out_on: string;
  checked_out_on: string | null;
  waiting_entry_id: string | null;
  note: Generated<string>;
  created_by: string;
  created_at: Generated<Date>;
  checked_out_by: string | null;
  version: Generated<number>;
}

export interface PaidLodgingTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  kind: 'hotel' | 'net_cafe' | 'other';
  place_name: Generated<string>;
  first_night_on: string;
  nights: number;
  cost_yen: number;
  budget_line_id: string | null;
  note: Generated<string>;
  recorded_by: string;
  created_at: Generated<Date>;
}

export interface ShelterTables {
  shelter_facility: ShelterFacilityTable;
  shelter_room: ShelterRoomTable;
  shelter_bed: ShelterBedTable;
  shelter_waiting_entry: ShelterWaitingEntryTable;
  shelter_stay: ShelterStayTable;
  paid_lodging: PaidLodgingTable;
}
