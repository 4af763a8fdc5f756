import type { Count, DaysFigures } from './contract';

/**
 * Small-cell protection for every figure the advocacy views, exports and public endpoint publish.
 *
 * The method (stated in every export, see methodologyNote in server/advocacy.export.ts):
 * 1. Counts are of distinct people, on a fixed grid: calendar months in Asia/Tokyo. A period is a
 *    run of whole months, so no query can cut a month in two.
 * 2. No count is published as itself, only as a band that holds it. A cell of the finest grid (a
 *    barrier in a month) is banded with width k: exactly 0, 1–(k−1) (shown "< k"), k–(2k−1)…
 *    Every figure that sums or bounds other published figures (a barrier over the period, people
 *    with any barrier in a month or over the period, the rows of a breakdown, a total over months)
 *    is a *total*, published one band wider below (totalBand): 12 people with k = 5 are "5–14".
 * 3. A breakdown (nationality, sex…) never shows a group of fewer than k people: the small groups
 *    are folded into one "other" row, and when that row is still under k, the smallest named
 *    groups are folded in too, until it reaches k (or everything is one row, the total itself).
 * 4. Days (waiting, sleeping rough) are published only for a group of at least k people, and a
 *    quote only for a barrier that at least k people share in the period.
 *
 * Why it holds. A small cell could be recovered only from a total that fits exactly over its
 * parts: a total at the bottom of a band of k that equals the sum of its parts at the tops of
 * theirs (people seen in one month each). Publishing totals one band wider below leaves every such
 * sum at least one short, so every small cell keeps at least two possible values; breakdowns have
 * no small row to recover; and the difference of two banded figures (two overlapping periods) is
 * known only within an interval of 2k−1 values or more, which holds 0 or a value of k or more.
 * suppression.test.ts checks this against an attacker who enumerates every table consistent with
 * what is published.
 */

/** The default k, and the smallest an administrator may choose. */
export const DEFAULT_MINIMUM_CELL = 5;
export const LOWEST_MINIMUM_CELL = 3;

/** The band a count of people is published as. */
export function band(n: number, k: number): Count {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count of people is a whole number ≥ 0, not ${n}`);
  if (n === 0) return { low: 0, high: 0 };
  if (n < k) return { low: 1, high: k - 1 };
  const low = Math.floor(n / k) * k;
  return { low, high: low + k - 1 };
}

/**
 * The band a total is published as: one band of k wider below than band() (never below 1 for a
 * total that counts somebody), so no total fits exactly over its published parts.
 */
export function totalBand(n: number, k: number): Count {
  const b = band(n, k);
  if (b.low < k) return b;
  return { low: Math.max(1, b.low - k), high: b.high };
}

/** True when the band hides a count of fewer than k people ("< k"). */
export function isSmall(count: Count): boolean {
  return count.low === 1;
}

/** A band as a person reads it: "0", "< 5", "10–14". */
export function formatCount(count: Count): string {
  if (count.high === 0) return '0';
  if (count.low === 1) return `< ${count.high + 1}`;
  return `${count.low}–${count.high}`;
}

/** Where a chart draws a band: its lower end (a chart never shows more people than there were). */
export function chartValue(count: Count): number {
  return count.low === 1 ? 0 : count.low;
}

/**
 * A breakdown as published: groups of at least k people, and one "other" row folding the smaller
 * ones, itself of at least k people (the smallest named groups are folded in until it is), or the
 * only row when all together count fewer. Every row is a total (totalBand).
 */
export function foldGroups(rows: readonly { group: string | null; people: number }[], k: number): { group: string | null; isFolded: boolean; people: Count }[] {
  const kept = rows.filter((r) => r.people >= k).sort((a, b) => b.people - a.people || String(a.group).localeCompare(String(b.group)));
  let folded = rows.filter((r) => r.people > 0 && r.people < k).reduce((s, r) => s + r.people, 0);
  let foldedGroups = rows.filter((r) => r.people > 0 && r.people < k).length;
  while (folded > 0 && folded < k && kept.length > 0) {
    const smallest = kept.pop();
    folded += smallest?.people ?? 0;
    foldedGroups += 1;
  }
  const out = kept.map((r) => ({ group: r.group, isFolded: false, people: totalBand(r.people, k) }));
  if (foldedGroups > 0) out.push({ group: null, isFolded: true, people: totalBand(folded, k) });
  return out;
}

/** The value at quantile q (0–1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? 0;
}

/** Median, 90th percentile and longest of the days of a group; hidden below k people. */
export function daysFigures(days: readonly number[], k: number): DaysFigures {
  const people = band(days.length, k);
  if (days.length < k) return { people, medianDays: null, p90Days: null, longestDays: null };
  const sorted = [...days].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { people, medianDays: median, p90Days: quantile(sorted, 0.9), longestDays: sorted[sorted.length - 1] ?? 0 };
}

/** A quote may be shown when its barrier counts at least k people in the period. */
export function mayShowQuote(peopleWithBarrier: number, k: number): boolean {
  return peopleWithBarrier >= k;
}

/** The same, from figures the database computed (median, 90th percentile by nearest rank, longest). */
export function daysSummary(row: { people: number; median: number | null; p90: number | null; longest: number | null }, k: number): DaysFigures {
  const people = band(row.people, k);
  if (row.people < k) return { people, medianDays: null, p90Days: null, longestDays: null };
  return { people, medianDays: row.median, p90Days: row.p90, longestDays: row.longest };
}
