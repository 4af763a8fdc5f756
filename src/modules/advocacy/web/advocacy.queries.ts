import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, query } from '../../../web/api';
import type {
  AdvocacySettings,
  Barrier,
  BarrierChange,
  BarrierTag,
  BulkTagInput,
  BulkTagResult,
  CreateBarrierInput,
  CreateTagsInput,
  Evidence,
  QuoteWarning,
  Suggestion,
  TagsResult,
  UpdateAdvocacySettingsInput,
  UpdateBarrierInput,
  UpdateTagInput,
} from '../contract';

export type TagsResultBody = z.infer<typeof TagsResult>;
export type BulkTagResultBody = z.infer<typeof BulkTagResult>;

export const advocacyKey = ['advocacy'] as const;
/** The taxonomy (list and each barrier's history): invalidated together after a change. */
export const barriersKey = [...advocacyKey, 'barriers'] as const;
/** Evidence figures: invalidated when a tag changes. */
export const evidenceKey = [...advocacyKey, 'evidence'] as const;
/** One person's tags and suggestions. */
export const personTagsKey = (personId: string) => [...advocacyKey, 'person', personId] as const;

/** The barrier taxonomy: active barriers only (pickers), or every one with retired and merged ones (administration). */
export const barriersQuery = (includeRetired = false) =>
  queryOptions({
    queryKey: [...barriersKey, 'list', includeRetired],
    queryFn: () => api<{ barriers: Barrier[] }>(`/api/advocacy/barriers${query({ includeRetired: includeRetired ? 'true' : undefined })}`),
    staleTime: 60_000,
  });

export const barrierHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: [...barriersKey, 'history', id],
    queryFn: () => api<{ changes: BarrierChange[] }>(`/api/advocacy/barriers/${id}/history`),
  });

export const personTagsQuery = (personId: string) =>
  queryOptions({
    queryKey: [...personTagsKey(personId), 'tags'],
    queryFn: () => api<{ tags: BarrierTag[] }>(`/api/advocacy/tags${query({ personId })}`),
    staleTime: 30_000,
  });

/** Barriers the facts on file point to: shown to a person, never applied by themselves. */
export const suggestionsQuery = (personId: string) =>
  queryOptions({
    queryKey: [...personTagsKey(personId), 'suggestions'],
    queryFn: () => api<{ suggestions: Suggestion[] }>(`/api/advocacy/suggestions${query({ personId })}`),
    staleTime: 30_000,
  });

/** The period and narrowing of the evidence, as query parameters (EvidenceQuery). */
export type EvidenceParams = Record<string, string>;

export const evidenceQuery = (params: EvidenceParams) =>
  queryOptions({
    queryKey: [...evidenceKey, params],
    queryFn: () => api<Evidence>(`/api/advocacy/evidence${query(params)}`),
  });

/** What a quote seems to contain of the person; asked while typing (no side effect on the server). */
export const quoteCheckQuery = (personId: string, quote: string) =>
  queryOptions({
    queryKey: [...advocacyKey, 'quote-check', personId, quote],
    queryFn: () => api<{ warnings: QuoteWarning[] }>('/api/advocacy/quote-check', { method: 'POST', body: { personId, quote } }),
    staleTime: Infinity,
  });

export const settingsQuery = queryOptions({
  queryKey: [...advocacyKey, 'settings'],
  queryFn: () => api<AdvocacySettings>('/api/advocacy/settings'),
});

export function createBarrier(input: CreateBarrierInput) {
  return api<Barrier>('/api/advocacy/barriers', { method: 'POST', body: input });
}

export function updateBarrier(id: string, input: UpdateBarrierInput) {
  return api<Barrier>(`/api/advocacy/barriers/${id}`, { method: 'PATCH', body: input });
}

export function mergeBarrier(id: string, intoId: string) {
  return api<Barrier>(`/api/advocacy/barriers/${id}/merge`, { method: 'POST', body: { intoId } });
}

export function createTags(input: CreateTagsInput) {
  return api<TagsResultBody>('/api/advocacy/tags', { method: 'POST', body: input });
}

export function bulkTag(input: BulkTagInput) {
  return api<BulkTagResultBody>('/api/advocacy/tags/bulk', { method: 'POST', body: input });
}

export function updateTag(id: string, input: UpdateTagInput) {
  return api<BarrierTag>(`/api/advocacy/tags/${id}`, { method: 'PATCH', body: input });
}

/** Takes a mistaken tag off (the server keeps it as removed, out of every figure). */
export function deleteTag(id: string) {
  return api<unknown>(`/api/advocacy/tags/${id}`, { method: 'DELETE' });
}

export function updateSettings(input: z.infer<typeof UpdateAdvocacySettingsInput>) {
  return api<AdvocacySettings>('/api/advocacy/settings', { method: 'PATCH', body: input });
}
