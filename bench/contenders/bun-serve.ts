/**
 * `Bun.serve` for the Bun contenders: loopback, the harness's port, announced as every contender does.
 * Typed here by hand (only what is used), so the bench needs no Bun type package under Node.
 */
import { announceListening, BENCH_HOST, benchPort } from './listening.js';

interface BunServeOptions {
  readonly port: number;
  readonly hostname: string;
  readonly fetch: (request: Request) => Response | Promise<Response>;
}

declare const Bun: { serve(options: BunServeOptions): { readonly port: number } };

/**
 * Serves `fetch` with `Bun.serve` and tells the harness its port.
 *
 * @example
 * ```ts
 * serveOnBun(app.fetch);
 * ```
 */
export function serveOnBun(fetch: BunServeOptions['fetch']): void {
  const server = Bun.serve({ port: benchPort(), hostname: BENCH_HOST, fetch });
  announceListening(server.port);
}
