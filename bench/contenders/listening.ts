/**
 * How a contender process and the harness meet: the contender listens on loopback at the port the
 * harness asks for (0 = any free port) and prints one line with the port it got. Imported instead (the
 * in-process measurement), a contender listens on nothing and hands over its request listener.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';

/** A `node:http` request listener, as a contender's server would run it. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** What every contender module exports: its app's request listener, built without listening. */
export type CreateListener = () => RequestListener | Promise<RequestListener>;

/**
 * True when the module at `moduleUrl` is the process's entry point (the harness started it as a
 * server), false when it was imported (the in-process measurement).
 *
 * @example
 * ```ts
 * if (runsAsServer(import.meta.url)) server.listen(benchPort(), BENCH_HOST);
 * ```
 */
export function runsAsServer(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(entry).href === moduleUrl;
}

/** Every contender listens on loopback only. */
export const BENCH_HOST = '127.0.0.1';

/** The line prefix the harness waits for on a contender's stdout. */
export const LISTENING_PREFIX = 'bench: listening on port ';

/**
 * The port to listen on, from `BENCH_PORT` (default 0, any free port).
 *
 * @example
 * ```ts
 * server.listen(benchPort(), BENCH_HOST, () => announceListening(server.address()));
 * ```
 */
export function benchPort(): number {
  return Number(process.env.BENCH_PORT ?? 0);
}

/**
 * Tells the harness the contender is ready, with the port it listens on.
 *
 * @example
 * ```ts
 * announceListening(8080); // prints "bench: listening on port 8080"
 * ```
 */
export function announceListening(port: number): void {
  process.stdout.write(`${LISTENING_PREFIX}${port}\n`);
}
