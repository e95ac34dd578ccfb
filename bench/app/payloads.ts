/**
 * The fixed answers of the simple scenarios, and the content types every contender must send.
 * Each contender imports these, so a difference in bytes can only come from the framework itself.
 */

/** The plaintext scenario's body. */
export const GREETING = 'Hello, World!';

/** The JSON scenario's value (serialized, it is `{"message":"Hello, World!"}`). */
export const GREETING_JSON = { message: GREETING } as const;

/** The content types of the answers, written the way the test compares them (lowercase, one space). */
export const CONTENT_TYPE = {
  text: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

/** The paths of the scenarios (the param route lives in `route-table.ts`). */
export const PATHS = {
  plaintext: '/',
  json: '/json',
  template: '/template',
  items: '/items',
  missing: '/nope',
  /** The session counter (`session.ts`). */
  session: '/session',
  /** The page scenario's page, and the request before it that flashes a message (`page-template.ts`). */
  page: '/page',
  flash: '/flash',
  /** The whole product catalogue, through a response schema (`catalog.ts`); `GET /items` is a page of it. */
  catalog: '/catalog',
  /** The JSON answer behind CORS, security headers, a request id and a rate limit (`plugins.ts`). */
  plugins: '/plugins',
  /** A ~16 KiB JSON list, gzipped for a client that accepts it (`plugins.ts`). */
  compressed: '/compressed',
} as const;

/** What the flash request answers: its cookie is what matters. */
export const FLASHED = 'flashed';
