/**
 * Night arithmetic on calendar dates 'YYYY-MM-DD' (no time zone: "today" comes from tokyoDate()).
 * The definitions are shared with the reports module:
 * - a stay occupies nights N with check_in_on <= N < COALESCE(checked_out_on, expected_check_out_on);
 * - nights provided are those with N <= today (nights not yet slept are not provided);
 * - paid lodging provides first_night_on … first_night_on + nights − 1.
 */
import { addDays, daysBetween } from '../../shared/time';

export { addDays, daysBetween };

export interface StayDates {
  checkInOn: string;
  expectedCheckOutOn: string;
  checkedOutOn: string | null;
}

/** The first night a stay no longer occupies: the actual check-out, else the expected one. */
export function stayEnd(stay: StayDates): string {
  return stay.checkedOutOn ?? stay.expectedCheckOutOn;
}

/** Nights of a stay already slept by `today` (N <= today), optionally clipped to [from, to]. */
export function stayNightsProvided(stay: StayDates, today: string, range?: { from: string; to: string }): number {
  const start = range && range.from > stay.checkInOn ? range.from : stay.checkInOn;
  let end = stayEnd(stay);
  const afterToday = addDays(today, 1);
  if (afterToday < end) end = afterToday;
  if (range) {
    const afterTo = addDays(range.to, 1);
    if (afterTo < end) end = afterTo;
  }
  return Math.max(0, daysBetween(start, end));
}

/** Nights of a paid lodging, optionally clipped to [from, to]. */
export function paidNights(lodging: { firstNightOn: string; nights: number }, range?: { from: string; to: string }): number {
  if (!range) return lodging.nights;
  const start = range.from > lodging.firstNightOn ? range.from : lodging.firstNightOn;
  const lodgingEnd = addDays(lodging.firstNightOn, lodging.nights);
  const afterTo = addDays(range.to, 1);
  const end = afterTo < lodgingEnd ? afterTo : lodgingEnd;
  return Math.max(0, daysBetween(start, end));
}
