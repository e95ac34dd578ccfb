/**
 * The request a contender is loaded with, once its scenario's setup request ran: a session scenario's
 * measured request carries the cookies that contender itself set, since each framework signs (or
 * encrypts) its session cookie in a format of its own. The load then sends the same cookie on every
 * request, so every request reads the same session and writes it back changed.
 */
import type { ObservedAnswer } from './answer-check.js';
import type { BenchRequest, Scenario } from './scenarios.js';

/**
 * A `Cookie` header from `Set-Cookie` values: each cookie's `name=value`, its attributes left off.
 *
 * @example
 * ```ts
 * cookieHeader(['session=abc; Path=/; HttpOnly', 'session.sig=xyz; Path=/']); // "session=abc; session.sig=xyz"
 * ```
 */
export function cookieHeader(setCookies: readonly string[]): string {
  return setCookies.map((cookie) => cookie.split(';', 1)[0]!.trim()).join('; ');
}

/**
 * `scenario`'s request for one contender: as declared, or with the cookies the contender set in answer
 * to the scenario's setup request. Rejects when the setup request fails or sets no cookie.
 *
 * @example
 * ```ts
 * const request = await preparedRequest(scenario, (r) => fetchAnswer(server.url, r));
 * ```
 */
export async function preparedRequest(
  scenario: Pick<Scenario, 'request' | 'setup'>,
  send: (request: BenchRequest) => Promise<ObservedAnswer>,
): Promise<BenchRequest> {
  const { setup, request } = scenario;
  if (setup === undefined) return request;
  const answer = await send(setup);
  const what = `the setup request ${setup.method} ${setup.path}`;
  if (answer.status !== 200) throw new Error(`${what} answered ${answer.status}`);
  const cookies = answer.setCookies ?? [];
  if (cookies.length === 0) throw new Error(`${what} set no cookie`);
  return { ...request, headers: { ...request.headers, cookie: cookieHeader(cookies) } };
}
