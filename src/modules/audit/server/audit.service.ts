import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import type { AuditEvent, AuditQuery } from '../contract';
import { insertAuditEvent, listAuditEvents } from './audit.repository';

export type AuditAction = 'read' | 'search' | 'create' | 'update' | 'delete' | 'login' | 'login_failed' | 'login_blocked' | 'unlock' | 'logout' | 'merge' | 'unmerge' | 'export';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  /** Which fields changed, counts, codes: never names, notes or other personal values. */
  details?: Record<string, unknown>;
}

export function createAuditService(db: Db) {
  return {
    /** Records one event, inside the caller's transaction so it lands with the write or not at all. */
    async record(tx: DbOrTx, ctx: RequestContext, entry: AuditEntry) {
      await insertAuditEvent(tx, {
        organisationId: ctx.actor.organisationId,
        actorStaffUserId: ctx.actor.staffUserId,
        actorApiTokenId: ctx.actor.apiTokenId,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        ip: ctx.ip,
        details: entry.details ?? {},
      });
    },

    /** Records an event with no staff context yet (a failed login). */
    async recordAnonymous(tx: DbOrTx, entry: AuditEntry & { organisationId: string | null; staffUserId: string | null; ip: string }) {
      await insertAuditEvent(tx, {
        organisationId: entry.organisationId,
        actorStaffUserId: entry.staffUserId,
        actorApiTokenId: null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        ip: entry.ip,
        details: entry.details ?? {},
      });
    },

    /** One page of the organisation's audit trail, newest first. */
    async list(ctx: RequestContext, query: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: number | null }> {
      const rows = await listAuditEvents(db, ctx.actor.organisationId, query);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((r) => ({
          id: Number(r.id),
          occurredAt: r.occurred_at.toISOString(),
          actorStaffUserId: r.actor_staff_user_id,
          actorName: r.actor_name,
          viaApiToken: r.actor_api_token_id !== null,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          ip: r.ip,
          details: r.details,
        })),
        nextCursor: rows.length > query.limit ? Number(page[page.length - 1]?.id) : null,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
