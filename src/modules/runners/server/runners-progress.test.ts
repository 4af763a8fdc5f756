import { describe, expect, it } from 'vitest';
import { needsReminder, percentOf, progressOf } from './runners-progress';

describe('where a runner stands', () => {
  const base = { goalYen: 100_000, selectedOn: '2026-10-01', raceOn: '2027-03-01' };
  it('reached at the goal; on track while keeping pace with the days gone; behind below the line; after race day only reached or behind', () => {
    expect(progressOf({ ...base, raisedYen: 100_000, today: '2026-10-02' })).toBe('reached');
    // 151 days; on 2026-12-15, 75 days gone: ≈ ¥49,700 expected.
    expect(progressOf({ ...base, raisedYen: 50_000, today: '2026-12-15' })).toBe('on_track');
    expect(progressOf({ ...base, raisedYen: 40_000, today: '2026-12-15' })).toBe('behind');
    expect(progressOf({ ...base, raisedYen: 0, today: '2026-10-01' })).toBe('on_track');
    expect(progressOf({ ...base, raisedYen: 99_999, today: '2027-03-02' })).toBe('behind');
  });

  it('needs a reminder below the minimum within 30 days of race day, not before, not after', () => {
    const r = { raisedYen: 60_000, minimumYen: 100_000, raceOn: '2027-03-01' };
    expect(needsReminder({ ...r, today: '2027-01-29' })).toBe(false);
    expect(needsReminder({ ...r, today: '2027-01-30' })).toBe(true);
    expect(needsReminder({ ...r, today: '2027-03-01' })).toBe(true);
    expect(needsReminder({ ...r, today: '2027-03-02' })).toBe(false);
    expect(needsReminder({ ...r, raisedYen: 100_000, today: '2027-02-20' })).toBe(false);
  });

  it('percent is whole and floored', () => {
    expect(percentOf(35_000, 120_000)).toBe(29);
    expect(percentOf(250_000, 100_000)).toBe(250);
    expect(percentOf(5, 0)).toBe(0);
  });
});
