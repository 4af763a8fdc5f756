import { infiniteQueryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, query } from '../../../web/api';
import type { AuditPage } from '../contract';

export type AuditPageData = z.infer<typeof AuditPage>;

/** The audit trail, newest first, page by page ("load more" follows nextCursor). */
export function auditQuery(entityType: string | null) {
  return infiniteQueryOptions({
    queryKey: ['audit', entityType ?? 'all'],
    queryFn: ({ pageParam }) => api<AuditPageData>(`/api/audit${query({ entityType, cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
