import { describe, expect, it } from 'vitest';
import { VisitStatus } from '../contract';
import { canTransition } from './reception.service';

describe('visit status flow', () => {
  it('follows waiting → called → in consultation → done', () => {
    expect(canTransition('waiting', 'called')).toBe(true);
    expect(canTransition('called', 'in_consultation')).toBe(true);
    expect(canTransition('in_consultation', 'done')).toBe(true);
  });

  it('lets a person leave unseen, and come back to the queue', () => {
    expect(canTransition('waiting', 'left')).toBe(true);
    expect(canTransition('called', 'left')).toBe(true);
    expect(canTransition('left', 'waiting')).toBe(true);
  });

  it('never reopens a finished visit or skips the call', () => {
    for (const to of VisitStatus.options) expect(canTransition('done', to)).toBe(false);
    expect(canTransition('waiting', 'in_consultation')).toBe(false);
    expect(canTransition('waiting', 'done')).toBe(false);
    expect(canTransition('in_consultation', 'left')).toBe(false);
  });
});
