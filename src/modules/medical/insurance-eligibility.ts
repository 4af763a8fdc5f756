import { daysBetween } from '../../shared/time';
import { INSURANCE_ENROLMENT_DAYS, periodEnd } from '../deadlines/rules';

// Health-insurance eligibility hints (issue 15, medical access 2): what the case file's facts say
// about National Health Insurance 国民健康保険, with the rule that says it. A hint, never a decision:
// the caseworker reads the rule and the facts it used, and the ward office decides.
//
// The rules (National Health Insurance Act art. 6 and its enforcement rules; DOMAIN.md): a foreign
// resident is insured from the day they are registered as a resident 住民登録 with a status of
// residence for more than 3 months; 短期滞在, a period of 3 months or less, 仮滞在 and no status
// (including 仮放免 and people detained) are excluded. Enrolment is due within 14 days of becoming
// eligible; coverage and premiums go back to that day when it is late.

/** The facts a hint reads (codes as in the case file, migrations/0002_case_files.sql). */
export interface InsuranceFacts {
  residenceStatus: string | null;
  /** The day the current status took effect (from the case file's history), if known. */
  residenceStatusFrom: string | null;
  residenceExpiresOn: string | null;
  /** The day the person registered an address (住民登録) or otherwise became eligible: case_file.insurance_eligible_on. */
  eligibleOn: string | null;
  healthInsurance: string | null;
  custody: string | null;
}

export type InsuranceRule =
  | 'already_insured'
  | 'no_status'
  | 'short_stay'
  | 'provisional_stay'
  | 'detained_or_provisional_release'
  | 'period_3_months_or_less'
  | 'registered_enrol_within_14_days'
  | 'registered_enrolment_overdue'
  | 'needs_resident_registration'
  | 'facts_missing';

export interface InsuranceHint {
  /** What the hint says, in one word: insured, eligible (enrol), not eligible (free/low-cost clinic), or cannot tell. */
  outcome: 'insured' | 'eligible' | 'not_eligible' | 'unknown';
  rule: InsuranceRule;
  /** Eligible from (the day of registration), when known. */
  eligibleFrom: string | null;
  /** Enrol by (14 days, moved past administrative holidays like the deadline), when eligible. */
  enrolBy: string | null;
  /** What to do next: enrol at the ward office, register an address first, refer to a free or low-cost clinic, or record the missing facts. */
  action: 'none' | 'enrol' | 'register_address' | 'free_low_cost_clinic' | 'record_facts';
  /** The facts the rule used (field names), so the person sees what the hint rests on. */
  basedOn: Array<keyof InsuranceFacts>;
  /** Facts that are missing for a firmer hint. */
  missing: Array<keyof InsuranceFacts>;
}

/** More than 3 months: the period from the status's start to its expiry, in days (3 months is at most 92 days). */
const MORE_THAN_THREE_MONTHS_DAYS = 92;
const INSURED = new Set(['national', 'employee']);

/** The hint for one case file on `today` (Asia/Tokyo date). */
export function insuranceHint(f: InsuranceFacts, today: string): InsuranceHint {
  const hint = (h: Omit<InsuranceHint, 'eligibleFrom' | 'enrolBy' | 'missing'> & Partial<Pick<InsuranceHint, 'eligibleFrom' | 'enrolBy' | 'missing'>>): InsuranceHint => ({ eligibleFrom: null, enrolBy: null, missing: [], ...h });
  if (INSURED.has(f.healthInsurance ?? '')) return hint({ outcome: 'insured', rule: 'already_insured', action: 'none', basedOn: ['healthInsurance'] });
  if (f.custody === 'detained' || f.custody === 'provisional_release') {
    return hint({ outcome: 'not_eligible', rule: 'detained_or_provisional_release', action: 'free_low_cost_clinic', basedOn: ['custody'] });
  }
  if (f.residenceStatus === 'no_status') return hint({ outcome: 'not_eligible', rule: 'no_status', action: 'free_low_cost_clinic', basedOn: ['residenceStatus'] });
  if (f.residenceStatus === 'temporary_visitor') return hint({ outcome: 'not_eligible', rule: 'short_stay', action: 'free_low_cost_clinic', basedOn: ['residenceStatus'] });
  if (f.residenceStatus === 'provisional_stay') return hint({ outcome: 'not_eligible', rule: 'provisional_stay', action: 'free_low_cost_clinic', basedOn: ['residenceStatus'] });
  if (!f.residenceStatus) return hint({ outcome: 'unknown', rule: 'facts_missing', action: 'record_facts', basedOn: [], missing: ['residenceStatus'] });

  // A status that may qualify (特定活動, 定住者, other): the period decides.
  if (f.residenceStatusFrom && f.residenceExpiresOn && daysBetween(f.residenceStatusFrom, f.residenceExpiresOn) <= MORE_THAN_THREE_MONTHS_DAYS) {
    return hint({ outcome: 'not_eligible', rule: 'period_3_months_or_less', action: 'free_low_cost_clinic', basedOn: ['residenceStatus', 'residenceStatusFrom', 'residenceExpiresOn'] });
  }
  const periodKnown = Boolean(f.residenceStatusFrom && f.residenceExpiresOn);
  const periodFacts: Array<keyof InsuranceFacts> = periodKnown ? ['residenceStatusFrom', 'residenceExpiresOn'] : [];
  const periodMissing: Array<keyof InsuranceFacts> = periodKnown ? [] : [f.residenceStatusFrom ? 'residenceExpiresOn' : 'residenceStatusFrom'];
  if (!f.eligibleOn) {
    return hint({ outcome: 'eligible', rule: 'needs_resident_registration', action: 'register_address', basedOn: ['residenceStatus', ...periodFacts, 'eligibleOn'], missing: periodMissing });
  }
  const { dueOn } = periodEnd(f.eligibleOn, INSURANCE_ENROLMENT_DAYS);
  const overdue = today > dueOn;
  return hint({
    outcome: 'eligible', rule: overdue ? 'registered_enrolment_overdue' : 'registered_enrol_within_14_days', action: 'enrol',
    eligibleFrom: f.eligibleOn, enrolBy: dueOn, basedOn: ['residenceStatus', ...periodFacts, 'eligibleOn'], missing: periodMissing,
  });
}
