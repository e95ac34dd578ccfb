// What the answer check alone cannot see in the session scenarios: that each framework verifies the
// signature on its session cookie, that the session it writes back holds the change, and that a flashed
// message is shown once. Shared by the socket test and the in-process test.
import { describe, expect, it } from 'vitest';
import { CSRF_FIELD_PATTERN, FLASH_MESSAGE } from '../app/page-template.js';
import type { ObservedAnswer } from '../harness/answer-check.js';
import type { ContenderId } from '../harness/contenders.js';
import { cookieHeader, preparedRequest } from '../harness/prepared-request.js';
import { answers, type BenchRequest, SCENARIOS, type Scenario } from '../harness/scenarios.js';

/** Sends one request to a contender and reads the answer. */
export type Send = (request: BenchRequest) => Promise<ObservedAnswer>;

function scenario(id: Scenario['id']): Scenario {
  const found = SCENARIOS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

/** The same character class, one step on: a value that still parses, with one byte changed. */
function nextOfItsKind(char: string): string | null {
  if (/[0-8a-yA-Y]/.test(char)) return String.fromCharCode(char.charCodeAt(0) + 1);
  if (char === '9') return '0';
  if (char === 'z' || char === 'Z') return String.fromCharCode(char.charCodeAt(0) - 25);
  return null;
}

/**
 * Every cookie in a `Cookie` header with one character changed in the middle of its value, where a
 * signature covers it whatever the framework's format (`value.signature`, a `.sig` cookie, or ciphertext).
 */
export function tamperedCookies(header: string): string {
  return header
    .split('; ')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const value = pair.slice(equals + 1);
      for (let at = Math.floor(value.length / 2); at < value.length; at++) {
        const swapped = nextOfItsKind(value[at]!);
        if (swapped !== null)
          return `${pair.slice(0, equals + 1)}${value.slice(0, at)}${swapped}${value.slice(at + 1)}`;
      }
      throw new Error(`no character to change in ${pair}`);
    })
    .join('; ');
}

const withCookie = (request: BenchRequest, cookie: string): BenchRequest => ({
  ...request,
  headers: { ...request.headers, cookie },
});

/**
 * The checks, for each contender that answers the session scenarios (and is `reachable` by the
 * transport: the Bun contenders are not in-process); `connect` gives the way to send requests to one.
 */
export function smallAppChecks(
  transport: string,
  connect: (id: ContenderId) => Send | Promise<Send>,
  reachable: (id: ContenderId) => boolean = () => true,
): void {
  const session = scenario('session');
  const page = scenario('page');
  const ids = (session.contenders ?? []).filter((id) => answers(id, page) && reachable(id));

  describe.each(ids)(`%s's sessions ${transport}`, (id) => {
    it('counts on with the cookie it set, and starts over from a tampered one', async () => {
      const send = await connect(id);
      const request = await preparedRequest(session, send);
      const second = await send(request);
      expect(second.body).toBe('{"count":2}');
      const third = await send(withCookie(request, cookieHeader(second.setCookies ?? [])));
      expect(third.body).toBe('{"count":3}');
      const forged = await send(withCookie(request, tamperedCookies(request.headers?.cookie ?? '')));
      expect({ status: forged.status, body: forged.body }).toEqual({ status: 200, body: '{"count":1}' });
    });

    it('shows a flashed message once, with a CSRF field each time', async () => {
      const send = await connect(id);
      const request = await preparedRequest(page, send);
      const first = await send(request);
      expect(first.body).toContain('Saved &lt;b&gt;');
      expect(first.body.match(CSRF_FIELD_PATTERN)).toHaveLength(1);
      const again = await send(withCookie(request, cookieHeader(first.setCookies ?? [])));
      expect(again.status).toBe(200);
      expect(again.body).not.toContain('class="flash');
      expect(again.body).not.toContain(FLASH_MESSAGE.slice(0, 5));
      expect(again.body.match(CSRF_FIELD_PATTERN)).toHaveLength(1);
    });
  });
}
