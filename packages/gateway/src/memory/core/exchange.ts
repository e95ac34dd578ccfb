import { ClientDisconnectedError, isClientDisconnected } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { App, DisconnectReason, Extensions, HttpScope } from '../../types.js';
import type { BodySource } from './body-source.js';
import type { RequestInfo } from './exchange-scope.js';
import { ExchangeScope } from './exchange-scope.js';
import { RequestReceiver } from './receiver.js';
import type { OfferedSendExtensions } from './response-channel.js';
import { ResponseChannel } from './response-channel.js';

export type { RequestInfo } from './exchange-scope.js';

/** The extensions a transport offers; `waitUntil` is `null` when it does not offer `tasks`. */
export interface OfferedExtensions extends OfferedSendExtensions {
  readonly waitUntil: ((task: PromiseLike<unknown>) => void) | null;
}

export interface ExchangeInit {
  readonly app: App;
  readonly request: RequestInfo;
  /** The decoded path. */
  readonly path: string;
  /** The lifespan state after startup: each request gets a shallow copy of it. */
  readonly lifespanState: Record<string, unknown>;
  readonly body: BodySource;
  readonly extensions: OfferedExtensions;
  readonly logger: Logger;
  /** Aborts when the client goes away (a Fetch `Request.signal`, a test's own signal). */
  readonly clientSignal?: AbortSignal;
  /**
   * Close the body stream, instead of erroring it, when `clientSignal` aborts: a Fetch host that says
   * its client left reads no more, and an errored stream only makes it log a stack trace.
   */
  readonly closeBodyOnClientAbort?: boolean;
  /**
   * Call the app within `run()` rather than a microtask later: a host that can answer at once when
   * the app has (a Fetch handler may return a `Response`, not a promise) sees what it sent on return.
   */
  readonly callAppNow?: boolean;
}

const DONE: Promise<void> = Promise.resolve();
const INTERNAL_ERROR_BODY = new TextEncoder().encode('Internal Server Error');
const INTERNAL_ERROR_HEAD = {
  status: 500,
  headers: [
    ['content-type', 'text/plain; charset=utf-8'],
    ['content-length', String(INTERNAL_ERROR_BODY.byteLength)],
  ],
} as const;

/**
 * One request and its response between a transport and an app. It runs the app and applies the rules a
 * real server follows: an app failing (or returning) before `http.response.start` gets a 500, one failing
 * after it has its response cut, a disconnect aborts `scope.signal`, ends `receive` and rejects `send`.
 * The memory transport and the Fetch adapter both run their requests through it, so they behave alike.
 */
export class Exchange {
  readonly scope: HttpScope;
  readonly response: ResponseChannel;
  /** Settles (always resolving) once the app's promise settled and its outcome was applied; set by `run()`. */
  finished: Promise<void> = DONE;
  private readonly receiver: RequestReceiver;
  // Made when the app first reads `scope.signal` / `scope.drain` (see `ExchangeScope`).
  private aborter: AbortController | null = null;
  private drainer: AbortController | null = null;
  private drained = false;
  private appError: unknown;
  private disconnected: DisconnectReason | null = null;
  private disconnectError: ClientDisconnectedError | null = null;
  private cutCause: unknown = null;
  private appDone = false;
  private unwatchClient: (() => void) | null = null;
  private onFinished: ((exchange: Exchange) => void) | null = null;

  constructor(private readonly init: ExchangeInit) {
    this.receiver = new RequestReceiver(init.body, (error) => {
      init.logger.debug(`${this.label}: the request body failed; treating it as a disconnect`, error);
      this.disconnect('client-closed');
    });
    this.response = new ResponseChannel({
      extensions: init.extensions,
      method: init.request.method,
      onComplete: () => this.receiver.end('response-complete'),
      onCancel: () => this.disconnect('client-closed'),
      onFileError: (error) => {
        init.logger.error(
          `${this.label}: could not read the file for http.response.file; the response was cut`,
          error,
        );
        this.appError = error;
        this.cut('server-closed', error);
      },
      onFramingError: (error) => {
        init.logger.error(`${this.label}: ${error.message}; the response was cut`);
        this.appError = error;
        this.cut('server-closed', error);
      },
    });
    this.scope = new ExchangeScope(
      init.request,
      init.path,
      init.lifespanState,
      offeredExtensions(init.extensions),
      this,
    );
    if (init.clientSignal) this.watchClient(init.clientSignal);
  }

  /**
   * Calls the app (now with `callAppNow`, else a microtask later) and applies its outcome; the host
   * calls it once, after it has given the exchange the drain notice or cut it, so the app sees those.
   * `onFinished` runs once that outcome is applied (as `finished` resolves), without a promise of its own.
   */
  run(onFinished?: (exchange: Exchange) => void): void {
    this.onFinished = onFinished ?? null;
    const called = this.init.callAppNow ? this.callApp() : Promise.resolve().then(() => this.callApp());
    // One reaction on the app's promise, not two chained: a promise and a microtask fewer per request.
    this.finished = called.then(this.afterReturn, this.afterFailure);
  }

  // Arrow properties: `run` hands them to `then` as they are. Each ends in `done`, whatever happened,
  // and never rejects: `finished` always resolves.
  private readonly afterReturn = (): Promise<void> | undefined => {
    const judging = this.onReturned();
    return judging === undefined ? this.done() : judging.then(this.done, this.done);
  };

  private readonly afterFailure = (error: unknown): void => {
    try {
      this.onFailed(error);
    } catch {
      // Only a throwing logger gets here: the request still finishes, as it did before.
    }
    this.done();
  };

  private readonly done = (): undefined => {
    this.appDone = true;
    this.unwatchClient?.();
    this.onFinished?.(this);
    return undefined;
  };

  private callApp(): Promise<unknown> {
    try {
      return Promise.resolve(this.init.app(this.scope, this.receiver.receive, this.response.send));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Follows the client's signal from now on (`clientSignal` does it from the start): its abort cuts the
   * request as `client-closed`. A host may call it late, once the app waits for more than microtasks:
   * a signal already aborted cuts at once, so nothing is missed, and a request answered within its
   * first turn of the event loop never pays for a listener. Does nothing once the app is done.
   */
  watchClient(signal: AbortSignal): void {
    if (this.unwatchClient || this.appDone) return;
    const onAbort = () => this.cut('client-closed', null, this.init.closeBodyOnClientAbort === true);
    signal.addEventListener('abort', onAbort, { once: true });
    this.unwatchClient = () => signal.removeEventListener('abort', onAbort);
    if (signal.aborted) onAbort();
  }

  /** The app's error, or the protocol failure found when it returned; `undefined` when all went well. */
  get error(): unknown {
    return this.appError;
  }

  /** `scope.signal`: aborted with the disconnect error, if the request was already cut. */
  clientSignal(): AbortSignal {
    if (this.aborter === null) {
      this.aborter = new AbortController();
      if (this.disconnectError) this.aborter.abort(this.disconnectError);
    }
    return this.aborter.signal;
  }

  /** `scope.drain`: aborted if the drain notice was already given. */
  drainSignal(): AbortSignal {
    if (this.drainer === null) {
      this.drainer = new AbortController();
      if (this.drained) this.drainer.abort();
    }
    return this.drainer.signal;
  }

  /** `METHOD /path`, for log lines. */
  get label(): string {
    return `${this.scope.method} ${this.scope.rawPath}`;
  }

  /**
   * Ends the request before its response completed, as seen by the app: `scope.signal` aborts with a
   * {@link ClientDisconnectedError}, `receive` resolves `http.disconnect`, pending and later sends reject.
   * Does nothing once the response is complete.
   */
  disconnect(reason: Exclude<DisconnectReason, 'response-complete'>): void {
    this.cut(reason, null);
  }

  /** Gives the app the drain notice (`scope.drain` aborts; `http.drain` is queued), while it runs. */
  drain(deadline: number | null): void {
    if (this.appDone || this.drained) return;
    this.drained = true;
    this.drainer?.abort();
    this.receiver.notifyDrain(deadline);
  }

  /** Ends the request unfinished; the body consumer sees `cause` when the app's failure is the reason. */
  private cut(reason: Exclude<DisconnectReason, 'response-complete'>, cause: unknown, quietly = false): void {
    if (this.disconnected || this.response.complete) return;
    this.disconnected = reason;
    this.cutCause = cause;
    const error = new ClientDisconnectedError(reason);
    this.disconnectError = error;
    this.aborter?.abort(error);
    this.receiver.end(reason);
    this.response.fail(cause ?? error, quietly);
  }

  private onReturned(): Promise<void> | undefined {
    // A complete or cut response leaves nothing to judge: no wait for the sends (most requests).
    if (this.response.complete || this.disconnected) return undefined;
    // An app may return with its last send still pending (not awaited): judge once the sends settled.
    return this.response.settled().then(() => {
      if (this.response.complete || this.disconnected) return;
      const message = this.response.started
        ? 'the app returned before its response was complete'
        : 'the app returned without sending http.response.start';
      this.onFailed(new Error(message));
    });
  }

  private onFailed(error: unknown): void {
    const { logger } = this.init;
    if (this.disconnected && isClientDisconnected(error)) {
      logger.debug(`${this.label}: the app stopped after the client disconnected (${this.disconnected})`);
      return;
    }
    this.appError = error;
    if (error === this.cutCause) return; // already logged when the response was cut for it
    if (this.response.complete) {
      logger.error(`${this.label}: the app failed after its response was complete`, error);
    } else if (this.disconnected) {
      logger.error(`${this.label}: the app failed after the request was cut (${this.disconnected})`, error);
    } else if (!this.response.started) {
      logger.error(`${this.label}: the app failed before http.response.start; answered 500`, error);
      this.response.respond(INTERNAL_ERROR_HEAD, INTERNAL_ERROR_BODY);
    } else {
      logger.error(`${this.label}: the app failed mid-response; the response was cut`, error);
      this.cut('server-closed', error);
    }
  }
}

// A transport passes the same offer for most requests: they share its scope.extensions, as the Node
// bridge's requests do.
const extensionsOffered = new WeakMap<OfferedExtensions, Extensions>();

function offeredExtensions(offered: OfferedExtensions): Extensions {
  let extensions = extensionsOffered.get(offered);
  if (extensions === undefined) {
    extensions = extensionsOf(offered);
    extensionsOffered.set(offered, extensions);
  }
  return extensions;
}

function extensionsOf(offered: OfferedExtensions): Extensions {
  const extensions: {
    -readonly [K in keyof Extensions]: Extensions[K];
  } = {};
  if (offered.trailers) extensions.trailers = {};
  if (offered.file) extensions.file = {};
  if (offered.earlyHints) extensions.earlyHints = {};
  const { waitUntil } = offered;
  if (waitUntil) extensions.tasks = { waitUntil: (task) => waitUntil(task) };
  return extensions;
}
