import { describe, expect, it } from 'vitest';
import { foldSmallGroups, maskCount } from './small-cells';

type G = { key: string | null; peopleHelped: number | null; visits: number | null; isFolded: boolean };
const figuresOf = (g: G) => ({ peopleHelped: g.peopleHelped, visits: g.visits });
const folded = (f: { peopleHelped: number | null; visits: number | null } | null): G => ({ key: null, peopleHelped: null, visits: null, ...f, isFolded: true });
const g = (key: string, people: number, visits: number): G => ({ key, peopleHelped: people, visits, isFolded: false });

describe('small-cell suppression', () => {
  it('hides counts from 1 to 4, shows 0 and 5 up', () => {
    expect([0, 1, 4, 5, 12].map(maskCount)).toEqual([0, null, null, 5, 12]);
  });

  it('keeps groups of 5 or more and folds the smaller ones into one row, hidden while it is still under 5', () => {
    expect(foldSmallGroups([g('CD', 7, 9), g('ET', 1, 1), g('YE', 2, 3)], figuresOf, folded)).toEqual([
      g('CD', 7, 9), { key: null, peopleHelped: null, visits: null, isFolded: true },
    ]);
    expect(foldSmallGroups([g('CD', 7, 9), g('ET', 3, 4), g('YE', 2, 3)], figuresOf, folded)).toEqual([
      g('CD', 7, 9), { key: null, peopleHelped: 5, visits: 7, isFolded: true },
    ]);
    expect(foldSmallGroups([g('CD', 7, 9)], figuresOf, folded)).toEqual([g('CD', 7, 9)]);
  });
});
