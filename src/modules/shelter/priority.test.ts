import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, paidNights, stayNightsProvided } from './nights';
import { byPriority, computePriority, PRIORITY_WEIGHTS, type PriorityFacts } from './priority';

const base: PriorityFacts = {
  sex: 'male', dateOfBirth: '1990-05-01', withChildren: false, isPregnant: false, isIll: false, isRoughSleeping: false, listedOn: '2026-12-01',
};
const today = '2026-12-01';

describe('computePriority', () => {
  it('gives a single man listed today nothing but the days he waits', () => {
    expect(computePriority(base, today)).toEqual({ priority: 0, reasons: [], daysWaiting: 0 });
    expect(computePriority(base, '2026-12-11')).toEqual({ priority: 10, reasons: [], daysWaiting: 10 });
  });

  it('puts women, children and minors first, counting the group once', () => {
    expect(computePriority({ ...base, sex: 'female' }, today)).toMatchObject({ priority: 200, reasons: ['woman'] });
    expect(computePriority({ ...base, withChildren: true }, today)).toMatchObject({ priority: 200, reasons: ['with_children'] });
    expect(computePriority({ ...base, dateOfBirth: '2009-12-02' }, today)).toMatchObject({ priority: 200, reasons: ['minor'] });
    // 18 years old on the birthday itself: no longer a minor.
    expect(computePriority({ ...base, dateOfBirth: '2008-12-01' }, today).reasons).toEqual([]);
    expect(computePriority({ ...base, sex: 'female', withChildren: true }, today)).toMatchObject({ priority: 200, reasons: ['woman', 'with_children'] });
  });

  it('adds pregnancy, illness and rough sleeping', () => {
    const all = computePriority({ ...base, sex: 'female', isPregnant: true, isIll: true, isRoughSleeping: true, listedOn: '2026-11-21' }, today);
    expect(all.reasons).toEqual(['woman', 'pregnant', 'ill', 'rough_sleeping']);
    expect(all.priority).toBe(200 + 100 + 60 + 40 + 10);
    expect(computePriority({ ...base, isRoughSleeping: true }, today).priority).toBe(PRIORITY_WEIGHTS.roughSleeping);
    expect(computePriority({ ...base, isIll: true }, today).priority).toBe(PRIORITY_WEIGHTS.ill);
  });

  it('lets days waiting break ties and keep growing, and never counts a listing in the future', () => {
    const older = { ...computePriority({ ...base, listedOn: '2026-11-01' }, today), listedOn: '2026-11-01' };
    const newer = { ...computePriority({ ...base, isRoughSleeping: true }, today), listedOn: today };
    expect([newer, older].sort(byPriority)[0]).toBe(newer); // 40 > 30
    // Listed 45 days before the rough sleeper: the days outweigh rough sleeping (45 > 40), for ever.
    const longest = { ...computePriority({ ...base, listedOn: '2026-10-17' }, today), listedOn: '2026-10-17' };
    expect([newer, longest].sort(byPriority)[0]).toBe(longest);
    expect(computePriority({ ...base, listedOn: '2026-10-17' }, '2027-01-01').priority - computePriority({ ...base, isRoughSleeping: true }, '2027-01-01').priority).toBe(5);
    expect(computePriority({ ...base, listedOn: '2026-12-05' }, today).daysWaiting).toBe(0);
    const same = [{ priority: 5, listedOn: '2026-11-02' }, { priority: 5, listedOn: '2026-11-01' }].sort(byPriority);
    expect(same[0]?.listedOn).toBe('2026-11-01');
  });
});

describe('nights', () => {
  it('counts days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2026-12-25', '2027-01-04')).toBe(10);
  });

  it('provides only the nights already slept, clipped to a range', () => {
    const stay = { checkInOn: '2026-11-28', expectedCheckOutOn: '2026-12-10', checkedOutOn: null };
    expect(stayNightsProvided(stay, '2026-12-01')).toBe(4); // 28, 29, 30, 1
    expect(stayNightsProvided(stay, '2026-12-31')).toBe(12);
    expect(stayNightsProvided({ ...stay, checkedOutOn: '2026-11-30' }, '2026-12-01')).toBe(2);
    expect(stayNightsProvided(stay, '2026-12-31', { from: '2026-12-01', to: '2026-12-05' })).toBe(5);
    expect(stayNightsProvided(stay, '2026-11-01')).toBe(0);
    expect(paidNights({ firstNightOn: '2026-11-30', nights: 3 })).toBe(3);
    expect(paidNights({ firstNightOn: '2026-11-30', nights: 3 }, { from: '2026-12-01', to: '2026-12-31' })).toBe(2);
    expect(paidNights({ firstNightOn: '2026-11-30', nights: 3 }, { from: '2027-01-01', to: '2027-01-31' })).toBe(0);
  });
});
