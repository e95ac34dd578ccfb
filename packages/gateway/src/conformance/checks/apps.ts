import type {
  App,
  HeaderList,
  HttpReceive,
  HttpScope,
  HttpSend,
  LifespanScope,
  Receive,
  Send,
} from '../../types.js';
import type { Mailbox } from '../mailbox.js';

type HttpHandler = (scope: HttpScope, receive: HttpReceive, send: HttpSend) => Promise<void>;

/**
 * An app for `http` scopes that rejects the lifespan scope, which tells the server it has no lifespan
 * (spec §1, [A-SCOPE-TYPE]); `lifespan` handles that scope instead when given.
 *
 * @example
 * ```ts
 * const app = httpApp(async (scope, receive, send) => respond(send, 200, scope.path));
 * ```
 */
export function httpApp(
  handler: HttpHandler,
  lifespan?: (scope: LifespanScope, receive: Receive, send: Send) => Promise<void>,
): App {
  return async (scope, receive, send) => {
    if (scope.type === 'http') return handler(scope, receive as HttpReceive, send as HttpSend);
    if (lifespan) return lifespan(scope, receive, send);
    throw new Error(`this check's app does not handle the ${scope.type} scope`);
  };
}

/**
 * A lifespan handler that follows the protocol and notes each step in the mailbox: `startup-received`,
 * `startup-complete`, `shutdown-received`, `shutdown-complete`. `onStartup` may fill the state first.
 *
 * @example
 * ```ts
 * const app = httpApp(handler, protocolLifespan(mailbox, (state) => { state.db = 'ready'; }));
 * ```
 */
export function protocolLifespan(
  mailbox: Mailbox,
  onStartup: (state: Record<string, unknown>) => unknown = () => {},
): (scope: LifespanScope, receive: Receive, send: Send) => Promise<void> {
  return async (scope, receive, send) => {
    await receive();
    mailbox.post('startup-received');
    await onStartup(scope.state);
    await send({ type: 'lifespan.startup.complete' });
    mailbox.post('startup-complete');
    await receive();
    mailbox.post('shutdown-received');
    await send({ type: 'lifespan.shutdown.complete' });
    mailbox.post('shutdown-complete');
  };
}

/** One `http.request` event as a check records it. */
export interface BodyEvent {
  readonly text: string;
  readonly more: boolean;
}

/**
 * Reads the request body to its final event; `onEvent` sees each one. Throws if the body is cut short.
 *
 * @example
 * ```ts
 * const body = await readBody(receive); // "the whole body"
 * ```
 */
export async function readBody(
  receive: HttpReceive,
  onEvent: (event: BodyEvent) => void = () => {},
): Promise<string> {
  const decoder = new TextDecoder();
  let body = '';
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') throw new Error(`the request body was cut short by ${event.type}`);
    const text = decoder.decode(event.body, { stream: event.more });
    body += text;
    onEvent({ text, more: event.more });
    if (!event.more) return body;
  }
}

/**
 * Sends a complete response with a text body.
 *
 * @example
 * ```ts
 * await respond(send, 404, 'not here');
 * ```
 */
export async function respond(
  send: HttpSend,
  status: number,
  body = '',
  headers: HeaderList = [['content-type', 'text/plain; charset=utf-8']],
): Promise<void> {
  await send({ type: 'http.response.start', status, headers });
  await send({ type: 'http.response.body', body });
}

/**
 * Resolves once `signal` aborts (at once if it already has).
 *
 * @example
 * ```ts
 * await aborted(scope.signal); // the client is gone
 * ```
 */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
