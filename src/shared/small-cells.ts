/**
 * Small-cell suppression for aggregates seen outside case work (viewers, fundraisers, advocacy):
 * a count of fewer than MIN_CELL people is hidden, and groups of fewer than MIN_CELL people (a
 * nationality, a sex) are folded into one row, itself hidden when still too small. Zero is shown:
 * it singles nobody out. The one rule for every module that publishes figures.
 */
export const MIN_CELL = 5;

/** A count of people as such an audience sees it: null (shown "<5") from 1 to MIN_CELL - 1. */
export function maskCount(n: number): number | null {
  return n > 0 && n < MIN_CELL ? null : n;
}

/**
 * Groups of at least MIN_CELL people as they are; the smaller ones summed into one folded row
 * (or none when there are none), every figure of which is hidden when it counts too few people.
 */
export function foldSmallGroups<G extends { peopleHelped: number | null }, F extends Record<string, number | null>>(
  groups: readonly G[],
  figuresOf: (group: G) => F,
  makeFolded: (figures: F | null) => G,
): G[] {
  const kept = groups.filter((g) => (g.peopleHelped ?? 0) >= MIN_CELL || g.peopleHelped === 0);
  const small = groups.filter((g) => !kept.includes(g));
  if (small.length === 0) return kept;
  const sum = {} as Record<string, number>;
  for (const g of small) for (const [k, v] of Object.entries(figuresOf(g))) sum[k] = (sum[k] ?? 0) + (v ?? 0);
  const people = sum.peopleHelped ?? 0;
  return [...kept, makeFolded(people >= MIN_CELL ? (sum as F) : null)];
}
