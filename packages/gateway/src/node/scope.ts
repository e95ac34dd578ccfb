import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { GATEWAY_INFO, type ScopeSignals } from '../scope-parts.js';
import type { Address, Extensions, GatewayInfo, HeaderList, HttpScope } from '../types.js';
import type { BridgeConfig } from './options.js';
import type { RequestTarget } from './request-target.js';

/**
 * The `http` scope of one Node request. Cheap fields are set up front; the costly ones (header pairs,
 * addresses, the state copy, the AbortSignals) are built on first read, because most apps read few of
 * them and this runs for every request.
 *
 * @example
 * ```ts
 * const scope = new NodeHttpScope(req, parseRequestTarget(req.url)!, config, exchange);
 * scope.headers; // built now, from req.rawHeaders
 * ```
 */
export class NodeHttpScope implements HttpScope {
  readonly type = 'http' as const;
  readonly gateway: GatewayInfo = GATEWAY_INFO;
  readonly httpVersion: string;
  readonly method: string;
  readonly scheme: string;
  readonly path: string;
  readonly rawPath: string;
  readonly queryString: string;
  readonly rootPath: string;
  readonly extensions: Extensions;
  readonly #req: IncomingMessage;
  readonly #lifespanState: Record<string, unknown> | undefined;
  readonly #signals: ScopeSignals;
  #headers: HeaderList | undefined;
  #state: Record<string, unknown> | undefined;
  #client: Address | null | undefined;
  #server: Address | null | undefined;

  constructor(req: IncomingMessage, target: RequestTarget, config: BridgeConfig, signals: ScopeSignals) {
    this.#req = req;
    this.#lifespanState = config.state;
    this.#signals = signals;
    this.httpVersion = req.httpVersionMajor === 2 ? '2' : req.httpVersion;
    this.method = req.method ?? 'GET';
    this.scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
    this.path = target.path;
    this.rawPath = target.rawPath;
    this.queryString = target.queryString;
    this.rootPath = config.rootPath;
    this.extensions = config.extensions;
  }

  get headers(): HeaderList {
    if (this.#headers === undefined) {
      const raw = this.#req.rawHeaders;
      const pairs = new Array<readonly [string, string]>(raw.length >> 1);
      for (let i = 0; i < raw.length; i += 2) {
        // `new Array`, not a literal, as for every per-request object (see `RequestTarget`).
        const pair = new Array<string>(2) as [string, string];
        pair[0] = raw[i]!.toLowerCase();
        pair[1] = raw[i + 1]!;
        pairs[i >> 1] = pair;
      }
      this.#headers = pairs;
    }
    return this.#headers;
  }

  get client(): Address | null {
    if (this.#client === undefined) {
      const { remoteAddress, remotePort } = this.#req.socket;
      this.#client = remoteAddress === undefined ? null : { host: remoteAddress, port: remotePort ?? null };
    }
    return this.#client;
  }

  get server(): Address | null {
    if (this.#server === undefined) {
      const { localAddress, localPort } = this.#req.socket;
      this.#server = localAddress === undefined ? null : { host: localAddress, port: localPort ?? null };
    }
    return this.#server;
  }

  get state(): Record<string, unknown> {
    if (this.#state === undefined) this.#state = { ...this.#lifespanState };
    return this.#state;
  }

  get signal(): AbortSignal {
    return this.#signals.clientSignal();
  }

  get drain(): AbortSignal {
    return this.#signals.drainSignal();
  }
}
