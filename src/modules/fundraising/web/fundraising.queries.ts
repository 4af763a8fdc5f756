import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, query } from '../../../web/api';
import type {
  Address, Campaign, CampaignProgress, Commitment, CommitmentDetail, CreateCampaignInput, CreateCommitmentInput, CreateGiftInput,
  CreateSupporterInput, DuplicateCandidate, DuplicateQuery, Fund, Gift, GiftList, MergePreview, PostalLookup, RefundInput, Supporter,
  SupporterGiving, SupporterList, SupporterMerge, UpdateCampaignInput, UpdateCommitmentInput, UpdateGiftInput, UpdateSupporterInput,
} from '../contract';

// What the web sends is the contracts' input (before defaults); what it reads is their output.
export type CreateSupporterBody = z.input<typeof CreateSupporterInput>;
export type UpdateSupporterBody = z.input<typeof UpdateSupporterInput>;
export type DuplicateBody = z.input<typeof DuplicateQuery>;
export type CreateGiftBody = z.input<typeof CreateGiftInput>;
export type UpdateGiftBody = z.input<typeof UpdateGiftInput>;
export type RefundBody = z.input<typeof RefundInput>;
export type CreateCampaignBody = z.input<typeof CreateCampaignInput>;
export type UpdateCampaignBody = z.input<typeof UpdateCampaignInput>;
export type CreateCommitmentBody = z.input<typeof CreateCommitmentInput>;
export type UpdateCommitmentBody = z.input<typeof UpdateCommitmentInput>;

const base = '/api/fundraising';

export const fundraisingKey = ['fundraising'] as const;
/** Everything about supporters (search, one supporter, their addresses, giving and merges). */
export const supportersKey = [...fundraisingKey, 'supporters'] as const;
export const supporterKey = (id: string) => [...supportersKey, 'one', id] as const;
/** Gifts in every list (a supporter's, the thank-you queue) and the figures computed from them. */
export const giftsKey = [...fundraisingKey, 'gifts'] as const;
export const campaignsKey = [...fundraisingKey, 'campaigns'] as const;
export const commitmentsKey = [...fundraisingKey, 'commitments'] as const;

/** Search as you type: kanji, kana, romaji, email, phone, 〒 or supporter number. */
export function supporterSearchQuery(q: string) {
  const text = q.trim();
  return queryOptions({
    queryKey: [...supportersKey, 'search', text],
    queryFn: () => api<SupporterList>(`${base}/supporters${query({ q: text, limit: 20 })}`),
    enabled: text !== '',
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export const supporterQuery = (id: string) =>
  queryOptions({ queryKey: [...supporterKey(id), 'details'], queryFn: () => api<Supporter>(`${base}/supporters/${id}`), staleTime: 30_000 });

export const supporterAddressesQuery = (id: string) =>
  queryOptions({ queryKey: [...supporterKey(id), 'addresses'], queryFn: () => api<{ addresses: Address[] }>(`${base}/supporters/${id}/addresses`) });

export const supporterGivingQuery = (id: string) =>
  queryOptions({ queryKey: [...giftsKey, 'giving', id], queryFn: () => api<SupporterGiving>(`${base}/supporters/${id}/giving`) });

export const supporterMergesQuery = (id: string) =>
  queryOptions({ queryKey: [...supporterKey(id), 'merges'], queryFn: () => api<{ merges: SupporterMerge[] }>(`${base}/supporters/${id}/merges`) });

/** 〒 → prefecture, city and town (Japan Post data): the same code always answers the same. */
export const postalCodeQuery = (code: string) =>
  queryOptions({
    queryKey: [...fundraisingKey, 'postal-code', code],
    queryFn: () => api<PostalLookup>(`${base}/postal-codes/${code}`),
    staleTime: Infinity,
    retry: false,
  });

/** Existing supporters who may be the one being typed in (no side effect on the server). */
export const duplicatesQuery = (probe: DuplicateBody) =>
  queryOptions({
    queryKey: [...supportersKey, 'duplicates', probe],
    queryFn: () => api<{ candidates: DuplicateCandidate[] }>(`${base}/supporters/duplicates`, { method: 'POST', body: probe }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const fundsQuery = queryOptions({
  queryKey: [...fundraisingKey, 'funds'],
  queryFn: () => api<{ funds: Fund[] }>(`${base}/funds`),
  staleTime: 60_000,
});

export const campaignsQuery = (includeArchived = false) =>
  queryOptions({
    queryKey: [...campaignsKey, 'list', includeArchived],
    queryFn: () => api<{ campaigns: Campaign[] }>(`${base}/campaigns${query({ includeArchived: includeArchived ? 'true' : undefined })}`),
    staleTime: 30_000,
  });

export const campaignProgressQuery = (id: string) =>
  queryOptions({ queryKey: [...giftsKey, 'campaign-progress', id], queryFn: () => api<CampaignProgress>(`${base}/campaigns/${id}/progress`) });

/** A supporter's gifts, newest first (refunds and their reversing entries included). */
export const supporterGiftsQuery = (supporterId: string) =>
  queryOptions({ queryKey: [...giftsKey, 'supporter', supporterId], queryFn: () => api<GiftList>(`${base}/gifts${query({ supporterId, limit: 200 })}`) });

/** The thank-you queue: received gifts nobody has thanked yet. */
export const unthankedGiftsQuery = queryOptions({
  queryKey: [...giftsKey, 'unthanked'],
  queryFn: () => api<GiftList>(`${base}/gifts${query({ unthanked: 'true', limit: 200 })}`),
});

export const supporterCommitmentsQuery = (supporterId: string) =>
  queryOptions({
    queryKey: [...commitmentsKey, 'supporter', supporterId],
    queryFn: () => api<{ commitments: Commitment[] }>(`${base}/commitments${query({ supporterId })}`),
  });

export function createSupporter(input: CreateSupporterBody) {
  return api<Supporter>(`${base}/supporters`, { method: 'POST', body: input });
}

export function updateSupporter(id: string, input: UpdateSupporterBody) {
  return api<Supporter>(`${base}/supporters/${id}`, { method: 'PATCH', body: input });
}

export function previewMerge(keptId: string, mergedId: string) {
  return api<MergePreview>(`${base}/supporters/merge-preview`, { method: 'POST', body: { keptId, mergedId } });
}

export function mergeSupporters(keptId: string, mergedId: string) {
  return api<SupporterMerge>(`${base}/supporters/merge`, { method: 'POST', body: { keptId, mergedId } });
}

export function undoMerge(mergeId: string) {
  return api<SupporterMerge>(`${base}/supporter-merges/${mergeId}/undo`, { method: 'POST' });
}

export function createCampaign(input: CreateCampaignBody) {
  return api<Campaign>(`${base}/campaigns`, { method: 'POST', body: input });
}

export function updateCampaign(id: string, input: UpdateCampaignBody) {
  return api<Campaign>(`${base}/campaigns/${id}`, { method: 'PATCH', body: input });
}

export function createGift(input: CreateGiftBody) {
  return api<Gift>(`${base}/gifts`, { method: 'POST', body: input });
}

export function updateGift(id: string, input: UpdateGiftBody) {
  return api<Gift>(`${base}/gifts/${id}`, { method: 'PATCH', body: input });
}

export function refundGift(id: string, input: RefundBody) {
  return api<{ gift: Gift; reversal: Gift }>(`${base}/gifts/${id}/refund`, { method: 'POST', body: input });
}

export function markThanked(ids: string[]) {
  return api<{ thanked: number }>(`${base}/gifts/thanked`, { method: 'POST', body: { ids } });
}

export function createCommitment(input: CreateCommitmentBody) {
  return api<Commitment>(`${base}/commitments`, { method: 'POST', body: input });
}

export function updateCommitment(id: string, input: UpdateCommitmentBody) {
  return api<CommitmentDetail>(`${base}/commitments/${id}`, { method: 'PATCH', body: input });
}
