/**
 * The load: autocannon in a process of its own (pinned to the load core), on loopback, with its report
 * parsed into the numbers the harness keeps. A benchmark run keeps one {@link LoadWorker} for all its
 * loads; `runLoad` starts one for a single load (the soak, the tests).
 */

import type { LoadOptions, LoadResult } from './load-report.js';
import { LoadWorker } from './load-worker.js';

export type { LoadOptions, LoadResult } from './load-report.js';
export { parseAutocannonOutput } from './load-report.js';

/**
 * Runs one load against `options.url` in an autocannon process started for it, and resolves with the
 * measured numbers (after the warm-up, when there is one).
 *
 * @example
 * ```ts
 * const result = await runLoad({ url, request: { method: 'GET', path: '/' }, connections: 100,
 *   warmupSeconds: 2, durationSeconds: 5, core: LOAD_CORE });
 * console.log(result.rps);
 * ```
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const worker = await LoadWorker.start(options.core);
  try {
    return await worker.run(options);
  } finally {
    await worker.stop();
  }
}
