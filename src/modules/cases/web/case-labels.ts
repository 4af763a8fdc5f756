import type { TFunction } from 'i18next';
import type { Language } from '../../../i18n/index';
import { formatDate } from '../../../web/format';

/** Fields whose values are codes, and where their labels live. */
const codeLabels: Record<string, string> = {
  residenceStatus: 'ui.cases.residenceStatus.',
  custody: 'ui.cases.custody.',
  procedureStage: 'ui.cases.procedureStage.',
  applicationCount: 'ui.cases.applicationCount.',
  allowanceStatus: 'ui.cases.allowanceStatus.',
  healthInsurance: 'ui.cases.healthInsurance.',
  housing: 'ui.housing.',
};

const dateFields = new Set(['residenceExpiresOn', 'appliedOn', 'decisionNoticeReceivedOn', 'allowanceAppliedOn', 'allowanceDecidedOn', 'insuranceEligibleOn']);

/** A value as kept in the case history (codes, dates, lists as text), in the reader's language. */
export function historyValue(t: TFunction, language: Language, field: string, value: string | null, label: string | null): string {
  if (value === null) return '—';
  if (label) return label;
  const prefix = codeLabels[field];
  if (prefix) return t(`${prefix}${value}`, { defaultValue: value });
  if (field === 'vulnerabilities') return value.split(',').map((v) => t(`ui.cases.vulnerability.${v}`, { defaultValue: v })).join(', ');
  if (field === 'workPermitted') return t(value === 'true' ? 'ui.cases.workPermitted.yes' : 'ui.cases.workPermitted.no');
  if (dateFields.has(field)) return formatDate(value, language);
  return value;
}
