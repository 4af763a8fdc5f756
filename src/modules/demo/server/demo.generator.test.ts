import { describe, expect, it } from 'vitest';
import { addDays, createRng, generatePeople, isOfficeDay, planHistory } from './demo.generator';

const now = new Date('2026-11-30T03:00:00Z'); // Monday 12:00 in Tokyo

function load(seed: number) {
  const rng = createRng(seed);
  const people = generatePeople(rng, 300, '2026-11-30');
  return { people, history: planHistory(rng, people, { now, days: 91 }) };
}

describe('demo generator', () => {
  it('gives the same people and history for the same seed and day', () => {
    const a = load(7);
    const b = load(7);
    expect(b.people).toEqual(a.people);
    expect(b.history).toEqual(a.history);
    expect(load(8).people).not.toEqual(a.people);
  });

  it('keeps every visit on an office day, after the person was registered, in the past', () => {
    const { history } = load(7);
    for (const v of history.visits) {
      expect(isOfficeDay(v.visitDate) || v.visitDate === '2026-11-30').toBe(true);
      expect(v.checkedInAt.getTime()).toBeGreaterThanOrEqual(history.registeredAt[v.person]?.getTime() ?? Infinity);
      expect(v.checkedInAt.getTime()).toBeLessThan(now.getTime());
      for (const t of [v.calledAt, v.startedAt, v.finishedAt]) if (t) expect(t.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    expect((history.days[0] ?? '') >= addDays('2026-11-30', -91)).toBe(true);
  });

  it('closes the office from 29 December to 3 January and at weekends', () => {
    expect(isOfficeDay('2026-12-28')).toBe(true);
    expect(['2026-12-29', '2026-12-31', '2027-01-01', '2027-01-03', '2026-11-28', '2026-11-29'].some(isOfficeDay)).toBe(false);
    expect(isOfficeDay('2027-01-04')).toBe(true);
  });
});
