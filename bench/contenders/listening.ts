/**
 * How a contender process and the harness meet: the contender listens on loopback at the port the
 * harness asks for (0 = any free port) and prints one line with the port it got.
 */

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
