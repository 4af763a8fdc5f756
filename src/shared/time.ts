/** The office's time zone: every "today" and every date shown is in Tokyo time. */
export const OFFICE_TIME_ZONE = 'Asia/Tokyo';

const dateInTokyo = new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date `YYYY-MM-DD` in Tokyo at the given instant (default: now). */
export function tokyoDate(at: Date = new Date()): string {
  return dateInTokyo.format(at);
}

// Calendar dates `YYYY-MM-DD` (no clock, no time zone of their own): the one implementation that
// deadlines, shelter nights, allowance waits, priorities and the demo generator all use.

const DAY_MS = 86_400_000;

/** Midnight UTC of a calendar date; a RangeError for anything that is not `YYYY-MM-DD`. */
export function dateToUtcMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) throw new RangeError(`not a calendar date: ${date}`);
  return Date.UTC(y, m - 1, d);
}

/** The date `days` calendar days after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  return new Date(dateToUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

/** Age in whole years on `today` (default: today in Tokyo); null for a date that cannot be read. */
export function ageOn(dateOfBirth: string, today: string = tokyoDate()): number | null {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  if (!by || !bm || !bd || !ty || !tm || !td) return null;
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}
