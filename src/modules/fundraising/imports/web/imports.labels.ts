import type { TFunction } from 'i18next';
import type { DuplicateReason } from '../../contract';
import type { ImportBatch, ImportMatch } from '../batches.contract';
import type { ImportSource, ImportTarget } from '../imports.contract';

// Literal keys (not built from the value), so the catalogue test sees every one of them.

const grouping = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

/** Yen as the office writes it in both languages: ¥12,500. */
export function yen(amount: number): string {
  return `${amount < 0 ? '−' : ''}¥${grouping.format(Math.abs(amount))}`;
}

export type TargetGroup = 'gift' | 'donor' | 'address' | 'other';

/** The targets a column can feed, grouped as the mapping screen shows them. */
export const targetGroups: { group: TargetGroup; targets: ImportTarget[] }[] = [
  { group: 'gift', targets: ['receivedOn', 'amountYen', 'feeYen', 'externalId', 'method', 'recurring', 'campaignCode', 'fundCode', 'donorMessage', 'isAnonymous'] },
  {
    group: 'donor',
    targets: ['familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'fullName', 'fullNameKana', 'organisationName', 'organisationNameKana', 'email', 'phone', 'donorExternalId', 'publishName'],
  },
  { group: 'address', targets: ['postalCode', 'prefecture', 'city', 'line1', 'line2', 'address'] },
  { group: 'other', targets: ['withdrawalYen', 'direction', 'runnerCode'] },
];

const groupKeys = {
  gift: 'ui.giftImports.mapping.groups.gift',
  donor: 'ui.giftImports.mapping.groups.donor',
  address: 'ui.giftImports.mapping.groups.address',
  other: 'ui.giftImports.mapping.groups.other',
} as const satisfies Record<TargetGroup, string>;

const targetKeys = {
  externalId: 'fields.giftImports.externalId',
  donorExternalId: 'fields.giftImports.donorExternalId',
  receivedOn: 'fields.giftImports.receivedOn',
  amountYen: 'fields.giftImports.amountYen',
  feeYen: 'fields.giftImports.feeYen',
  withdrawalYen: 'fields.giftImports.withdrawalYen',
  direction: 'fields.giftImports.direction',
  method: 'fields.giftImports.method',
  recurring: 'fields.giftImports.recurring',
  familyName: 'fields.giftImports.familyName',
  givenName: 'fields.giftImports.givenName',
  familyNameKana: 'fields.giftImports.familyNameKana',
  givenNameKana: 'fields.giftImports.givenNameKana',
  fullName: 'fields.giftImports.fullName',
  fullNameKana: 'fields.giftImports.fullNameKana',
  organisationName: 'fields.giftImports.organisationName',
  organisationNameKana: 'fields.giftImports.organisationNameKana',
  email: 'fields.giftImports.email',
  phone: 'fields.giftImports.phone',
  postalCode: 'fields.giftImports.postalCode',
  prefecture: 'fields.giftImports.prefecture',
  city: 'fields.giftImports.city',
  line1: 'fields.giftImports.line1',
  line2: 'fields.giftImports.line2',
  address: 'fields.giftImports.address',
  campaignCode: 'fields.giftImports.campaignCode',
  fundCode: 'fields.giftImports.fundCode',
  donorMessage: 'fields.giftImports.donorMessage',
  isAnonymous: 'fields.giftImports.isAnonymous',
  publishName: 'fields.giftImports.publishName',
  runnerCode: 'fields.giftImports.runnerCode',
} as const satisfies Record<ImportTarget, string>;

const matchKeys = {
  existing: 'ui.giftImports.match.existing',
  new: 'ui.giftImports.match.new',
  ambiguous: 'ui.giftImports.match.ambiguous',
  anonymous: 'ui.giftImports.match.anonymous',
  duplicate: 'ui.giftImports.match.duplicate',
  error: 'ui.giftImports.match.error',
  skipped: 'ui.giftImports.match.skipped',
} as const satisfies Record<ImportMatch, string>;

const reasonKeys = {
  email: 'ui.giftImports.reasons.email',
  phone: 'ui.giftImports.reasons.phone',
  kana_postal: 'ui.giftImports.reasons.kana_postal',
  name_city: 'ui.giftImports.reasons.name_city',
  kana: 'ui.giftImports.reasons.kana',
} as const satisfies Record<DuplicateReason, string>;

const sourceKeys = {
  congrant: 'ui.giftImports.sources.congrant',
  syncable: 'ui.giftImports.sources.syncable',
  bank: 'ui.giftImports.sources.bank',
  generic: 'ui.giftImports.sources.generic',
} as const satisfies Record<ImportSource, string>;

const statusKeys = {
  uploaded: 'ui.giftImports.status.uploaded',
  mapped: 'ui.giftImports.status.mapped',
  committed: 'ui.giftImports.status.committed',
  rolled_back: 'ui.giftImports.status.rolled_back',
} as const satisfies Record<ImportBatch['status'], string>;

export const groupLabel = (t: TFunction, group: TargetGroup) => t(groupKeys[group]);
export const targetLabel = (t: TFunction, target: ImportTarget) => t(targetKeys[target]);
export const matchLabel = (t: TFunction, match: ImportMatch) => t(matchKeys[match]);
export const reasonLabel = (t: TFunction, reason: DuplicateReason) => t(reasonKeys[reason]);
export const sourceLabel = (t: TFunction, source: ImportSource) => t(sourceKeys[source]);
export const statusLabel = (t: TFunction, status: ImportBatch['status']) => t(statusKeys[status]);

/** A badge colour per status; the badge always says the status in words too. */
export function statusColor(status: ImportBatch['status']): string {
  switch (status) {
    case 'uploaded':
      return 'gray.7';
    case 'mapped':
      return 'yellow.3';
    case 'committed':
      return 'teal.9';
    case 'rolled_back':
      return 'red.9';
  }
}

/** The order matches are shown in: what needs a person first, then what will be imported, then what will not. */
export const matchOrder: ImportMatch[] = ['ambiguous', 'error', 'new', 'existing', 'anonymous', 'duplicate', 'skipped'];

/** An issue's message: its key is an i18n key under `errors.` with the issue's params ({column, value, …}). */
export function issueMessage(t: TFunction, issue: { key: string; params: Record<string, string | number> }): string {
  return t(`errors.${issue.key}`, { ...issue.params, defaultValue: issue.key });
}
