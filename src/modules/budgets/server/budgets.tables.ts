import type { Generated } from 'kysely';

/** Kysely's view of the budget tables in migrations/0008_stock_money_shelter.sql. */
export interface BudgetLineTable {
  id: Generated<string>;
  organisation_id: string;
  name_ja: string;
  name_en: string;
  monthly_amount_yen: number;
  is_active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
}

export interface BudgetLineMonthTable {
  budget_line_id: string;
  /** The first day of the month, 'YYYY-MM-01'. */
  month: string;
  amount_yen: number;
}

export interface BudgetTables {
  budget_line: BudgetLineTable;
  budget_line_month: BudgetLineMonthTable;
}
