// The real interference probe: what it reads, not how fast (a test never asserts a time).
import { describe, expect, it } from 'vitest';
import { createInterferenceGate, QUIET_LIMIT } from '../harness/interference.js';

describe('createInterferenceGate', () => {
  it('reads slowdowns relative to its fastest reading, quiet within the limit', async () => {
    const gate = createInterferenceGate({ maxWaitSeconds: 0 });
    for (let i = 0; i < 3; i++) {
      const reading = await gate.read();
      expect(reading.slowdown).toBeGreaterThanOrEqual(1);
      expect(reading.quiet).toBe(reading.slowdown <= QUIET_LIMIT);
    }
  });

  it('returns the first reading once the wait is over, quiet or not', async () => {
    const gate = createInterferenceGate({ maxWaitSeconds: 0 });
    const reading = await gate.waitForQuiet();
    expect(reading.slowdown).toBeGreaterThanOrEqual(1);
  });
});
