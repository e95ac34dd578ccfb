import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { busyShare, machineInfo } from '../harness/environment.js';

describe('busyShare', () => {
  it.runIf(existsSync('/proc/stat'))(
    'reads the share of all cores busy as a number from 0 to 1',
    async () => {
      const share = await busyShare(0.2);
      expect(share).not.toBeNull();
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    },
  );
});

describe('machineInfo', () => {
  it('records the busy share it is given next to the load average', () => {
    const info = machineInfo(0.04);
    expect(info.busy_before_run).toBe(0.04);
    expect(info.cores).toBeGreaterThan(0);
    expect(typeof info.load_average).toBe('number');
  });
});
