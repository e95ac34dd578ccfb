// Runs inside the runtime under test (Node 20, Node 24, Bun or Deno), driven by matrix.test.ts:
//   host-runner.ts <host> conformance        prints "CHECK <json>" per check of the conformance kit, as
//                                            each ends (a runtime that crashes midway still told the rest)
//   host-runner.ts <host> serve <app spec>   serves the app there, says "Listening on <url>" (stderr), stops
//                                            when its standard input closes
import process from 'node:process';
import { CONFORMANCE_CHECKS, runCheck } from '@flagon/gateway/conformance';
import { loadApp } from '@flagon/gateway/loader';
import { HOSTS, type HostName } from './hosts/index.js';

const [hostName, mode, appSpec] = process.argv.slice(2);
if (!hostName || !(hostName in HOSTS))
  throw new Error(`unknown host ${hostName}; one of ${Object.keys(HOSTS).join(', ')}`);
const host = await HOSTS[hostName as HostName]();

if (mode === 'conformance') {
  const target = { name: host.name, startServer: host.start, fetchHost: host.fetchHost };
  for (const check of CONFORMANCE_CHECKS) {
    process.stdout.write(`CHECK ${JSON.stringify(await runCheck(check, target))}\n`);
  }
  process.exit(0);
} else if (mode === 'serve' && appSpec) {
  const { app } = await loadApp(appSpec);
  const server = await host.start(app);
  process.stderr.write(`Listening on ${server.url}\n`); // where the CLI says it, for the same watcher
  process.stdin.resume();
  process.stdin.on('end', () => {
    void server.close().then(() => process.exit(0));
  });
} else {
  throw new Error('usage: host-runner.ts <host> conformance | serve <app spec>');
}
