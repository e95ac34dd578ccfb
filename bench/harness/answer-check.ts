/**
 * The fairness check: one request to a contender, and how its answer differs from what the scenario
 * expects. The harness runs it before measuring each contender, and the contenders test runs it in CI.
 */
import type { BenchRequest, ExpectedAnswer } from './scenarios.js';

/** What a contender answered: the status, the normalized content type and the body as text. */
export interface ObservedAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
  /** Its `Set-Cookie` header values, as sent (none when absent). */
  readonly setCookies?: readonly string[];
  /** Its other headers, names in lowercase, repeated ones joined with `, ` (none when not read). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Sends `request` to the server at `baseUrl` and reads the whole answer.
 *
 * @example
 * ```ts
 * const answer = await fetchAnswer('http://127.0.0.1:8080', { method: 'GET', path: '/json' });
 * answer.status; // 200
 * ```
 */
export async function fetchAnswer(baseUrl: string, request: BenchRequest): Promise<ObservedAnswer> {
  const response = await fetch(new URL(request.path, baseUrl), {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  const contentType = response.headers.get('content-type');
  return {
    status: response.status,
    contentType: contentType === null ? null : normalizeContentType(contentType),
    // A gzipped body is decoded by fetch, and fails to read when it is not gzip: the proof it was.
    body: await response.text(),
    setCookies: response.headers.getSetCookie(),
    headers: Object.fromEntries(response.headers),
  };
}

/**
 * A content type in one spelling: lowercase, `; ` between parameters, and `charset=utf-8` made explicit
 * for JSON (RFC 8259: JSON is UTF-8 and defines no charset parameter, so both spellings mean the same).
 *
 * @example
 * ```ts
 * normalizeContentType('text/plain;charset=UTF-8'); // "text/plain; charset=utf-8"
 * normalizeContentType('application/json');         // "application/json; charset=utf-8"
 * ```
 */
export function normalizeContentType(value: string): string {
  const [mediaType = '', ...parameters] = value
    .toLowerCase()
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (mediaType === 'application/json' && !parameters.some((p) => p.startsWith('charset='))) {
    parameters.push('charset=utf-8');
  }
  return [mediaType, ...parameters].join('; ');
}

/**
 * How `observed` differs from `expected`, one line per difference; empty when the answer is right.
 *
 * @example
 * ```ts
 * answerMismatches({ status: 200, body: 'hi' }, { status: 404, contentType: null, body: '' });
 * // ["status 404, expected 200", "body differs: got 0 bytes, expected 2 ..."]
 * ```
 */
export function answerMismatches(expected: ExpectedAnswer, observed: ObservedAnswer): string[] {
  const mismatches: string[] = [];
  if (observed.status !== expected.status) {
    mismatches.push(`status ${observed.status}, expected ${expected.status}`);
  }
  if (expected.contentType !== undefined && observed.contentType !== expected.contentType) {
    mismatches.push(`content type ${observed.contentType ?? '(none)'}, expected ${expected.contentType}`);
  }
  const body = masked(observed.body, expected.volatile);
  const expectedBody = expected.body === undefined ? undefined : masked(expected.body, expected.volatile);
  if (expectedBody !== undefined && body !== expectedBody) {
    const at = firstDifference(body, expectedBody);
    mismatches.push(
      `body differs: got ${Buffer.byteLength(body)} bytes ${JSON.stringify(body.slice(at, at + 80))}, ` +
        `expected ${Buffer.byteLength(expectedBody)} bytes ${JSON.stringify(expectedBody.slice(at, at + 80))}` +
        (at > 0 ? ` (from character ${at})` : ''),
    );
  }
  if (expected.volatile !== undefined && expected.body !== undefined) {
    const want = expected.body.match(expected.volatile)?.length ?? 0;
    const got = observed.body.match(expected.volatile)?.length ?? 0;
    if (got !== want) mismatches.push(`${got} parts match ${expected.volatile}, expected ${want}`);
  }
  if (expected.setsCookie !== undefined && !setsCookie(observed, expected.setsCookie)) {
    mismatches.push(`no Set-Cookie for ${expected.setsCookie}`);
  }
  mismatches.push(...headerMismatches(expected, observed.headers ?? {}));
  return mismatches;
}

const MASK = '<volatile>';

function masked(body: string, volatile: RegExp | undefined): string {
  return volatile === undefined ? body : body.replace(volatile, MASK);
}

// Long bodies (a page, a 64 KiB file) are quoted from where they part, not from their first bytes.
function firstDifference(a: string, b: string): number {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  return Math.max(0, at - 20);
}

function setsCookie(observed: ObservedAnswer, name: string): boolean {
  return (observed.setCookies ?? []).some((cookie) => cookie.startsWith(`${name}=`));
}

/** The headers a plugin should have added that are missing or wrong, one line each. */
function headerMismatches(expected: ExpectedAnswer, headers: Readonly<Record<string, string>>): string[] {
  const mismatches: string[] = [];
  for (const [name, pattern] of Object.entries(expected.headers ?? {})) {
    const value = headers[name];
    if (value === undefined) mismatches.push(`no ${name} header, expected one matching ${pattern}`);
    else if (!pattern.test(value)) mismatches.push(`${name}: ${JSON.stringify(value)}, expected ${pattern}`);
  }
  for (const pattern of expected.headerNames ?? []) {
    if (!Object.keys(headers).some((name) => pattern.test(name)))
      mismatches.push(`no header named like ${pattern}`);
  }
  return mismatches;
}
