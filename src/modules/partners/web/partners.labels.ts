import type { TFunction } from 'i18next';
import type { Language } from '../../../i18n/index';
import { displayName } from '../../../shared/codes';
import type { Partner, PartnerCost, PartnerKind } from '../contract';

// The contract's enums, listed here again: the web bundle takes only types from the contract.
// A kind or cost added there and not here fails the type check below (the records are exhaustive).

/** The kinds in the order the directory groups them: medical, legal, work, public and community. */
export const kindGroups = ['medical', 'legal', 'work', 'community'] as const;
export type KindGroup = (typeof kindGroups)[number];

const groupOfKind: Record<PartnerKind, KindGroup> = {
  clinic: 'medical',
  hospital: 'medical',
  free_low_cost_clinic: 'medical',
  psychiatry: 'medical',
  obstetrics: 'medical',
  dentistry: 'medical',
  lawyer: 'legal',
  legal_aid: 'legal',
  employer: 'work',
  job_agency: 'work',
  municipal_office: 'community',
  ngo: 'community',
  language_school: 'community',
  other: 'community',
};

export const partnerKinds = Object.keys(groupOfKind) as PartnerKind[];

export const kindGroup = (kind: PartnerKind): KindGroup => groupOfKind[kind];

const kindKeys: Record<PartnerKind, string> = {
  clinic: 'ui.partners.kind.clinic',
  hospital: 'ui.partners.kind.hospital',
  free_low_cost_clinic: 'ui.partners.kind.free_low_cost_clinic',
  psychiatry: 'ui.partners.kind.psychiatry',
  obstetrics: 'ui.partners.kind.obstetrics',
  dentistry: 'ui.partners.kind.dentistry',
  lawyer: 'ui.partners.kind.lawyer',
  legal_aid: 'ui.partners.kind.legal_aid',
  employer: 'ui.partners.kind.employer',
  job_agency: 'ui.partners.kind.job_agency',
  municipal_office: 'ui.partners.kind.municipal_office',
  ngo: 'ui.partners.kind.ngo',
  language_school: 'ui.partners.kind.language_school',
  other: 'ui.partners.kind.other',
};

const groupKeys: Record<KindGroup, string> = {
  medical: 'ui.partners.kindGroup.medical',
  legal: 'ui.partners.kindGroup.legal',
  work: 'ui.partners.kindGroup.work',
  community: 'ui.partners.kindGroup.community',
};

const costKeys: Record<PartnerCost, string> = {
  free: 'ui.partners.cost.free',
  sliding_scale: 'ui.partners.cost.sliding_scale',
  low_cost: 'ui.partners.cost.low_cost',
  insurance_required: 'ui.partners.cost.insurance_required',
  standard: 'ui.partners.cost.standard',
  unknown: 'ui.partners.cost.unknown',
};

export const partnerCosts = Object.keys(costKeys) as PartnerCost[];

export const kindLabel = (t: TFunction, kind: PartnerKind) => t(kindKeys[kind]);
export const costLabel = (t: TFunction, cost: PartnerCost) => t(costKeys[cost]);

/** The kinds for a picker, grouped (medical / legal / work / public and community). */
export function kindOptions(t: TFunction) {
  return kindGroups.map((group) => ({
    group: t(groupKeys[group]),
    items: partnerKinds.filter((k) => groupOfKind[k] === group).map((k) => ({ value: k, label: kindLabel(t, k) })),
  }));
}

export function costOptions(t: TFunction) {
  return partnerCosts.map((c) => ({ value: c, label: costLabel(t, c) }));
}

/** The name in the reader's language first; the other one (if any) as a second line. */
export function partnerNames(p: Pick<Partner, 'nameJa' | 'nameEn'>, language: Language): { primary: string; secondary: string } {
  if (language === 'en' && p.nameEn !== '') return { primary: p.nameEn, secondary: p.nameJa };
  return { primary: p.nameJa, secondary: p.nameEn };
}

/** 「東京都 新宿区」. */
export const partnerArea = (p: Pick<Partner, 'prefecture' | 'city'>) => [p.prefecture, p.city].filter((s) => s !== '').join(' ');

/** The languages spoken there, by name in the reader's language. */
export const languageNames = (codes: readonly string[], language: Language) => codes.map((c) => displayName('language', c, language)).join(language === 'ja' ? '、' : ', ');

/** A phone number as a tel: link target (digits and a leading +). */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/**
 * "Accepts people without insurance / without status", worded for the kind: a clinic sees
 * (受診可), an office or an employer takes the person on (利用可).
 */
export function acceptsLabels(t: TFunction, p: Pick<Partner, 'kind' | 'acceptsUninsured' | 'acceptsNoStatus'>): string[] {
  const medical = kindGroup(p.kind) === 'medical';
  const labels: string[] = [];
  if (p.acceptsUninsured) labels.push(medical ? t('ui.partners.badge.uninsuredMedical') : t('ui.partners.badge.uninsured'));
  if (p.acceptsNoStatus) labels.push(medical ? t('ui.partners.badge.noStatusMedical') : t('ui.partners.badge.noStatus'));
  return labels;
}

/**
 * A picker's clear button with a name, reachable by keyboard and screen reader (Mantine hides it
 * from both by default; a single Select has no other way to go back to "any").
 */
export const clearButton = (label: string) => ({ 'aria-label': label, 'aria-hidden': false, tabIndex: 0 });
