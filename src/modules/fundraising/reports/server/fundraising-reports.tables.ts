import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of migrations/0017_fundraising_register.sql. */
export interface DonorRegisterPreparationTable {
  id: Generated<string>;
  organisation_id: string;
  year_kind: 'fiscal' | 'calendar';
  year: number;
  prepared_at: Generated<Date>;
  prepared_by: string | null;
  gift_count: number;
  /** bigint yen come back as numbers (see db/database.ts type parsers). */
  total_yen: ColumnType<number, number, number>;
}

export interface FundraisingReportTables {
  donor_register_preparation: DonorRegisterPreparationTable;
}
