import { describe, expect, it } from 'vitest';
import { addDays, computeDeadlines, daysBetween, isAdministrativeHoliday, needsAttention, periodEnd, standing, type CaseFacts } from './rules';

const review = (received: string) => periodEnd(received, 7).dueOn;
const insurance = (eligible: string) => periodEnd(eligible, 14).dueOn;

const facts = (over: Partial<CaseFacts>): CaseFacts => ({
  procedureStage: null, decisionNoticeReceivedOn: null, residenceStatus: null, residenceExpiresOn: null,
  healthInsurance: null, insuranceEligibleOn: null, ...over,
});

describe('counting a period', () => {
  it('does not count the day of receipt: day 1 is the next day', () => {
    // Wednesday 4 March 2026 → day 7 is Wednesday 11 March, not Tuesday 10 March.
    expect(periodEnd('2026-03-04', 7)).toEqual({ lastDay: '2026-03-11', dueOn: '2026-03-11' });
  });

  it('counts weekends inside the period', () => {
    // Monday → the next Monday; the weekend in between is not skipped.
    expect(review('2026-03-02')).toBe('2026-03-09');
  });

  it('moves a last day on Saturday or Sunday to Monday', () => {
    expect(review('2026-03-07')).toBe('2026-03-16'); // day 7 Saturday 14 March
    expect(review('2026-03-08')).toBe('2026-03-16'); // day 7 Sunday 15 March
  });

  it('moves a last day on a national holiday, and on a substitute holiday', () => {
    expect(review('2026-04-22')).toBe('2026-04-30'); // day 7 Showa Day, Wednesday 29 April
    expect(isAdministrativeHoliday('2026-05-06')).toBe(true); // Children's Day substitute holiday
    expect(review('2026-04-29')).toBe('2026-05-07'); // day 7 the substitute holiday, Wednesday 6 May
  });

  it('follows a chain of closed days: Golden Week from a Sunday holiday', () => {
    // Day 7 is Sunday 3 May (Constitution Day), then 4, 5 and the substitute 6 May.
    expect(review('2026-04-26')).toBe('2026-05-07');
  });

  it('follows a holiday then a weekend', () => {
    // Friday 11 February 2028 (National Foundation Day), then Saturday and Sunday.
    expect(review('2028-02-04')).toEqual('2028-02-14');
  });

  it('skips the year-end closure 29 December – 3 January', () => {
    // The DOMAIN.md example: Friday 25 December 2026 → day 7 Friday 1 January → Monday 4 January.
    expect(periodEnd('2026-12-25', 7)).toEqual({ lastDay: '2027-01-01', dueOn: '2027-01-04' });
    expect(review('2026-12-22')).toBe('2027-01-04'); // day 7 Tuesday 29 December, a weekday
    expect(isAdministrativeHoliday('2026-12-28')).toBe(false);
    // Closure ending on Saturday 3 January 2026, then Sunday: Monday 5 January.
    expect(review('2025-12-27')).toBe('2026-01-05');
  });

  it('gives 14 days for national health insurance enrolment', () => {
    expect(insurance('2026-03-02')).toBe('2026-03-16'); // Monday → Monday two weeks later
    expect(insurance('2026-03-06')).toBe('2026-03-23'); // day 14 Vernal Equinox Friday 20 March, then the weekend
  });

  it('counts 29 February in leap years', () => {
    expect(review('2028-02-22')).toBe('2028-02-29');
    expect(review('2027-02-22')).toBe('2027-03-01');
    expect(insurance('2024-02-20')).toBe('2024-03-05');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });
});

describe('computeDeadlines', () => {
  it('gives a review-request deadline only for a refusal with a notice date', () => {
    expect(computeDeadlines(facts({ procedureStage: 'rejected', decisionNoticeReceivedOn: '2026-12-25' }))).toEqual([
      { kind: 'review_request', eventId: null, factDate: '2026-12-25', lastDay: '2027-01-01', dueOn: '2027-01-04', warnFrom: '2026-12-25' },
    ]);
    expect(computeDeadlines(facts({ procedureStage: 'review_pending', decisionNoticeReceivedOn: '2026-12-25' }))).toEqual([]);
    expect(computeDeadlines(facts({ procedureStage: 'rejected' }))).toEqual([]);
    expect(computeDeadlines(null)).toEqual([]);
  });

  it('gives an insurance deadline unless insured already or not eligible by status', () => {
    const eligible = { insuranceEligibleOn: '2026-03-02' };
    expect(computeDeadlines(facts({ ...eligible, healthInsurance: 'uninsured', residenceStatus: 'designated_work' })).map((d) => [d.kind, d.dueOn]))
      .toEqual([['insurance_enrolment', '2026-03-16']]);
    expect(computeDeadlines(facts(eligible))).toHaveLength(1);
    for (const healthInsurance of ['national', 'employee']) expect(computeDeadlines(facts({ ...eligible, healthInsurance }))).toEqual([]);
    for (const residenceStatus of ['temporary_visitor', 'no_status']) expect(computeDeadlines(facts({ ...eligible, residenceStatus }))).toEqual([]);
  });

  it('warns 30 days before a residence status expires, due by the last open day', () => {
    // Expiry on Sunday 15 March 2026: the bureau is closed, so the renewal is due Friday 13 March.
    expect(computeDeadlines(facts({ residenceExpiresOn: '2026-03-15' }))).toEqual([
      { kind: 'residence_expiry', eventId: null, factDate: '2026-03-15', lastDay: '2026-03-15', dueOn: '2026-03-13', warnFrom: '2026-02-13' },
    ]);
    expect(computeDeadlines(facts({ residenceExpiresOn: '2026-03-16' }))[0]?.dueOn).toBe('2026-03-16');
  });

  it('lists reporting dates not yet done, on their day, all in due order', () => {
    const list = computeDeadlines(facts({ residenceExpiresOn: '2026-06-30' }), [
      { id: 'a', occursOn: '2026-04-10', isDone: false },
      { id: 'b', occursOn: '2026-01-10', isDone: true },
      { id: 'c', occursOn: '2026-03-14', isDone: false },
    ]);
    expect(list.map((d) => [d.kind, d.eventId, d.dueOn])).toEqual([
      ['reporting', 'c', '2026-03-14'],
      ['reporting', 'a', '2026-04-10'],
      ['residence_expiry', null, '2026-06-30'],
    ]);
  });
});

describe('standing and attention', () => {
  it('counts days left from today; negative is overdue', () => {
    expect(standing({ dueOn: '2027-01-04' }, '2026-12-28')).toEqual({ daysLeft: 7, isOverdue: false });
    expect(standing({ dueOn: '2027-01-04' }, '2027-01-04')).toEqual({ daysLeft: 0, isOverdue: false });
    expect(standing({ dueOn: '2027-01-04' }, '2027-01-06')).toEqual({ daysLeft: -2, isOverdue: true });
  });

  it('needs attention when overdue, due within the window, or in its early warning', () => {
    const d = { dueOn: '2026-03-20', warnFrom: '2026-02-18' };
    expect(needsAttention(d, '2026-03-25', 7)).toBe(true); // overdue
    expect(needsAttention(d, '2026-03-13', 7)).toBe(true); // due in 7 days
    expect(needsAttention(d, '2026-02-17', 7)).toBe(false);
    expect(needsAttention(d, '2026-02-18', 7)).toBe(true); // early warning starts
  });
});
