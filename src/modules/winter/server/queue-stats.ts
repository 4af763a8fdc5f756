import type { WinterQueue } from '../contract';

interface QueueVisit {
  status: string;
  checkedInAt: string;
  calledAt: string | null;
  startedAt: string | null;
}

const minutes = (from: string, to: number) => Math.max(0, (to - Date.parse(from)) / 60_000);

/**
 * Today's queue in numbers: how many came, how many are still waiting, the mean wait of those
 * already called (check-in → called, or → consultation start when nobody pressed "call"), and the
 * longest wait of those still waiting. People who left without being seen count in the total only.
 */
export function queueStats(visits: readonly QueueVisit[], now: Date): WinterQueue {
  const waits: number[] = [];
  let waitingNow = 0;
  let longest: number | null = null;
  for (const v of visits) {
    const seenAt = v.calledAt ?? v.startedAt;
    if (seenAt) waits.push(minutes(v.checkedInAt, Date.parse(seenAt)));
    else if (v.status === 'waiting') {
      waitingNow++;
      const w = minutes(v.checkedInAt, now.getTime());
      longest = longest === null ? w : Math.max(longest, w);
    }
  }
  return {
    total: visits.length,
    waitingNow,
    averageWaitMinutes: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
    longestWaitingMinutes: longest === null ? null : Math.round(longest),
  };
}
