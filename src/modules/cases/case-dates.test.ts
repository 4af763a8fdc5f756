import { describe, expect, it } from 'vitest';
import { tokyoDate } from '../../shared/time';
import { allowanceDaysWaiting, daysBetween, exceedsReportingInterval } from './case-dates';
import { normaliseCardNumber, ResidenceCardNumber } from './contract';

describe('allowance days waiting', () => {
  it('counts calendar days in Tokyo: 00:30 JST is already the next day while UTC is still on the previous one', () => {
    const at = new Date('2026-03-01T15:30:00Z'); // 2026-03-02 00:30 in Tokyo
    expect(tokyoDate(at)).toBe('2026-03-02');
    expect(allowanceDaysWaiting('awaiting', '2026-03-01', tokyoDate(at))).toBe(1);
    expect(allowanceDaysWaiting('reapplied', '2025-12-01', tokyoDate(at))).toBe(91);
  });

  it('is null unless awaiting or reapplied with an application date', () => {
    expect(allowanceDaysWaiting('receiving', '2026-01-01', '2026-03-01')).toBeNull();
    expect(allowanceDaysWaiting('awaiting', null, '2026-03-01')).toBeNull();
    expect(allowanceDaysWaiting(null, '2026-01-01', '2026-03-01')).toBeNull();
  });

  it('counts across a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });
});

describe('reporting interval', () => {
  it('allows up to 3 calendar months and flags anything later', () => {
    expect(exceedsReportingInterval('2026-01-15', '2026-04-15')).toBe(false);
    expect(exceedsReportingInterval('2026-01-15', '2026-04-16')).toBe(true);
    // Month ends: 31 January + 3 months is 30 April.
    expect(exceedsReportingInterval('2026-01-31', '2026-04-30')).toBe(false);
    expect(exceedsReportingInterval('2026-01-31', '2026-05-01')).toBe(true);
  });
});

describe('residence card number', () => {
  it('normalises full-width letters, spaces and case', () => {
    expect(normaliseCardNumber('ａｂ １２３４ ５６７８ ｃｄ')).toBe('AB12345678CD');
    expect(ResidenceCardNumber.parse(' ab12345678cd ')).toBe('AB12345678CD');
  });

  it('refuses other shapes', () => {
    expect(ResidenceCardNumber.safeParse('AB1234567CD').success).toBe(false);
    expect(ResidenceCardNumber.safeParse('1212345678CD').success).toBe(false);
    expect(ResidenceCardNumber.safeParse('AB12345678C').success).toBe(false);
  });
});
