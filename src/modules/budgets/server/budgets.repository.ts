import type { DbOrTx } from '../../../server/db/database';

const lineColumns = ['id', 'name_ja', 'name_en', 'monthly_amount_yen', 'is_active', 'sort_order'] as const;

export type BudgetLineRow = NonNullable<Awaited<ReturnType<typeof findLine>>>;

export function findLine(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('budget_line').select(lineColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}
