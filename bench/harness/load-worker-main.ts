/**
 * The load worker's process (see `load-worker.ts`): runs autocannon for each job the harness sends,
 * one at a time, and answers with its report. It exits when the harness disconnects.
 */
import autocannon from 'autocannon';
import { autocannonOptions } from './load-report.js';
import type { LoadJob, LoadReply } from './load-worker.js';

const reply = (message: LoadReply) => process.send?.(message);

process.on('message', (job: LoadJob) => {
  // This process does nothing but the load, so its CPU time over the job is autocannon's.
  const cpuBefore = process.cpuUsage();
  autocannon(autocannonOptions(job.options), (error: Error | null, result: unknown) => {
    const { user, system } = process.cpuUsage(cpuBefore);
    if (error) reply({ id: job.id, error: error.message });
    else reply({ id: job.id, report: JSON.stringify(result), cpuSeconds: (user + system) / 1e6 });
  });
});
process.on('disconnect', () => process.exit(0));
process.send?.('ready');
