import type { PriorityReason } from './contract';
import { ageOn, daysBetween } from '../../shared/time';

/**
 * Shelter waiting-list priority (issue 4 §3): women and children first, then pregnancy, illness
 * and rough sleeping, then days waiting — one point a day — as the tie-breaker that keeps growing,
 * so nobody is passed over for ever. Weights (points):
 *
 * | fact                                                          | points |
 * | ------------------------------------------------------------- | ------ |
 * | a woman, with children, or under 18 (counted once)            | 200    |
 * | pregnant                                                      | 100    |
 * | ill                                                           | 60     |
 * | sleeping rough                                                | 40     |
 * | each day on the list                                          | 1      |
 *
 * A single man sleeping rough (40) thus passes a woman listed the same day (200) only after
 * about five months of waiting; a pregnant woman always starts ahead of anyone listed with her.
 */
export const PRIORITY_WEIGHTS = {
  womenAndChildren: 200,
  pregnant: 100,
  ill: 60,
  roughSleeping: 40,
  perDayWaiting: 1,
} as const;

export interface PriorityFacts {
  sex: 'female' | 'male' | 'other' | 'unknown';
  dateOfBirth: string | null;
  withChildren: boolean;
  isPregnant: boolean;
  isIll: boolean;
  isRoughSleeping: boolean;
  listedOn: string;
}

export interface Priority {
  priority: number;
  reasons: PriorityReason[];
  daysWaiting: number;
}

/** The priority of one waiting-list entry on `today` (Tokyo), with the reasons shown as badges. */
export function computePriority(facts: PriorityFacts, today: string): Priority {
  const reasons: PriorityReason[] = [];
  if (facts.sex === 'female') reasons.push('woman');
  if (facts.withChildren) reasons.push('with_children');
  if (facts.dateOfBirth && (ageOn(facts.dateOfBirth, today) ?? 99) < 18) reasons.push('minor');
  let priority = reasons.length > 0 ? PRIORITY_WEIGHTS.womenAndChildren : 0;
  if (facts.isPregnant) {
    reasons.push('pregnant');
    priority += PRIORITY_WEIGHTS.pregnant;
  }
  if (facts.isIll) {
    reasons.push('ill');
    priority += PRIORITY_WEIGHTS.ill;
  }
  if (facts.isRoughSleeping) {
    reasons.push('rough_sleeping');
    priority += PRIORITY_WEIGHTS.roughSleeping;
  }
  const daysWaiting = Math.max(0, daysBetween(facts.listedOn, today));
  priority += daysWaiting * PRIORITY_WEIGHTS.perDayWaiting;
  return { priority, reasons, daysWaiting };
}

/** Highest priority first; equal ones by who was listed first. */
export function byPriority<T extends { priority: number; listedOn: string }>(a: T, b: T): number {
  return b.priority - a.priority || a.listedOn.localeCompare(b.listedOn);
}
