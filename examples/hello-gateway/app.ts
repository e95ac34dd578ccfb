/**
 * A raw gateway app: no framework, just the interface. Run it with `pnpm start` (from the repository
 * root) or `flagon-gateway serve app.ts`, then try:
 *
 *   curl localhost:8000/                           Hello, World!
 *   curl --data-binary @big.iso localhost:8000/length   the body's size, read chunk by chunk
 *   curl 'localhost:8000/sleep?ms=500'             answers after half a second
 *   curl localhost:8000/scope                      what the server told the app, as JSON
 *   curl -N 'localhost:8000/events?interval=500'   server-sent events until you stop (or the server does)
 *   curl -i localhost:8000/hints                   a 103 Early Hints before the page
 *   curl -d 'signed up' localhost:8000/audit       202 at once; the audit line is logged afterwards
 */
import { setTimeout as wait } from 'node:timers/promises';
import type {
  App,
  HeaderList,
  HttpReceive,
  HttpScope,
  HttpSend,
  LifespanScope,
  Receive,
  Send,
} from '@flagon/gateway';

const TEXT: HeaderList = [['content-type', 'text/plain; charset=utf-8']];

type Handler = (scope: HttpScope, receive: HttpReceive, send: HttpSend) => Promise<void>;

const routes: Record<string, Handler> = {
  'GET /': (_scope, _receive, send) => reply(send, 200, 'Hello, World!'),
  'POST /length': bodyLength,
  'GET /sleep': sleep,
  'GET /scope': describeScope,
  'GET /events': events,
  'GET /hints': hints,
  'GET /style.css': (_scope, _receive, send) =>
    reply(send, 200, 'body { font-family: sans-serif; }', [['content-type', 'text/css']]),
  'POST /audit': audit,
};

const notFound: Handler = (_scope, _receive, send) => reply(send, 404, 'Not Found');

const app: App = async (scope, receive, send) => {
  if (scope.type === 'lifespan') return lifespan(scope, receive, send);
  if (scope.type !== 'http') throw new Error('unsupported scope type'); // how an app says "not supported"
  const handler = routes[`${scope.method} ${scope.path}`] ?? notFound;
  return handler(scope, receive as HttpReceive, send as HttpSend);
};

export default app;

/** Startup and shutdown: the state set here is copied into every request's `scope.state`. */
async function lifespan(scope: LifespanScope, receive: Receive, send: Send): Promise<void> {
  for (;;) {
    const event = await receive();
    if (event.type === 'lifespan.startup') {
      scope.state.startedAt = new Date().toISOString();
      await send({ type: 'lifespan.startup.complete' });
    } else if (event.type === 'lifespan.shutdown') {
      await send({ type: 'lifespan.shutdown.complete' });
      return;
    }
  }
}

/** Counts the body's bytes as they arrive: a 1 GiB upload never sits in memory. */
async function bodyLength(_scope: HttpScope, receive: HttpReceive, send: HttpSend): Promise<void> {
  let length = 0;
  for (;;) {
    const event = await receive();
    if (event.type === 'http.disconnect') return; // the client left mid-upload: nobody to answer
    if (event.type !== 'http.request') continue;
    length += event.body.byteLength;
    if (!event.more) break;
  }
  await reply(send, 200, String(length));
}

/** Answers after `?ms=` milliseconds, unless the client leaves first. */
async function sleep(scope: HttpScope, _receive: HttpReceive, send: HttpSend): Promise<void> {
  const ms = Number(new URLSearchParams(scope.queryString).get('ms') ?? 0);
  if (!Number.isFinite(ms) || ms < 0) return reply(send, 400, 'ms must be a number of milliseconds');
  if (!(await after(ms, scope.signal))) return; // aborted: the client is gone
  await reply(send, 200, `Slept ${ms} ms`);
}

async function describeScope(scope: HttpScope, _receive: HttpReceive, send: HttpSend): Promise<void> {
  const { method, scheme, path, rawPath, queryString, rootPath, httpVersion, client, server, state } = scope;
  const headers = Object.fromEntries(scope.headers); // repeated headers: the last one wins, fine here
  const body = {
    method,
    scheme,
    path,
    rawPath,
    queryString,
    rootPath,
    httpVersion,
    headers,
    client,
    server,
    state,
  };
  await reply(send, 200, JSON.stringify(body, null, 2), [['content-type', 'application/json']]);
}

/** Server-sent events every `?interval=` ms, until the client leaves or the server drains. */
async function events(scope: HttpScope, receive: HttpReceive, send: HttpSend): Promise<void> {
  const interval = Number(new URLSearchParams(scope.queryString).get('interval') ?? 1000);
  await receive(); // the (empty) request body; the next event is a drain notice or a disconnect
  const ended = receive();
  const stop = new AbortController();
  let sent = 0;
  await send({
    type: 'http.response.start',
    status: 200,
    headers: [
      ['content-type', 'text/event-stream'],
      ['cache-control', 'no-cache'],
    ],
  });
  try {
    for (;;) {
      const event = await Promise.race([ended, after(interval, stop.signal)]);
      if (event === true) {
        sent += 1;
        await send({ type: 'http.response.body', body: `data: tick ${sent}\n\n`, more: true });
      } else if (event !== false && event.type === 'http.drain') {
        // Shutting down: say goodbye and end the stream, so the client knows to reconnect elsewhere.
        await send({ type: 'http.response.body', body: 'event: bye\ndata: server shutting down\n\n' });
        return;
      } else {
        return; // http.disconnect: the client left
      }
    }
  } finally {
    stop.abort(); // no timer outlives the stream
    console.error(`[hello-gateway] /events stream closed after ${sent} events`);
  }
}

/** A 103 Early Hints lets the browser fetch the stylesheet while the page is still being made. */
async function hints(scope: HttpScope, _receive: HttpReceive, send: HttpSend): Promise<void> {
  if (scope.extensions.earlyHints) {
    await send({
      type: 'http.response.early_hints',
      headers: [['link', '</style.css>; rel=preload; as=style']],
    });
  }
  const page = '<!doctype html><link rel="stylesheet" href="/style.css"><h1>Hello, hints!</h1>\n';
  await reply(send, 200, page, [['content-type', 'text/html; charset=utf-8']]);
}

/** Answers 202 at once and writes the audit line after the response (`?delay=` ms later). */
async function audit(scope: HttpScope, receive: HttpReceive, send: HttpSend): Promise<void> {
  const delay = Number(new URLSearchParams(scope.queryString).get('delay') ?? 100);
  const chunks: Uint8Array[] = [];
  for (let event = await receive(); event.type === 'http.request'; event = await receive()) {
    chunks.push(event.body);
    if (!event.more) break;
  }
  const entry = Buffer.concat(chunks).toString('utf8');
  await reply(send, 202, 'Accepted');
  const write = async () => {
    await wait(delay);
    console.error(`[hello-gateway] audit: ${JSON.stringify(entry)}`);
  };
  // waitUntil keeps the task alive past the response; a draining server waits for it.
  if (scope.extensions.tasks) scope.extensions.tasks.waitUntil(write());
  else await write();
}

async function reply(
  send: HttpSend,
  status: number,
  body: string,
  headers: HeaderList = TEXT,
): Promise<void> {
  await send({ type: 'http.response.start', status, headers });
  await send({ type: 'http.response.body', body });
}

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts (clearing the timer). */
function after(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const cancel = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', cancel);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', cancel, { once: true });
  });
}
