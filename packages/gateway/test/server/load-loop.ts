// A steady request loop for tests that change a server under load (a rolling reload): it counts every
// request that did not get a complete 200.
import type { Agent as HttpAgent } from 'node:http';
import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** What a {@link steadyLoad} saw. */
export interface LoadReport {
  /** Requests answered 200 in full. */
  readonly ok: number;
  /** Every other outcome, one line each: the status or the error. */
  readonly failures: string[];
  /**
   * Keep-alive requests retried because the server closed the idle connection as they were sent
   * (`ECONNRESET` on a reused socket before any response byte): what RFC 9112 section 9.3.1 lets a
   * client do for an idempotent request, and what nginx and Node's own docs (`reusedSocket`) do.
   */
  readonly retried: number;
  /** How many responses carried each body. */
  readonly bodies: Map<string, number>;
}

/**
 * GETs `url` from `loops` keep-alive connections and as many new connections (one request each) at
 * once, until `done()` is true and at least `minimum` requests were answered (or `maximum` were sent).
 * An `https:` URL is fetched over TLS, trusting the certificate `ca`. `newConnections: false` keeps to
 * the keep-alive loops: behind a proxy that opens its own connection per request, a TLS handshake per
 * request would only slow the loop down.
 *
 * @example
 * ```ts
 * const report = await steadyLoad(url, () => reloaded, 2_000);
 * expect(report.failures).toEqual([]);
 * ```
 */
export async function steadyLoad(
  url: string,
  done: () => boolean,
  minimum: number,
  {
    loops = 2,
    maximum = 50_000,
    ca,
    newConnections = true,
  }: { loops?: number; maximum?: number; ca?: string; newConnections?: boolean } = {},
): Promise<LoadReport> {
  let ok = 0;
  let sent = 0;
  let retried = 0;
  const failures: string[] = [];
  const bodies = new Map<string, number>();
  const tls = url.startsWith('https:');
  const keepAlive = tls
    ? new HttpsAgent({ keepAlive: true, maxSockets: loops, ca })
    : new Agent({ keepAlive: true, maxSockets: loops });
  // A new connection per request over TLS too; the agent only keeps TLS sessions, for quick handshakes.
  const oneShot = tls ? new HttpsAgent({ keepAlive: false, ca }) : false;
  const loop = async (agent: HttpAgent | false): Promise<void> => {
    while (sent < maximum && !(done() && ok >= minimum)) {
      sent += 1;
      try {
        let outcome = await get(url, agent);
        if (outcome === 'reset-on-reuse') {
          retried += 1;
          outcome = await get(url, agent);
        }
        if (typeof outcome === 'string' || outcome.status !== 200) {
          failures.push(typeof outcome === 'string' ? outcome : `status ${outcome.status}`);
          continue;
        }
        ok += 1;
        bodies.set(outcome.body, (bodies.get(outcome.body) ?? 0) + 1);
      } catch (error) {
        failures.push(String(error));
      }
    }
  };
  const all: Promise<void>[] = [];
  for (let i = 0; i < loops; i++) {
    all.push(loop(keepAlive));
    if (newConnections) all.push(loop(oneShot));
  }
  await Promise.all(all);
  keepAlive.destroy();
  if (oneShot) oneShot.destroy();
  return { ok, failures, retried, bodies };
}

type Outcome = { status: number; body: string } | 'reset-on-reuse' | string;

function get(url: string, agent: HttpAgent | false): Promise<Outcome> {
  return new Promise((resolve) => {
    let answered = false;
    const send = url.startsWith('https:') ? httpsRequest : request;
    const req = send(url, { agent }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (error) => resolve(`response cut: ${error.message}`));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered && req.reusedSocket && error.code === 'ECONNRESET') resolve('reset-on-reuse');
      else resolve(`${error.code ?? ''} ${error.message}${req.reusedSocket ? ' (reused socket)' : ''}`);
    });
    req.end();
  });
}
