import { describe, expect, it } from 'vitest';
import { LapsedQuery, RecurringQuery, RetentionQuery, registerDeadline, yearOf, yearRange } from './contract';

describe('years', () => {
  it('a fiscal year runs April to March and is named by its April', () => {
    expect(yearRange('fiscal', 2026)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(yearRange('calendar', 2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(yearOf('fiscal', '2026-03-31')).toBe(2025);
    expect(yearOf('fiscal', '2026-04-01')).toBe(2026);
    expect(yearOf('fiscal', '2027-01-15')).toBe(2026);
    expect(yearOf('calendar', '2026-03-31')).toBe(2026);
  });

  it('the donor register is due by the last day of the third month after the year-end', () => {
    expect(registerDeadline('fiscal', 2025)).toBe('2026-06-30');
    expect(registerDeadline('calendar', 2025)).toBe('2026-03-31');
  });
});

describe('queries', () => {
  it('default to the fiscal year, and read numbers from the query string', () => {
    expect(LapsedQuery.parse({})).toEqual({ yearKind: 'fiscal', limit: 50, offset: 0 });
    expect(LapsedQuery.parse({ year: '2026', limit: '10' })).toMatchObject({ year: 2026, limit: 10 });
  });

  it('refuse a year outside 2000–2100 with the fundraising_report_year message', () => {
    const result = LapsedQuery.safeParse({ year: '1999' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'custom', path: ['year'], params: { key: 'fundraising_report_year' } });
  });

  it('refuse reversed or too long ranges', () => {
    expect(RetentionQuery.safeParse({ from: '2026', to: '2024' }).error?.issues[0]?.path).toEqual(['to']);
    expect(RetentionQuery.safeParse({ from: '2000', to: '2019' }).success).toBe(true);
    expect(RetentionQuery.safeParse({ from: '2000', to: '2020' }).success).toBe(false);
    expect(RecurringQuery.safeParse({ from: '2024-01', to: '2026-12' }).success).toBe(true);
    expect(RecurringQuery.safeParse({ from: '2023-12', to: '2026-12' }).success).toBe(false);
  });
});
