/**
 * Contender: Node's own `node:cluster` with 2 workers, each running the bare `node:http` contender's
 * request listener: what Node offers for using a second core, the limit for Flagon's `--workers 2`.
 * The primary announces the port once both workers listen; SIGTERM stops the workers, then itself.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { announceListening, BENCH_HOST, benchPort } from './listening.js';
import { createListener } from './node-http.js';

const WORKERS = 2;

if (cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    // listen(0) in the workers: the primary hands them all the same port.
    if (listening === WORKERS) announceListening(address.port);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping)
      process.stderr.write(`node-cluster: worker ${worker.process.pid} died (${signal ?? code})\n`);
  });
  let stopping = false;
  process.on('SIGTERM', () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  });
  for (let i = 0; i < WORKERS; i++) cluster.fork();
} else {
  createServer(createListener()).listen(benchPort(), BENCH_HOST);
}
