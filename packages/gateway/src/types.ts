import type { ClientDisconnectedError } from './errors.js';

/**
 * The Flagon gateway interface, version 1.0, as TypeScript types.
 *
 * `docs/gateway-spec.md` is the normative text; every type here carries the rule it encodes, and the two
 * must say the same thing. A gateway app is one async function; a server calls it once per connection
 * event stream (a request, or the process lifespan) with a scope, a `receive` and a `send`.
 *
 * @example
 * ```ts
 * import type { App } from '@flagon/gateway';
 *
 * const app: App = async (scope, receive, send) => {
 *   if (scope.type !== 'http') return;
 *   await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
 *   await send({ type: 'http.response.body', body: 'Hello, World!' });
 * };
 * ```
 */

/** The spec version a 1.0 server puts in `scope.gateway.version`. */
export const SPEC_VERSION = '1.0' as const;

/** Header list: ordered `[name, value]` pairs, names lowercase, duplicates kept in arrival order. */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/** A network address. For a Unix domain socket `host` is the socket path and `port` is `null`. */
export interface Address {
  readonly host: string;
  readonly port: number | null;
}

/** What every scope carries about the interface itself. */
export interface GatewayInfo {
  /** The spec version the server implements, `"1.0"`. */
  readonly version: string;
}

/** An extension the server offers by its mere presence in `scope.extensions`. */
export type ExtensionFlag = Readonly<Record<never, never>>;

/**
 * Optional features a server offers. An app MUST feature-detect each (`if (scope.extensions.file)`)
 * before using it, and MUST NOT send an event of an extension that is absent.
 */
export interface Extensions {
  /** `http.response.trailers` may follow the body of a response started with `trailers: true`. */
  readonly trailers?: ExtensionFlag;
  /** `http.response.file`: the server streams a file's bytes itself (zero-copy where it can). */
  readonly file?: ExtensionFlag;
  /** `http.response.early_hints`: informational 103 responses before `http.response.start`. */
  readonly earlyHints?: ExtensionFlag;
  /** After-response tasks: work the server keeps alive after the response, and waits for on drain. */
  readonly tasks?: {
    /** Keeps `task` alive past the response; a rejection is logged by the server, never sent. */
    waitUntil(task: PromiseLike<unknown>): void;
  };
}

/** The scope of one HTTP request. */
export interface HttpScope {
  readonly type: 'http';
  readonly gateway: GatewayInfo;
  /** `"1.0"`, `"1.1"`, `"2"` or `"3"`. */
  readonly httpVersion: string;
  /** The request method, uppercase, e.g. `"GET"`. */
  readonly method: string;
  /** `"http"` or `"https"`, as seen by the server (a proxy-aware server may rewrite it). */
  readonly scheme: string;
  /** The path, percent-decoded as UTF-8, without the query string. */
  readonly path: string;
  /** The path exactly as sent in the request target, not decoded, without the query string. */
  readonly rawPath: string;
  /** The query string exactly as sent, without the leading `?`; `""` when there is none. */
  readonly queryString: string;
  /** The prefix the app is mounted under, not included in `path`; `""` by default. */
  readonly rootPath: string;
  /** Request headers: lowercase names, duplicates kept, arrival order. */
  readonly headers: HeaderList;
  /** The peer's address, or `null` when unknown. */
  readonly client: Address | null;
  /** The address the request arrived on, or `null` when unknown. */
  readonly server: Address | null;
  /** A shallow copy, per request, of the lifespan `state` after startup completed. */
  readonly state: Record<string, unknown>;
  /** Optional server features; see {@link Extensions}. */
  readonly extensions: Extensions;
  /**
   * Aborted when the request is over for the client: it went away, a write timed out, a heartbeat found
   * the peer dead, or the server cut the connection. Its `reason` is a {@link ClientDisconnectedError}.
   * It can be handed to `fetch()` and friends so upstream work stops with the client.
   */
  readonly signal: AbortSignal;
  /**
   * Aborted when the server starts draining (shutdown or worker restart) while this request is in flight.
   * The app SHOULD finish its response promptly; see `http.drain`.
   */
  readonly drain: AbortSignal;
}

/** The scope of the process lifespan: one per server process (or worker), before any request. */
export interface LifespanScope {
  readonly type: 'lifespan';
  readonly gateway: GatewayInfo;
  /** Shared state: what the app stores here during startup is copied into each request's `scope.state`. */
  readonly state: Record<string, unknown>;
}

/** Every scope a 1.0 server sends. The name `websocket` is reserved for spec 1.1. */
export type Scope = HttpScope | LifespanScope;

// ---------------------------------------------------------------------------------------------------
// HTTP events

/** A chunk of the request body. The last one has `more: false` (a bodiless request sends exactly one). */
export interface HttpRequestEvent {
  readonly type: 'http.request';
  readonly body: Uint8Array;
  readonly more: boolean;
}

/**
 * Why a request is over: the client closed the connection, stopped reading past the write timeout, or
 * a heartbeat found it dead; the server cut it (drain deadline, body too large); or the response was
 * sent in full. Only the last one leaves `scope.signal` unaborted.
 */
export type DisconnectReason =
  | 'client-closed'
  | 'write-timeout'
  | 'heartbeat'
  | 'server-closed'
  | 'response-complete';

/** The request is over for the app; every later `receive()` resolves with this event again at once. */
export interface HttpDisconnectEvent {
  readonly type: 'http.disconnect';
  readonly reason: DisconnectReason;
}

/**
 * The server is draining. Delivered at most once per request and never before the final
 * `http.request` event; `deadline` is when the server will cut the connection (epoch milliseconds,
 * `Date.now()` clock), or `null` when it will wait without limit.
 */
export interface HttpDrainEvent {
  readonly type: 'http.drain';
  readonly deadline: number | null;
}

export type HttpReceiveEvent = HttpRequestEvent | HttpDisconnectEvent | HttpDrainEvent;

/** Starts the response. Sent exactly once, before any body. */
export interface HttpResponseStartEvent {
  readonly type: 'http.response.start';
  /** An integer from 100 to 599 (1xx only through extensions; see the spec). */
  readonly status: number;
  readonly headers?: HeaderList;
  /** The app will send `http.response.trailers` (extension `trailers`). */
  readonly trailers?: boolean;
}

/** A chunk of the response body; `more` defaults to `false`, which ends the body. */
export interface HttpResponseBodyEvent {
  readonly type: 'http.response.body';
  /** Bytes, or a string sent as UTF-8. Defaults to empty. */
  readonly body?: Uint8Array | string;
  readonly more?: boolean;
}

/** Extension `file`: send `length` bytes of the file at `path` from `offset`, as a body chunk. */
export interface HttpResponseFileEvent {
  readonly type: 'http.response.file';
  /** An absolute path on the server's filesystem. */
  readonly path: string;
  /** Byte offset to start at; defaults to 0. */
  readonly offset?: number;
  /** How many bytes to send; defaults to the rest of the file. */
  readonly length?: number;
  readonly more?: boolean;
}

/** Extension `trailers`: trailing headers, after the final body chunk; `more` defaults to `false`. */
export interface HttpResponseTrailersEvent {
  readonly type: 'http.response.trailers';
  readonly headers: HeaderList;
  readonly more?: boolean;
}

/** Extension `earlyHints`: a `103 Early Hints` with these headers (usually `link`), before the start. */
export interface HttpResponseEarlyHintsEvent {
  readonly type: 'http.response.early_hints';
  readonly headers: HeaderList;
}

export type HttpSendEvent =
  | HttpResponseStartEvent
  | HttpResponseBodyEvent
  | HttpResponseFileEvent
  | HttpResponseTrailersEvent
  | HttpResponseEarlyHintsEvent;

// ---------------------------------------------------------------------------------------------------
// Lifespan events

export interface LifespanStartupEvent {
  readonly type: 'lifespan.startup';
}
export interface LifespanShutdownEvent {
  readonly type: 'lifespan.shutdown';
}
export type LifespanReceiveEvent = LifespanStartupEvent | LifespanShutdownEvent;

export type LifespanSendEvent =
  | { readonly type: 'lifespan.startup.complete' }
  | { readonly type: 'lifespan.startup.failed'; readonly message: string }
  | { readonly type: 'lifespan.shutdown.complete' }
  | { readonly type: 'lifespan.shutdown.failed'; readonly message: string };

// ---------------------------------------------------------------------------------------------------
// The app

export type ReceiveEvent = HttpReceiveEvent | LifespanReceiveEvent;
export type SendEvent = HttpSendEvent | LifespanSendEvent;

/** Waits for the next event from the server. */
export type Receive = () => Promise<ReceiveEvent>;
/**
 * Hands an event to the server. Resolves once the server has accepted it (a body chunk: taken by the
 * transport without unbounded buffering); rejects with {@link ClientDisconnectedError} once the client is gone.
 */
export type Send = (event: SendEvent) => Promise<void>;

/**
 * A gateway app. Called once per scope; returns (resolves) when it is done with that scope.
 * An app MUST reject for a scope type it does not know (servers treat that as "not supported").
 */
export type App = (scope: Scope, receive: Receive, send: Send) => Promise<void>;

/** The `receive` an app gets with an `http` scope, narrowed. */
export type HttpReceive = () => Promise<HttpReceiveEvent>;
/** The `send` an app gets with an `http` scope, narrowed. */
export type HttpSend = (event: HttpSendEvent) => Promise<void>;
