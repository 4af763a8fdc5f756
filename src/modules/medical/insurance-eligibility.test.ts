import { describe, expect, it } from 'vitest';
import { insuranceHint, type InsuranceFacts } from './insurance-eligibility';

const none: InsuranceFacts = { residenceStatus: null, residenceStatusFrom: null, residenceExpiresOn: null, eligibleOn: null, healthInsurance: null, custody: 'free' };
const facts = (f: Partial<InsuranceFacts>): InsuranceFacts => ({ ...none, ...f });

describe('health-insurance eligibility hints, worked examples', () => {
  it('特定活動 for 6 months, address registered on Tuesday 2026-12-01: eligible from that day, enrol by 2026-12-15', () => {
    const h = insuranceHint(facts({ residenceStatus: 'designated_no_work', residenceStatusFrom: '2026-11-20', residenceExpiresOn: '2027-05-20', eligibleOn: '2026-12-01', healthInsurance: 'uninsured' }), '2026-12-08');
    expect(h).toEqual({
      outcome: 'eligible', rule: 'registered_enrol_within_14_days', action: 'enrol', eligibleFrom: '2026-12-01', enrolBy: '2026-12-15',
      basedOn: ['residenceStatus', 'residenceStatusFrom', 'residenceExpiresOn', 'eligibleOn'], missing: [],
    });
  });

  it('registered on 2026-12-18: day 14 is 1 January (year-end closure), so enrolment is due Monday 2027-01-04, as the deadline rule moves it', () => {
    expect(insuranceHint(facts({ residenceStatus: 'designated_work', eligibleOn: '2026-12-18' }), '2026-12-20')).toMatchObject({ enrolBy: '2027-01-04', rule: 'registered_enrol_within_14_days' });
  });

  it('registered two months ago and still not enrolled: overdue, enrol now (coverage goes back to registration)', () => {
    expect(insuranceHint(facts({ residenceStatus: 'long_term_resident', eligibleOn: '2026-10-01', healthInsurance: 'uninsured' }), '2026-12-08'))
      .toMatchObject({ outcome: 'eligible', rule: 'registered_enrolment_overdue', action: 'enrol', enrolBy: '2026-10-15' });
  });

  it('a qualifying status without a registered address: register at the ward office first', () => {
    expect(insuranceHint(facts({ residenceStatus: 'designated_no_work', residenceStatusFrom: '2026-11-01', residenceExpiresOn: '2027-05-01' }), '2026-12-08'))
      .toMatchObject({ outcome: 'eligible', rule: 'needs_resident_registration', action: 'register_address', enrolBy: null, missing: [] });
  });

  it('特定活動 for 3 months (2026-12-01 → 2027-03-01, 90 days): not eligible, a free or low-cost clinic', () => {
    expect(insuranceHint(facts({ residenceStatus: 'designated_no_work', residenceStatusFrom: '2026-12-01', residenceExpiresOn: '2027-03-01', eligibleOn: '2026-12-02' }), '2026-12-08'))
      .toMatchObject({ outcome: 'not_eligible', rule: 'period_3_months_or_less', action: 'free_low_cost_clinic' });
  });

  it('短期滞在, 仮滞在, no status, provisional release or detention: not eligible, whatever else is on file', () => {
    expect(insuranceHint(facts({ residenceStatus: 'temporary_visitor', eligibleOn: '2026-12-01' }), '2026-12-08').rule).toBe('short_stay');
    expect(insuranceHint(facts({ residenceStatus: 'provisional_stay' }), '2026-12-08').rule).toBe('provisional_stay');
    expect(insuranceHint(facts({ residenceStatus: 'no_status' }), '2026-12-08').rule).toBe('no_status');
    expect(insuranceHint(facts({ residenceStatus: 'designated_work', custody: 'provisional_release', eligibleOn: '2026-12-01' }), '2026-12-08'))
      .toMatchObject({ outcome: 'not_eligible', rule: 'detained_or_provisional_release', basedOn: ['custody'] });
  });

  it('already in National or employee insurance: nothing to do', () => {
    expect(insuranceHint(facts({ residenceStatus: 'designated_work', healthInsurance: 'employee' }), '2026-12-08')).toMatchObject({ outcome: 'insured', action: 'none' });
  });

  it('says what is missing instead of guessing: no status recorded, or the period of stay unknown', () => {
    expect(insuranceHint(none, '2026-12-08')).toMatchObject({ outcome: 'unknown', action: 'record_facts', missing: ['residenceStatus'] });
    expect(insuranceHint(facts({ residenceStatus: 'other', eligibleOn: '2026-12-01' }), '2026-12-08').missing).toEqual(['residenceStatusFrom']);
  });
});
