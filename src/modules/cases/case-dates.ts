import dayjs from 'dayjs';
import type { AllowanceStatus } from './contract';
import { waitingAllowanceStatuses } from './contract';
import { daysBetween } from '../../shared/time';

export { daysBetween } from '../../shared/time';

/**
 * Days a person has waited for a protection-allowance decision: from the application date to
 * `today` (the office's date, Asia/Tokyo), while the status is awaiting or reapplied; else null.
 */
export function allowanceDaysWaiting(status: AllowanceStatus | null, appliedOn: string | null, today: string): number | null {
  if (!status || !appliedOn || !waitingAllowanceStatuses.includes(status)) return null;
  return Math.max(0, daysBetween(appliedOn, today));
}

/** Reporting dates under provisional release or supervision measures are at most 3 months apart. */
export const REPORTING_INTERVAL_MONTHS = 3;

/** True when `next` is later than 3 calendar months after `previous` (2026-01-31 → 2026-04-30 is the limit). */
export function exceedsReportingInterval(previous: string, next: string): boolean {
  const limit = dayjs(previous).add(REPORTING_INTERVAL_MONTHS, 'month').format('YYYY-MM-DD');
  return next > limit;
}
