import holidayJp from '@holiday-jp/holiday_jp';
import type { DeadlineKind } from './contract';
import { addDays, dateToUtcMs, daysBetween } from '../../shared/time';

/**
 * Tobira's deadline rules, in one place (DOMAIN.md, "Deadlines the system must compute" and
 * "Counting"). Pure functions on calendar dates `YYYY-MM-DD`: no clock, no time zone, no database.
 * "Today" is passed in by the caller (the office's date in Tokyo).
 */

/** Calendar arithmetic is shared (src/shared/time.ts); re-exported for the rules' callers. */
export { addDays, daysBetween } from '../../shared/time';

/**
 * A day on which administrative offices are closed (Act on Holidays of Administrative Organs, art. 1):
 * Saturday, Sunday, a national holiday (incl. substitute and citizens' holidays, from the
 * @holiday-jp dataset), or the year-end closure 29 December – 3 January.
 */
export function isAdministrativeHoliday(date: string): boolean {
  const weekday = new Date(dateToUtcMs(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return true;
  const monthDay = date.slice(5);
  if (monthDay >= '12-29' || monthDay <= '01-03') return true;
  return Object.hasOwn(holidayJp.holidays, date);
}

/** `date` itself, or the next day that is not an administrative holiday. */
export function nextOpenDay(date: string): string {
  let day = date;
  while (isAdministrativeHoliday(day)) day = addDays(day, 1);
  return day;
}

/** `date` itself, or the last day before it that is not an administrative holiday. */
export function previousOpenDay(date: string): string {
  let day = date;
  while (isAdministrativeHoliday(day)) day = addDays(day, -1);
  return day;
}

/**
 * A period of `days` days starting from an event (a notice received, eligibility): the event's day
 * is not counted (day 1 is the next day), weekends and holidays inside the period count, and a last
 * day on an administrative holiday moves to the next open day (art. 2 of the same Act; Local
 * Autonomy Act art. 4-2 for municipal filings).
 */
export function periodEnd(eventDay: string, days: number): { lastDay: string; dueOn: string } {
  const lastDay = addDays(eventDay, days);
  return { lastDay, dueOn: nextOpenDay(lastDay) };
}

/** Days to request a review 審査請求 after the refusal notice is received. */
export const REVIEW_REQUEST_DAYS = 7;
/** Days to enrol in national health insurance after becoming eligible. */
export const INSURANCE_ENROLMENT_DAYS = 14;
/**
 * Early warning before a residence status expires. A renewal can be filed well before expiry, so
 * staff see it a month ahead; a 15-day short stay is inside this window from its first day.
 */
export const RESIDENCE_EXPIRY_WARNING_DAYS = 30;
/** Early warning before a reporting date under provisional release or supervision measures. */
export const REPORTING_WARNING_DAYS = 7;

/** Residence statuses that never give national-health-insurance eligibility (stay of 3 months or less, or none). */
const NOT_INSURABLE = new Set(['temporary_visitor', 'no_status']);
/** Already enrolled: nothing to do. */
const INSURED = new Set(['national', 'employee']);

/** The facts of a case file the rules read (codes as in migrations/0002_case_files.sql). */
export interface CaseFacts {
  procedureStage: string | null;
  decisionNoticeReceivedOn: string | null;
  residenceStatus: string | null;
  residenceExpiresOn: string | null;
  healthInsurance: string | null;
  insuranceEligibleOn: string | null;
}

/** A reporting date (case_event kind 'reporting'). */
export interface ReportingDate {
  id: string;
  occursOn: string;
  isDone: boolean;
}

export interface ComputedDeadline {
  kind: DeadlineKind;
  eventId: string | null;
  factDate: string;
  lastDay: string;
  dueOn: string;
  warnFrom: string;
}

/** Every open deadline of one case file, in due-date order. */
export function computeDeadlines(facts: CaseFacts | null, reporting: ReportingDate[] = []): ComputedDeadline[] {
  const out: ComputedDeadline[] = [];
  if (facts?.procedureStage === 'rejected' && facts.decisionNoticeReceivedOn) {
    const factDate = facts.decisionNoticeReceivedOn;
    out.push({ kind: 'review_request', eventId: null, factDate, ...periodEnd(factDate, REVIEW_REQUEST_DAYS), warnFrom: factDate });
  }
  if (
    facts?.insuranceEligibleOn &&
    !INSURED.has(facts.healthInsurance ?? '') &&
    !NOT_INSURABLE.has(facts.residenceStatus ?? '')
  ) {
    const factDate = facts.insuranceEligibleOn;
    out.push({ kind: 'insurance_enrolment', eventId: null, factDate, ...periodEnd(factDate, INSURANCE_ENROLMENT_DAYS), warnFrom: factDate });
  }
  if (facts?.residenceExpiresOn) {
    const factDate = facts.residenceExpiresOn;
    // The renewal must be filed while the status is still valid, and the bureau is closed on
    // holidays: the last open day on or before expiry is the safe due date (never later than expiry).
    out.push({
      kind: 'residence_expiry',
      eventId: null,
      factDate,
      lastDay: factDate,
      dueOn: previousOpenDay(factDate),
      warnFrom: addDays(factDate, -RESIDENCE_EXPIRY_WARNING_DAYS),
    });
  }
  for (const event of reporting) {
    if (event.isDone) continue;
    // A reporting date is an appointment set by the immigration bureau: it does not move.
    out.push({
      kind: 'reporting',
      eventId: event.id,
      factDate: event.occursOn,
      lastDay: event.occursOn,
      dueOn: event.occursOn,
      warnFrom: addDays(event.occursOn, -REPORTING_WARNING_DAYS),
    });
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** How a deadline stands on `today`: days left (negative = overdue). */
export function standing(deadline: { dueOn: string }, today: string): { daysLeft: number; isOverdue: boolean } {
  const daysLeft = daysBetween(today, deadline.dueOn);
  return { daysLeft, isOverdue: daysLeft < 0 };
}

/** True when a deadline needs attention now: overdue, due within `days`, or inside its early warning. */
export function needsAttention(deadline: { dueOn: string; warnFrom: string }, today: string, days: number): boolean {
  return daysBetween(today, deadline.dueOn) <= days || deadline.warnFrom <= today;
}

