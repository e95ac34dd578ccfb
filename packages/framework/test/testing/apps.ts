// Hand-written gateway apps the test-client tests drive: the client must work for any gateway app,
// so none of them uses the framework.
import type { App, HeaderList, HttpReceive, HttpScope, HttpSend } from '@flagon/gateway';

/** What the echo app answers: the parts of the scope and the body a test wants to see. */
export interface Echo {
  method: string;
  scheme: string;
  path: string;
  rawPath: string;
  queryString: string;
  headers: HeaderList;
  body: string;
}

/** Reads the whole request body as text. */
export async function readBody(receive: HttpReceive): Promise<string> {
  const decoder = new TextDecoder();
  let body = '';
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') return body;
    body += decoder.decode(event.body, { stream: event.more });
    if (!event.more) return body;
  }
}

/** Sends a whole response in one body event. */
export async function respond(
  send: HttpSend,
  status: number,
  body: string,
  headers: HeaderList = [['content-type', 'text/plain; charset=utf-8']],
): Promise<void> {
  await send({ type: 'http.response.start', status, headers });
  await send({ type: 'http.response.body', body });
}

/** Wraps an `http`-only handler as a gateway app that has no lifespan (it rejects that scope). */
export function httpApp(
  handler: (scope: HttpScope, receive: HttpReceive, send: HttpSend) => Promise<void>,
): App {
  return async (scope, receive, send) => {
    if (scope.type !== 'http') throw new Error(`unsupported scope ${scope.type}`);
    await handler(scope, receive as HttpReceive, send as HttpSend);
  };
}

/** Answers a request with an {@link Echo} of it, as JSON. */
export async function echo(scope: HttpScope, receive: HttpReceive, send: HttpSend): Promise<void> {
  const body = await readBody(receive);
  const { method, scheme, path, rawPath, queryString, headers } = scope;
  const echo: Echo = { method, scheme, path, rawPath, queryString, headers, body };
  // The method in a header too, for HEAD, whose body a test does not read.
  await respond(send, 200, JSON.stringify(echo), [
    ['content-type', 'application/json'],
    ['x-method', method],
  ]);
}

/** Echoes every request. */
export const echoApp: App = httpApp(echo);

/** The value of the first header `name` in an echo's headers. */
export function headerOf(echo: Echo, name: string): string | undefined {
  return echo.headers.find(([key]) => key === name)?.[1];
}
