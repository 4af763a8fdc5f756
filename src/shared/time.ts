/** The office's time zone: every "today" and every date shown is in Tokyo time. */
export const OFFICE_TIME_ZONE = 'Asia/Tokyo';

const dateInTokyo = new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date `YYYY-MM-DD` in Tokyo at the given instant (default: now). */
export function tokyoDate(at: Date = new Date()): string {
  return dateInTokyo.format(at);
}
