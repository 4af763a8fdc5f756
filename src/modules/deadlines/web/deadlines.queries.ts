import { queryOptions } from '@tanstack/react-query';
import { api, query } from '../../../web/api';
import type { Deadline, DeadlineWithPerson } from '../contract';

export const deadlinesKey = ['deadlines'] as const;

export function personDeadlinesQuery(personId: string) {
  return queryOptions({
    queryKey: [...deadlinesKey, 'person', personId],
    queryFn: () => api<{ items: Deadline[] }>(`/api/people/${personId}/deadlines`),
    staleTime: 60_000,
  });
}

export function myDeadlinesQuery(days = 7) {
  return queryOptions({
    queryKey: [...deadlinesKey, 'mine', days],
    queryFn: () => api<{ items: DeadlineWithPerson[] }>(`/api/deadlines/mine${query({ days })}`),
    staleTime: 60_000,
  });
}
