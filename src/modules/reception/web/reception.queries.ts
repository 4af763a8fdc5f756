import { queryOptions } from '@tanstack/react-query';
import { api, query } from '../../../web/api';
import type { CreateVisitInput, Queue, Visit, VisitStatus } from '../contract';

export const visitsKey = ['visits'] as const;

/** Today's queue (Tokyo date on the server), refreshed every 3 s so every desk sees the same queue. */
export function queueQuery(date?: string) {
  return queryOptions({
    queryKey: [...visitsKey, date ?? 'today'],
    queryFn: () => api<Queue>(`/api/visits${query({ date })}`),
    refetchInterval: 3_000,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}

export function createVisit(input: CreateVisitInput) {
  return api<Visit>('/api/visits', { method: 'POST', body: input });
}

export function changeVisitStatus(id: string, status: VisitStatus) {
  return api<Visit>(`/api/visits/${id}`, { method: 'PATCH', body: { status } });
}
