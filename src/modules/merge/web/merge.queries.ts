import { queryOptions } from '@tanstack/react-query';
import { api, query } from '../../../web/api';
import type { CreateMergeInput, MergePreview, PersonMerge, UndoResult } from '../contract';

export const mergeKey = ['merges'] as const;

export function mergePreviewQuery(survivorId: string, otherId: string) {
  return queryOptions({
    queryKey: [...mergeKey, 'preview', survivorId, otherId],
    queryFn: () => api<MergePreview>(`/api/people/${survivorId}/merge-preview${query({ otherId })}`),
    // Always compare fresh versions: a stale one is refused at confirm time.
    staleTime: 0,
    retry: false,
  });
}

export function mergesQuery(personId: string) {
  return queryOptions({
    queryKey: [...mergeKey, 'person', personId],
    queryFn: () => api<{ items: PersonMerge[] }>(`/api/people/${personId}/merges`),
  });
}

export function createMerge(input: CreateMergeInput) {
  return api<PersonMerge>('/api/people/merges', { method: 'POST', body: input });
}

export function undoMerge(id: string) {
  return api<UndoResult>(`/api/people/merges/${id}/undo`, { method: 'POST' });
}
