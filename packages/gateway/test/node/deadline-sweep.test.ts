// The bridge's one clock for request timeouts: a deadline is told when it passes, and under load the
// sweep keeps one interval rather than making a timer per request.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeadlineKind } from '../../src/node/deadline-sweep.js';
import { DeadlineSweep } from '../../src/node/deadline-sweep.js';

function owner(): { told: DeadlineKind[]; deadlinePassed(kind: DeadlineKind): void } {
  const told: DeadlineKind[] = [];
  return { told, deadlinePassed: (kind) => told.push(kind) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('DeadlineSweep', () => {
  it('tells an owner whose deadline passed, not one unwatched in time', () => {
    const sweep = new DeadlineSweep(50);
    const late = owner();
    const done = owner();
    sweep.watch(late, 'body', 100);
    sweep.unwatch(sweep.watch(done, 'response', 100));
    vi.advanceTimersByTime(99);
    expect(late.told).toEqual([]);
    // Told at the sweep on or after the deadline (and at each one after, until it unwatches).
    vi.advanceTimersByTime(1);
    expect(late.told).toEqual(['body']);
    expect(done.told).toEqual([]);
  });

  it('keeps one interval while requests come and go, and stops it once a sweep finds none watched', () => {
    const started = vi.spyOn(globalThis, 'setInterval');
    const stopped = vi.spyOn(globalThis, 'clearInterval');
    const sweep = new DeadlineSweep(50);
    // Each request watched and unwatched in turn: the list empties between them.
    for (let i = 0; i < 100; i++) sweep.unwatch(sweep.watch(owner(), 'response', 1_000));
    expect(started).toHaveBeenCalledTimes(1);
    expect(stopped).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    // The next request starts it again.
    sweep.watch(owner(), 'body', 1_000);
    expect(started).toHaveBeenCalledTimes(2);
    expect(sweep.size).toBe(1);
  });
});
