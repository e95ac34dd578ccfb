// Shared by the session and CSRF tests: a recording logger, and reading a session cookie as a browser
// (or an attacker) can: its payload is signed, not encrypted.
import { createTestClient, type TestClient, type TestResponse } from '@flagon/framework/testing';
import { recordingLogger } from '../core/helpers.js';

export const SECRET = 'test-secret-key-that-is-long-enough';

/** The `Set-Cookie` line for `name` a response carries, or `undefined`. */
export function setCookieLine(res: TestResponse, name = 'session'): string | undefined {
  return res.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

/** The values a cookie session holds (its JSON payload, decoded without checking the signature). */
export function cookiePayload(value: string): unknown {
  const payload = value.slice(0, value.indexOf('.'));
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/** A test client and the lines its app logged. */
export function clientWithLog(app: Parameters<typeof createTestClient>[0]): {
  client: TestClient;
  lines: string[];
} {
  const logger = recordingLogger();
  return { client: createTestClient(app, { logger }), lines: logger.lines };
}

export { recordingLogger };
