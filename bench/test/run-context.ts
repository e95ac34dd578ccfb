// The run context of a made-up full run, for tests that build results by hand.
import type { RunContext } from '../harness/results.js';

export const testRunContext = (date: string, versions: Record<string, string> = {}): RunContext => ({
  date,
  mode: 'full',
  settings: {
    warmupSeconds: 2,
    durationSeconds: 3,
    sliceSeconds: 1,
    connections: 100,
    rounds: 1,
    pipelining: 10,
  },
  pinning: { server_core: 0, load_core: 1 },
  machine: {
    cpu_model: 'Test CPU',
    cores: 2,
    memory_mb: 4096,
    os: 'linux',
    load_average: 0.1,
    busy_before_run: 0,
  },
  versions,
  elapsed_seconds: 300,
});
