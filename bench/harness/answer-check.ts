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
    body: await response.text(),
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
  if (expected.body !== undefined && observed.body !== expected.body) {
    mismatches.push(
      `body differs: got ${Buffer.byteLength(observed.body)} bytes ${JSON.stringify(observed.body.slice(0, 80))}, ` +
        `expected ${Buffer.byteLength(expected.body)} bytes ${JSON.stringify(expected.body.slice(0, 80))}`,
    );
  }
  return mismatches;
}
