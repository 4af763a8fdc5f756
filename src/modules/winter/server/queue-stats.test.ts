import { describe, expect, it } from 'vitest';
import { queueStats } from './queue-stats';

const now = new Date('2026-12-01T03:00:00Z'); // 12:00 in Tokyo
const at = (hhmm: string) => `2026-12-01T${hhmm}:00+09:00`;

describe("today's queue on the winter board", () => {
  it('is empty before anyone comes', () => {
    expect(queueStats([], now)).toEqual({ total: 0, waitingNow: 0, averageWaitMinutes: null, longestWaitingMinutes: null });
  });

  it('averages the wait of those already called and reports the longest current wait', () => {
    const stats = queueStats([
      { status: 'done', checkedInAt: at('09:00'), calledAt: at('09:30'), startedAt: at('09:31') },
      // Nobody pressed "call": the start of the consultation ends the wait.
      { status: 'in_consultation', checkedInAt: at('09:10'), calledAt: null, startedAt: at('10:00') },
      { status: 'waiting', checkedInAt: at('11:00'), calledAt: null, startedAt: null },
      { status: 'waiting', checkedInAt: at('11:45'), calledAt: null, startedAt: null },
      // Left before being called: counted as a visit, not as a wait.
      { status: 'left', checkedInAt: at('09:20'), calledAt: null, startedAt: null },
    ], now);
    expect(stats).toEqual({ total: 5, waitingNow: 2, averageWaitMinutes: 40, longestWaitingMinutes: 60 });
  });
});
