import { queryOptions } from '@tanstack/react-query';
import { api, query } from '../../../web/api';
import type { AidItem, Assistance, AssistanceCheck, CreateAidItemInput, CreateAssistanceInput, UpdateAidItemInput } from '../contract';

export const catalogueKey = ['aid-items'] as const;

export const catalogueQuery = queryOptions({
  queryKey: catalogueKey,
  queryFn: () => api<{ items: AidItem[] }>('/api/aid-items'),
  staleTime: 60_000,
});

/** Stock left, last given and the per-person limit for an item, before the desk saves. */
export const assistanceCheckQuery = (personId: string, itemCode: string | null, size: string | null) =>
  queryOptions({
    queryKey: ['assistance-check', personId, itemCode, size],
    queryFn: () => api<AssistanceCheck>(`/api/assistance/check${query({ personId, itemCode, size })}`),
    enabled: !!itemCode,
  });

export function giveAid(input: CreateAssistanceInput) {
  return api<Assistance>('/api/assistance', { method: 'POST', body: input });
}

export function createAidItem(input: CreateAidItemInput) {
  return api<AidItem>('/api/aid-items', { method: 'POST', body: input });
}

export function updateAidItem(code: string, input: UpdateAidItemInput) {
  return api<AidItem>(`/api/aid-items/${code}`, { method: 'PATCH', body: input });
}

