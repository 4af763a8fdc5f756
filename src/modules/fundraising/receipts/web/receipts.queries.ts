import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, query } from '../../../../web/api';
import type {
  BatchItem, BatchProgress, CreateReceiptBatchInput, IssueAnnualReceiptInput, IssueSingleReceiptInput, Receipt, ReceiptBatch, ReceiptKind,
  ReceiptLanguage, ReceiptList, ReceiptSettings, UpdateReceiptSettingsInput,
} from '../contract';

// What the web sends is the contracts' input (before defaults); what it reads is their output.
export type UpdateReceiptSettingsBody = z.input<typeof UpdateReceiptSettingsInput>;
export type IssueSingleReceiptBody = z.input<typeof IssueSingleReceiptInput>;
export type IssueAnnualReceiptBody = z.input<typeof IssueAnnualReceiptInput>;
export type CreateReceiptBatchBody = z.input<typeof CreateReceiptBatchInput>;

const base = '/api/fundraising';

/** Everything of the receipts room: the list, batches and settings are invalidated together after a change. */
export const receiptsKey = ['fundraising', 'receipts'] as const;
const settingsKey = [...receiptsKey, 'settings'] as const;
const batchesKey = [...receiptsKey, 'batches'] as const;

export const receiptSettingsQuery = queryOptions({
  queryKey: settingsKey,
  queryFn: () => api<ReceiptSettings>(`${base}/receipt-settings`),
});

/** The seal image as the settings hold it now (an <img> source; the version makes a new seal show at once). */
export const sealImageUrl = (version: number) => `${base}/receipt-settings/seal${query({ v: version })}`;

export interface ReceiptFilters {
  year?: number | undefined;
  kind?: ReceiptKind | undefined;
  supporterId?: string | undefined;
  limit?: number;
  offset?: number;
}

export const receiptsQuery = (filters: ReceiptFilters) =>
  queryOptions({
    queryKey: [...receiptsKey, 'list', filters],
    queryFn: () => api<ReceiptList>(`${base}/receipts${query({ ...filters })}`),
    placeholderData: keepPreviousData,
  });

export const receiptBatchesQuery = queryOptions({
  queryKey: batchesKey,
  queryFn: () => api<{ batches: ReceiptBatch[] }>(`${base}/receipt-batches`),
});

/** The supporters of a batch that ended with this status (skipped ones with their reason). */
export const batchItemsQuery = (batchId: string, status: 'skipped' | 'failed') =>
  queryOptions({
    queryKey: [...batchesKey, batchId, 'items', status],
    queryFn: () => api<{ items: BatchItem[]; total: number }>(`${base}/receipt-batches/${batchId}/items${query({ status, limit: 500 })}`),
  });

/** The receipt as PDF, in its own language or the one asked (a voided one only as a copy marked VOID). */
export function receiptPdfUrl(id: string, options: { language?: ReceiptLanguage; voidCopy?: boolean } = {}): string {
  return `${base}/receipts/${id}/pdf${query({ language: options.language, voidCopy: options.voidCopy ? 'true' : undefined })}`;
}

/** Every valid receipt of a batch: one PDF (a page each) or a ZIP of one PDF per receipt. */
export function batchFileUrl(id: string, format: 'pdf' | 'zip'): string {
  return `${base}/receipt-batches/${id}/file${query({ format })}`;
}

export function saveReceiptSettings(input: UpdateReceiptSettingsBody) {
  return api<ReceiptSettings>(`${base}/receipt-settings`, { method: 'PUT', body: input });
}

export function issueSingleReceipt(input: IssueSingleReceiptBody) {
  return api<Receipt>(`${base}/receipts`, { method: 'POST', body: input });
}

export function issueAnnualReceipt(input: IssueAnnualReceiptBody) {
  return api<Receipt>(`${base}/receipts/annual`, { method: 'POST', body: input });
}

export function reissueReceipt(id: string, reason: string) {
  return api<Receipt>(`${base}/receipts/${id}/reissue`, { method: 'POST', body: { reason } });
}

export function voidReceipt(id: string, reason: string) {
  return api<Receipt>(`${base}/receipts/${id}/void`, { method: 'POST', body: { reason } });
}

export function createReceiptBatch(input: CreateReceiptBatchBody) {
  return api<ReceiptBatch>(`${base}/receipt-batches`, { method: 'POST', body: input });
}

/** Processes the next supporters of the batch; call again until the status is done. */
export function runReceiptBatch(id: string, limit: number) {
  return api<BatchProgress>(`${base}/receipt-batches/${id}/run${query({ limit })}`, { method: 'POST' });
}
