import { daysBetween } from '../../../shared/time';
import type { Progress } from '../contract';

/** A runner below the minimum this close to race day (or closer) gets a reminder. */
export const REMINDER_DAYS_BEFORE_RACE = 30;

/**
 * Where a runner stands: reached (raised ≥ goal); on track while what is raised keeps pace with the
 * days gone by between selection and race day (straight line from nothing to the goal); behind
 * otherwise. After race day there is no "on track": reached or behind.
 */
export function progressOf(p: { raisedYen: number; goalYen: number; selectedOn: string; raceOn: string; today: string }): Progress {
  if (p.raisedYen >= p.goalYen) return 'reached';
  const total = daysBetween(p.selectedOn, p.raceOn);
  const gone = daysBetween(p.selectedOn, p.today);
  if (total <= 0 || gone >= total) return 'behind';
  const expected = p.goalYen * Math.max(0, gone) / total;
  return p.raisedYen >= expected ? 'on_track' : 'behind';
}

/** Below the event's minimum with a month or less before race day (not after it). */
export function needsReminder(p: { raisedYen: number; minimumYen: number; raceOn: string; today: string }): boolean {
  const days = daysBetween(p.today, p.raceOn);
  return p.raisedYen < p.minimumYen && days >= 0 && days <= REMINDER_DAYS_BEFORE_RACE;
}

/** Percent of a goal, whole, floored; 0 when there is no goal. */
export function percentOf(raised: number, goal: number): number {
  return goal > 0 ? Math.floor((Math.max(0, raised) * 100) / goal) : 0;
}
