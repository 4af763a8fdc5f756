import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Count } from './contract';
import { band, chartValue, daysFigures, foldGroups, formatCount, LOWEST_MINIMUM_CELL, mayShowQuote, totalBand } from './suppression';

// Property tests of the small-cell protection. The attacks in "no hidden cell can be recovered" and
// "two overlapping filters" are brute force: every table of true values consistent with what is
// published is enumerated, so a cell is "pinned" when all of them agree on its value.

// One seed for every run, so CI and a laptop try the same cases (change it to explore further).
fc.configureGlobal({ seed: 0x7ab1a });

const anyK = fc.integer({ min: LOWEST_MINIMUM_CELL, max: 50 });

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
const within = (n: number, c: Count) => c.low <= n && n <= c.high;
const valuesOf = (c: Count) => Array.from({ length: c.high - c.low + 1 }, (_, i) => c.low + i);
const isSmallValue = (n: number, k: number) => n >= 1 && n < k;

/** Calls visit with every combination of one value from each band. */
function eachAssignment(bands: readonly Count[], visit: (values: readonly number[]) => void): void {
  const values: number[] = [];
  const walk = (i: number) => {
    const b = bands[i];
    if (b === undefined) return visit(values);
    for (let v = b.low; v <= b.high; v++) {
      values[i] = v;
      walk(i + 1);
    }
  };
  walk(0);
}

describe('small-cell protection: bands', () => {
  it('publishes a count as exactly 0, "< k", or k values from a multiple of k, always holding the true count', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat({ max: 160 }), fc.nat({ max: 100_000 })), anyK, (n, k) => {
        const b = band(n, k);
        expect(within(n, b)).toBe(true);
        const shape = (b.low === 0 && b.high === 0) || (b.low === 1 && b.high === k - 1) || (b.low >= k && b.low % k === 0 && b.high === b.low + k - 1);
        expect(shape).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a negative or fractional count of people', () => {
    const notACount = fc.oneof(fc.integer({ max: -1 }), fc.double().filter((x) => !Number.isInteger(x)));
    fc.assert(
      fc.property(notACount, anyK, (n, k) => {
        expect(() => band(n, k)).toThrow(RangeError);
      }),
      { numRuns: 500 },
    );
  });

  it('shows a quote exactly when at least k people share the barrier', () => {
    fc.assert(
      fc.property(fc.nat({ max: 200 }), anyK, (people, k) => {
        expect(mayShowQuote(people, k)).toBe(people >= k);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a band as "0", "< k" or "low–high", and charts "< k" at 0 and any other band at its lower end', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat({ max: 160 }), fc.nat({ max: 100_000 })), anyK, (n, k) => {
        const b = band(n, k);
        const text = formatCount(b);
        if (n === 0) expect(text).toBe('0');
        else if (n < k) expect(text).toBe(`< ${k}`);
        else {
          const [, low, high] = /^(\d+)–(\d+)$/.exec(text) ?? [];
          expect(Number(low)).toBeGreaterThanOrEqual(k);
          expect(Number(low) <= n && n <= Number(high)).toBe(true);
          expect(Number(high) - Number(low)).toBe(k - 1);
        }
        expect(chartValue(b)).toBe(n < k ? 0 : b.low);
        expect(chartValue(b)).toBeLessThanOrEqual(n);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('small-cell protection: breakdowns', () => {
  const breakdown = anyK.chain((k) =>
    fc.tuple(
      fc.constant(k),
      fc.uniqueArray(fc.record({ group: fc.string({ minLength: 1, maxLength: 3 }), people: fc.integer({ min: 0, max: 4 * k }) }), { selector: (r) => r.group, maxLength: 12 }),
    ),
  );

  it('never shows a group of fewer than k people: small groups, and then the smallest named ones, fold into one "other" row of k or more', () => {
    fc.assert(
      fc.property(breakdown, ([k, rows]) => {
        const out = foldGroups(rows, k);
        const truth = new Map(rows.map((r) => [r.group, r.people]));
        const named = out.filter((r) => !r.isFolded);
        const folded = out.filter((r) => r.isFolded);
        for (const row of named) {
          const people = row.group === null ? undefined : truth.get(row.group);
          expect(people).toBeGreaterThanOrEqual(k);
          expect(row.people).toEqual(totalBand(people ?? 0, k));
        }
        expect(folded.length).toBeLessThanOrEqual(1);
        const foldedPeople = sum(rows.map((r) => r.people)) - sum(named.map((r) => truth.get(r.group ?? "") ?? 0));
        if (folded.length === 1) {
          expect(folded[0]?.people).toEqual(totalBand(foldedPeople, k));
          // "Other" is under k only when it is the only row: then it is the total itself.
          if (foldedPeople < k) expect(out).toHaveLength(1);
        } else expect(foldedPeople).toBe(0);
        // Every group with somebody is shown or folded; groups of 0 people are not rows at all.
        expect(named.length).toBeLessThanOrEqual(rows.filter((r) => r.people > 0).length);
      }),
      { numRuns: 1000 },
    );
    expect(foldGroups([], 3)).toEqual([]);
  });

  /** People with the month(s) of a barrier they were seen in and the group (a nationality) they belong to. */
  const population = fc.integer({ min: 3, max: 5 }).chain((k) =>
    fc.tuple(
      fc.constant(k),
      fc.constantFrom(2, 3),
      fc.array(fc.record({ months: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }), group: fc.integer({ min: 0, max: 3 }) }), { maxLength: 3 * k }),
    ),
  );

  it("no small month of a barrier can be recovered from the barrier's total and its breakdown (brute-force attacker)", () => {
    fc.assert(
      fc.property(population, ([k, monthCount, people]) => {
        const inRange = people.map((p) => ({ ...p, months: p.months.filter((m) => m < monthCount) })).filter((p) => p.months.length > 0);
        const cells = Array.from({ length: monthCount }, (_, m) => inRange.filter((p) => p.months.includes(m)).length);
        const total = inRange.length;
        const groups = [0, 1, 2, 3].map((g) => ({ group: `g${g}`, people: inRange.filter((p) => p.group === g).length }));
        const cellBands = cells.map((c) => band(c, k));
        const totalPublished = totalBand(total, k);
        const rows = foldGroups(groups, k);
        // The attacker: the total lies in its band, between the largest month and the sum of the
        // months (distinct people), and equals the sum of the breakdown's rows.
        const rowsLow = sum(rows.map((r) => r.people.low));
        const rowsHigh = sum(rows.map((r) => r.people.high));
        const seen = cells.map(() => new Set<number>());
        eachAssignment(cellBands, (values) => {
          const low = Math.max(totalPublished.low, Math.max(...values), rowsLow);
          const high = Math.min(totalPublished.high, sum(values), rowsHigh);
          if (low > high) return;
          values.forEach((v, i) => seen[i]?.add(v));
        });
        cells.forEach((actual, i) => {
          expect(seen[i]?.has(actual)).toBe(true);
          if (isSmallValue(actual, k)) expect(seen[i]?.size, `month ${i} pinned to ${actual}`).toBeGreaterThanOrEqual(2);
        });
      }),
      // The worst case: each person seen in one month only, every month at the top of its band.
      { numRuns: 500, examples: [[[3, 3, [{ months: [0], group: 0 }, { months: [0], group: 0 }, { months: [1], group: 0 }, { months: [1], group: 0 }, { months: [2], group: 0 }, { months: [2], group: 0 }]]]] },
    );
  });

  it('no small cell of the barrier × month table can be recovered from its row, column and grand totals (brute-force attacker)', () => {
    // Two barriers over two or three months. Each person has the (barrier, month) pairs they were
    // seen with; the counts are distinct people, so a total lies between its largest part and the
    // sum of its parts: the attacker's constraints.
    const table = fc.integer({ min: 3, max: 4 }).chain((k) =>
      fc.tuple(
        fc.constant(k),
        fc.constantFrom(2, 3),
        fc.array(fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 3, selector: ([b, m]) => `${b}:${m}` }), { maxLength: 2 * k }),
      ),
    );
    fc.assert(
      fc.property(table, ([k, monthCount, people]) => {
        const seenWith = people.map((pairs) => pairs.filter(([, m]) => m < monthCount)).filter((pairs) => pairs.length > 0);
        const count = (keep: (b: number, m: number) => boolean) => seenWith.filter((pairs) => pairs.some(([b, m]) => keep(b, m))).length;
        const cells = [0, 1].map((b) => Array.from({ length: monthCount }, (_, m) => count((pb, pm) => pb === b && pm === m)));
        const rowBands = [0, 1].map((b) => totalBand(count((pb) => pb === b), k));
        const columnBands = Array.from({ length: monthCount }, (_, m) => totalBand(count((_b, pm) => pm === m), k));
        const grandBand = totalBand(seenWith.length, k);
        const flat = cells.flat();
        const seen = flat.map(() => new Set<number>());
        const between = (b: Count, low: number, high: number) => ({ low: Math.max(b.low, low), high: Math.min(b.high, high) });
        eachAssignment(flat.map((c) => band(c, k)), (values) => {
          const m = [0, 1].map((b) => values.slice(b * monthCount, (b + 1) * monthCount));
          const rows = m.map((r, b) => between(rowBands[b] ?? grandBand, Math.max(...r), sum(r)));
          const cols = columnBands.map((c, j) => between(c, Math.max(m[0]?.[j] ?? 0, m[1]?.[j] ?? 0), (m[0]?.[j] ?? 0) + (m[1]?.[j] ?? 0)));
          if ([...rows, ...cols].some((r) => r.low > r.high)) return;
          // A grand total G with rows and columns inside their ranges: every row and column ≤ G ≤ their sums.
          const fits = (lines: Count[], g: number) => lines.every((l) => l.low <= g) && sum(lines.map((l) => Math.min(l.high, g))) >= g;
          let feasible = false;
          for (let g = grandBand.low; g <= Math.min(grandBand.high, sum(values)) && !feasible; g++) feasible = fits(rows, g) && fits(cols, g);
          if (!feasible) return;
          values.forEach((v, i) => seen[i]?.add(v));
        });
        flat.forEach((actual, i) => {
          expect(seen[i]?.has(actual)).toBe(true);
          if (isSmallValue(actual, k)) expect(seen[i]?.size, `cell ${Math.floor(i / monthCount)},${i % monthCount} pinned to ${actual}`).toBeGreaterThanOrEqual(2);
        });
      }),
      {
        numRuns: 300,
        examples: [
          // Each person in one cell: every cell at the top of its band, the totals at the bottom of theirs.
          [[3, 3, [[[0, 0]], [[0, 0]], [[0, 1]], [[0, 1]], [[0, 2]], [[0, 2]]]]],
          [[3, 2, [[[0, 0]], [[1, 0]], [[0, 1]], [[1, 1]]]]],
        ],
      },
    );
  });
});

describe('small-cell protection: overlapping filters', () => {
  // A person is the months (0–11) in which they had the barrier; a figure counts distinct people.
  const population = fc.integer({ min: 3, max: 50 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 3 }), { maxLength: 4 * k })));
  const allButMonth = (people: readonly (readonly number[])[], m: number) => people.filter((months) => months.some((x) => x !== m)).length;
  const differences = (all: Count, allButM: Count) => new Set(valuesOf(all).flatMap((a) => valuesOf(allButM).filter((b) => a >= b).map((b) => a - b)));

  it('"all months" minus "all months but m" never pins the people seen only in month m', () => {
    let smallCases = 0;
    fc.assert(
      fc.property(population, fc.integer({ min: 0, max: 11 }), ([k, people], m) => {
        // Figures over a period are totals: published one band wider below (totalBand).
        const all = totalBand(people.length, k);
        const allButM = totalBand(allButMonth(people, m), k);
        const onlyInM = people.length - allButMonth(people, m);
        if (!isSmallValue(onlyInM, k) || allButM.high === 0) return;
        smallCases++;
        const feasible = [...differences(all, allButM)];
        expect(feasible).toContain(onlyInM);
        expect(feasible.length).toBeGreaterThanOrEqual(2);
        expect(feasible.some((d) => d === 0 || d >= k), `only in month ${m}: ${onlyInM}, feasible ${feasible.join(',')}`).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(smallCases).toBeGreaterThan(20);
  });

  it('when "all months but m" is exactly 0, the difference tells no more than "all months" itself: "< k"', () => {
    // Everyone was seen only in month m, so the difference is the "all months" figure, already
    // published as "< k" (0 is published as itself by design): the attacker's values are exactly 1..k−1.
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 50 }).chain((k) => fc.tuple(fc.constant(k), fc.integer({ min: 1, max: k - 1 }))), fc.integer({ min: 0, max: 11 }), ([k, n], m) => {
        const people = Array.from({ length: n }, () => [m]);
        const all = band(people.length, k);
        const allButM = band(allButMonth(people, m), k);
        expect(allButM).toEqual({ low: 0, high: 0 });
        expect([...differences(all, allButM)].sort((a, b) => a - b)).toEqual(valuesOf({ low: 1, high: k - 1 }));
      }),
      { numRuns: 200 },
    );
  });

  it('no ±1 combination of "all months", "all but m1" and "all but m2" pins a small number (brute-force attacker)', () => {
    // The attacker also knows the set theory: each "all but" is at most "all", and the people seen only
    // in m1 and only in m2 are disjoint, so (all − allButM1) + (all − allButM2) ≤ all.
    const coefficients = [-1, 0, 1].flatMap((a) => [-1, 0, 1].flatMap((b) => [-1, 0, 1].map((c) => [a, b, c] as const))).filter((c) => c.some((x) => x !== 0));
    const twoMonths = fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 2, maxLength: 2 });
    const smallPopulation = fc.integer({ min: 3, max: 10 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 3 }), { maxLength: 4 * k })));
    let smallCases = 0;
    fc.assert(
      fc.property(smallPopulation, twoMonths, ([k, people], [m1 = 0, m2 = 1]) => {
        const truth = [people.length, allButMonth(people, m1), allButMonth(people, m2)] as const;
        const [all, butM1, butM2] = truth.map((n) => totalBand(n, k));
        const seen = coefficients.map(() => new Set<number>());
        eachAssignment([all ?? band(0, k), butM1 ?? band(0, k), butM2 ?? band(0, k)], ([a = 0, b1 = 0, b2 = 0]) => {
          if (b1 > a || b2 > a || a - b1 + (a - b2) > a) return;
          coefficients.forEach(([x, y, z], i) => seen[i]?.add(x * a + y * b1 + z * b2));
        });
        if (isSmallValue(truth[0] - truth[1], k)) smallCases++;
        coefficients.forEach(([x, y, z], i) => {
          const actual = x * truth[0] + y * truth[1] + z * truth[2];
          expect(seen[i]?.has(actual)).toBe(true);
          if (isSmallValue(actual, k)) expect(seen[i]?.size, `${x}·all ${y}·allBut${m1} ${z}·allBut${m2} pinned to ${actual}`).toBeGreaterThanOrEqual(2);
        });
      }),
      { numRuns: 300 },
    );
    expect(smallCases).toBeGreaterThan(10);
  });
});

describe('small-cell protection: days', () => {
  const days = fc.nat({ max: 2000 });

  it('hides median, 90th percentile and longest for fewer than k people, and bands the people', () => {
    const few = anyK.chain((k) => fc.tuple(fc.constant(k), fc.array(days, { maxLength: k - 1 })));
    fc.assert(
      fc.property(few, ([k, values]) => {
        expect(daysFigures(values, k)).toEqual({ people: band(values.length, k), medianDays: null, p90Days: null, longestDays: null });
      }),
      { numRuns: 500 },
    );
  });

  it('shows for k people or more the median, the nearest-rank 90th percentile and the longest of their days', () => {
    const enough = anyK.chain((k) => fc.tuple(fc.constant(k), fc.integer({ min: k, max: 3 * k }).chain((n) => fc.array(days, { minLength: n, maxLength: n }))));
    fc.assert(
      fc.property(enough, ([k, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const n = sorted.length;
        const at = (i: number) => sorted[i] ?? Number.NaN;
        const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
        expect(daysFigures(values, k)).toEqual({ people: band(n, k), medianDays: median, p90Days: at(Math.ceil((9 * n) / 10) - 1), longestDays: at(n - 1) });
      }),
      { numRuns: 500 },
    );
  });
});
