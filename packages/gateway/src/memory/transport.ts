import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import type { Address, App } from '../types.js';
import type { DrainOptions } from './core/app-host.js';
import { AppHost } from './core/app-host.js';
import type { MemoryRequest } from './request.js';
import { describeRequest } from './request.js';
import type { MemoryResponse } from './response.js';
import { ExchangeResponse } from './response.js';

/** Which extensions the memory transport offers in `scope.extensions`; each defaults to on. */
export interface MemoryExtensionOptions {
  readonly trailers?: boolean;
  readonly file?: boolean;
  readonly earlyHints?: boolean;
  readonly tasks?: boolean;
}

export interface MemoryTransportOptions {
  /** The lifespan state the app starts with (it fills it during startup). */
  readonly state?: Record<string, unknown>;
  readonly extensions?: MemoryExtensionOptions;
  /** The peer address in `scope.client`; default `127.0.0.1:50000`. A request may override it. */
  readonly client?: Address | null;
  /** The address in `scope.server` (and the default `host` header); default `localhost` on 80 or 443. */
  readonly server?: Address | null;
  /** Default `http`. A request may override it. */
  readonly scheme?: 'http' | 'https';
  /** The prefix the app is mounted under; default `""`. A request may override it. */
  readonly rootPath?: string;
  /** Where app errors, failed tasks and lifespan trouble are logged; silent by default (see `res.error`). */
  readonly logger?: Logger;
}

/** A gateway server without the network, for tests: see {@link createMemoryTransport}. */
export interface MemoryTransport {
  /** Runs lifespan startup; rejects with `LifespanStartupError` and the app's message when it fails. */
  open(): Promise<void>;
  /**
   * Sends a request (starting the lifespan first if `open()` was not called) and resolves once the app
   * sent `http.response.start`, or with a 500 when the app failed before it. Rejects with a
   * `ClientDisconnectedError` when the request was cut (its `signal` aborted, a drain deadline) first.
   */
  request(request: MemoryRequest): Promise<MemoryResponse>;
  /** Sends the drain notice to every in-flight request; at `deadline` (epoch ms) cuts those left. */
  drain(options?: DrainOptions): void;
  /** Resolves once every `waitUntil` task the app handed over settled (failures are logged). */
  tasks(): Promise<void>;
  /**
   * Shuts down like a server: drains, waits for in-flight requests and tasks (until `deadline`, if
   * given), then runs lifespan shutdown. A response whose body the test never read counts as one its
   * client walked away from: it is disconnected, so its app is not left waiting on a send forever.
   */
  close(options?: DrainOptions): Promise<void>;
}

/**
 * Serves a gateway app in memory: no socket, no port, same rules as a real server (a 500 for an app
 * that fails before responding, a cut response for one that fails after, backpressure, disconnects,
 * drain, lifespan). Use it to test any gateway app, or to call one from code.
 *
 * @example
 * ```ts
 * const transport = createMemoryTransport(app);
 * await transport.open();
 * const res = await transport.request({ method: 'POST', path: '/echo?x=1', body: 'hi' });
 * assert.equal(res.status, 200);
 * assert.equal(await res.text(), 'hi');
 * await transport.close();
 * ```
 */
export function createMemoryTransport(app: App, options: MemoryTransportOptions = {}): MemoryTransport {
  const logger = options.logger ?? silentLogger;
  const host = new AppHost(app, { state: options.state, logger });
  const offered = options.extensions ?? {};
  const extensions = {
    trailers: offered.trailers ?? true,
    file: offered.file ?? true,
    earlyHints: offered.earlyHints ?? true,
    waitUntil: (offered.tasks ?? true) ? host.waitUntil : null,
  };
  const handedOut = new Set<ExchangeResponse>();

  return {
    async open() {
      await host.open();
    },

    async request(input) {
      const { request, body } = describeRequest(input, options);
      const exchange = await host.exchange({ request, body, extensions, clientSignal: input.signal });
      const response = new ExchangeResponse(exchange, await exchange.response.head);
      handedOut.add(response);
      void exchange.finished.then(() => handedOut.delete(response));
      return response;
    },

    drain: (drainOptions) => host.drain(drainOptions),

    tasks: () => host.tasks(),

    close(closeOptions) {
      if (!host.closed) {
        for (const response of handedOut) if (!response.touched) response.disconnect();
      }
      return host.close(closeOptions);
    },
  };
}
