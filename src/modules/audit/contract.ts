import { z } from 'zod';

export const AuditEvent = z.object({
  id: z.number(),
  occurredAt: z.iso.datetime({ offset: true }),
  actorStaffUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  viaApiToken: z.boolean(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(80).optional(),
  actorStaffUserId: z.uuid().optional(),
  /** Events older than this id (the `nextCursor` of the previous page). */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEvent), nextCursor: z.number().nullable() });
