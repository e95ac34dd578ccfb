import { GATEWAY_INFO, type ScopeSignals } from '../../scope-parts.js';
import type { Address, Extensions, GatewayInfo, HeaderList, HttpScope } from '../../types.js';

/** What a transport knows about a request before the app sees it: the scope less what the host adds. */
export type RequestInfo = Omit<
  HttpScope,
  'type' | 'gateway' | 'signal' | 'drain' | 'extensions' | 'state' | 'path'
>;

/**
 * The `http` scope of a request served by an {@link AppHost} (the memory transport, the Fetch adapter).
 * As the Node bridge's scope does, it builds the costly fields on first read: the signals (an
 * `AbortSignal` costs microseconds on Node 20), the state copy, and the headers when the transport
 * reads them lazily too (a Fetch `Request`'s headers are a `Headers` to iterate).
 *
 * @example
 * ```ts
 * const scope = new ExchangeScope(request, path, lifespan.state, extensions, exchange);
 * scope.signal; // made now
 * ```
 */
export class ExchangeScope implements HttpScope {
  readonly type = 'http' as const;
  readonly gateway: GatewayInfo = GATEWAY_INFO;
  readonly httpVersion: string;
  readonly method: string;
  readonly scheme: string;
  readonly path: string;
  readonly rawPath: string;
  readonly queryString: string;
  readonly rootPath: string;
  readonly client: Address | null;
  readonly server: Address | null;
  readonly extensions: Extensions;
  readonly #request: RequestInfo;
  readonly #lifespanState: Record<string, unknown>;
  readonly #signals: ScopeSignals;
  #headers: HeaderList | undefined;
  #state: Record<string, unknown> | undefined;

  /**
   * @param path the decoded path.
   * @param lifespanState copied for the request when the app first reads `scope.state`.
   */
  constructor(
    request: RequestInfo,
    path: string,
    lifespanState: Record<string, unknown>,
    extensions: Extensions,
    signals: ScopeSignals,
  ) {
    this.#request = request;
    this.#lifespanState = lifespanState;
    this.#signals = signals;
    this.httpVersion = request.httpVersion;
    this.method = request.method;
    this.scheme = request.scheme;
    this.path = path;
    this.rawPath = request.rawPath;
    this.queryString = request.queryString;
    this.rootPath = request.rootPath;
    this.client = request.client;
    this.server = request.server;
    this.extensions = extensions;
  }

  get headers(): HeaderList {
    this.#headers ??= this.#request.headers;
    return this.#headers;
  }

  get state(): Record<string, unknown> {
    this.#state ??= { ...this.#lifespanState };
    return this.#state;
  }

  get signal(): AbortSignal {
    return this.#signals.clientSignal();
  }

  get drain(): AbortSignal {
    return this.#signals.drainSignal();
  }
}
