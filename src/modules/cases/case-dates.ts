import dayjs from 'dayjs';
import type { AllowanceStatus } from './contract';
import { waitingAllowanceStatuses } from './contract';

const DAY_MS = 86_400_000;

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const [fy = 0, fm = 1, fd = 1] = from.split('-').map(Number);
  const [ty = 0, tm = 1, td = 1] = to.split('-').map(Number);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / DAY_MS);
}

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
