import type { DbOrTx } from '../../../server/db/database';
import type { AuditQuery } from '../contract';

export interface AuditRow {
  organisationId: string | null;
  actorStaffUserId: string | null;
  actorApiTokenId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export function insertAuditEvent(db: DbOrTx, row: AuditRow) {
  return db
    .insertInto('audit_event')
    .values({
      organisation_id: row.organisationId,
      actor_staff_user_id: row.actorStaffUserId,
      actor_api_token_id: row.actorApiTokenId,
      action: row.action,
      entity_type: row.entityType,
      entity_id: row.entityId,
      ip: row.ip,
      details: JSON.stringify(row.details),
    })
    .execute();
}

export function listAuditEvents(db: DbOrTx, organisationId: string, query: AuditQuery) {
  let q = db
    .selectFrom('audit_event')
    .leftJoin('staff_user', 'staff_user.id', 'audit_event.actor_staff_user_id')
    .select([
      'audit_event.id',
      'audit_event.occurred_at',
      'audit_event.actor_staff_user_id',
      'staff_user.display_name as actor_name',
      'audit_event.actor_api_token_id',
      'audit_event.action',
      'audit_event.entity_type',
      'audit_event.entity_id',
      'audit_event.ip',
      'audit_event.details',
    ])
    .where('audit_event.organisation_id', '=', organisationId)
    .orderBy('audit_event.id', 'desc')
    .limit(query.limit + 1);
  if (query.entityType) q = q.where('audit_event.entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('audit_event.entity_id', '=', query.entityId);
  if (query.actorStaffUserId) q = q.where('audit_event.actor_staff_user_id', '=', query.actorStaffUserId);
  if (query.cursor) q = q.where('audit_event.id', '<', String(query.cursor));
  return q.execute();
}
