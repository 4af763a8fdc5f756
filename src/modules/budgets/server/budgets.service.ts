import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { invalidField } from '../../../server/http/errors';
import type { AuditService } from '../../audit/server/audit.service';
import * as repo from './budgets.repository';

export function createBudgetsService(db: Db, audit: AuditService) {
  void db;
  void audit;
  return {
    /** Refuses (400, naming `field`) a budget line that is not this organisation's or is retired. */
    async assertUsableLine(tx: DbOrTx, ctx: RequestContext, id: string, field = 'budgetLineId'): Promise<void> {
      const line = await repo.findLine(tx, ctx.actor.organisationId, id);
      if (!line) throw invalidField('budget_line.not_found', field, 'invalid_choice');
      if (!line.is_active) throw invalidField('budget_line.inactive', field, 'invalid_choice');
    },
  };
}
export type BudgetsService = ReturnType<typeof createBudgetsService>;
