import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { tokyoDate } from '../../../../shared/time';
import type { BatchItemReason, BatchStatus, ReceiptKind, ReceiptSummary } from '../contract';

// Literal keys (not built from the value), so the catalogue test sees every one of them.
const kindKeys = { single: 'ui.receipts.kind.single', annual: 'ui.receipts.kind.annual' } as const satisfies Record<ReceiptKind, string>;

const reasonKeys = {
  already_receipted: 'ui.receipts.reason.already_receipted',
  below_threshold: 'ui.receipts.reason.below_threshold',
  possible_duplicate: 'ui.receipts.reason.possible_duplicate',
  merged: 'ui.receipts.reason.merged',
  no_contact: 'ui.receipts.reason.no_contact',
  no_address: 'ui.receipts.reason.no_address',
  no_gifts: 'ui.receipts.reason.no_gifts',
  error: 'ui.receipts.reason.error',
} as const satisfies Record<z.infer<typeof BatchItemReason>, string>;

const batchStatusKeys = {
  pending: 'ui.receipts.batchStatus.pending',
  running: 'ui.receipts.batchStatus.running',
  done: 'ui.receipts.batchStatus.done',
} as const satisfies Record<z.infer<typeof BatchStatus>, string>;

export const kindLabel = (t: TFunction, kind: ReceiptKind) => t(kindKeys[kind]);
export const reasonLabel = (t: TFunction, reason: z.infer<typeof BatchItemReason>) => t(reasonKeys[reason]);
export const batchStatusLabel = (t: TFunction, status: z.infer<typeof BatchStatus>) => t(batchStatusKeys[status]);

/** A receipt's state in words (never by colour alone): valid, a reissue, or void. */
export function receiptState(t: TFunction, r: Pick<ReceiptSummary, 'voidedAt' | 'reissueNumber'>): { label: string; color: string } {
  if (r.voidedAt) return { label: t('ui.receipts.status.voided'), color: 'red.9' };
  if (r.reissueNumber !== null) return { label: t('ui.receipts.status.reissued', { n: r.reissueNumber }), color: 'yellow.3' };
  return { label: t('ui.receipts.status.valid'), color: 'teal.9' };
}

/** The calendar year now in Tokyo. */
export function currentYear(): number {
  return Number(tokyoDate().slice(0, 4));
}

/** The years a receipt can be asked for: this year and the ones before, newest first. */
export function recentYears(count = 8): number[] {
  const now = currentYear();
  return Array.from({ length: count }, (_, i) => now - i);
}
