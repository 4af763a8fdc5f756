import type { Db } from '../../../server/db/database';
import type { AuditService } from '../../audit/server/audit.service';
import { createGiftsService } from './gifts.service';
import { createSupportersService } from './supporters.service';

/**
 * The fundraising module's core: supporters (with duplicates and merges) and gifts (with funds,
 * campaigns and commitments). It depends on no other module's people data: a fundraiser never
 * reaches people, case files or shelter, and a client who is also a donor is never linked.
 */
export function createFundraisingService(db: Db, audit: AuditService) {
  const supporters = createSupportersService(db, audit);
  const gifts = createGiftsService(db, audit, supporters);
  return { supporters, gifts };
}
export type FundraisingService = ReturnType<typeof createFundraisingService>;
