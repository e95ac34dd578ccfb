// Property-based fuzzing of the framework's request parsers: cookies (parseCookieHeader, and setCookie's
// round trip), the query (raw and validated) and url-encoded forms. No input makes a handler see a 500.
import { createMemoryTransport } from '@flagon/gateway';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fuzzRuns } from '../../../gateway/test/hostile/fuzz-runs.js';
import {
  checkCookie,
  cookieAttributeTexts,
  cookieValue,
  parseCookieHeader,
  serializeCookie,
} from '../../src/http/cookies.js';
import { Flagon } from '../../src/index.js';

const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** Text a header can carry (what reaches a parser from a real client): Latin-1 without CR, LF or NUL. */
const headerText = fc.string({
  unit: fc
    .integer({ min: 1, max: 0xff })
    .filter((c) => c !== 10 && c !== 13)
    .map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
/** Text built from the pieces that trouble a parser (`%` escapes good and bad, separators, quotes). */
const troublesome = (text: fc.Arbitrary<string>) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '&',
          '=',
          ';',
          '%',
          '%2',
          '%zz',
          '%ff',
          '%C3%A9',
          '+',
          '[',
          ']',
          '"',
          ' ',
          '__proto__',
        ),
        text,
      ),
      { maxLength: 10 },
    )
    .map((pieces) => pieces.join(''));
const encodedText = troublesome(anyText);
const cookieHeader = troublesome(headerText);

describe('cookie parsing', () => {
  it('parseCookieHeader takes any header: a record inheriting nothing, every value a string', () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(anyText, cookieHeader), { nil: null }), (header) => {
        const cookies = parseCookieHeader(header);
        // Nothing inherited: a cookie named toString or __proto__ is the client's value or undefined.
        const prototype = Object.getPrototypeOf(cookies);
        expect(Object.getPrototypeOf(prototype)).toBeNull();
        expect(Reflect.ownKeys(prototype)).toEqual([]);
        if (!Object.hasOwn(cookies, 'toString')) expect(cookies.toString).toBeUndefined();
        for (const [name, value] of Object.entries(cookies)) {
          expect(name).toBe(name.trim());
          expect(name.length).toBeGreaterThan(0);
          expect(typeof value).toBe('string');
        }
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('a value set by serializeCookie comes back the same from parseCookieHeader, whatever it holds', () => {
    const name = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,12}$/);
    fc.assert(
      fc.property(name, anyText, (cookieName, value) => {
        try {
          checkCookie(cookieName, value, {});
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError); // a lone surrogate: no UTF-8 can carry it
          return;
        }
        const line = serializeCookie({ name: cookieName, value, options: {} }, false);
        const pair = line.slice(0, line.indexOf(';'));
        expect(parseCookieHeader(`other=1; ${pair}`)[cookieName]).toBe(cookieName === 'other' ? '1' : value);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('cookieValue reads one cookie of any header as parseCookieHeader reads them all', () => {
    // Names that occur in the header (and trouble it) as well as names that do not.
    const name = fc.oneof(fc.constantFrom('sid', ' sid', 'a', '__proto__', 'toString', '"x"'), headerText);
    fc.assert(
      fc.property(fc.oneof(anyText, cookieHeader), name, (header, cookieName) => {
        // parseCookieHeader keeps only trimmed, non-empty names: a name it could not hold is not asked for.
        fc.pre(cookieName !== '' && cookieName === cookieName.trim());
        const cookies = parseCookieHeader(header);
        const expected = Object.hasOwn(cookies, cookieName) ? cookies[cookieName] : undefined;
        expect(cookieValue(header, cookieName)).toBe(expected);
        // Sent twice (around whatever the header holds): the first occurrence wins, in both.
        const twice = `${cookieName}=first; ${header}; ${cookieName}=last`;
        expect(cookieValue(twice, cookieName)).toBe(parseCookieHeader(twice)[cookieName]);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('serializeCookie writes the same line from attribute texts made once as from the options', () => {
    const options = fc.record(
      {
        path: fc.constantFrom('/', '/app'),
        domain: fc.constantFrom('example.com', '.example.org'),
        maxAge: fc.integer({ min: -10, max: 1e9 }),
        sameSite: fc.constantFrom('Strict', 'Lax', 'None'),
        secure: fc.boolean(),
        httpOnly: fc.boolean(),
        partitioned: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    // The session's values: base64url and dots, which its maker writes without encoding.
    const sessionValue = fc.stringMatching(/^[\w.-]{0,60}$/);
    fc.assert(
      fc.property(options, sessionValue, fc.boolean(), (given, value, https) => {
        const attributes = cookieAttributeTexts(given);
        for (const scheme of [https, !https]) {
          const line = serializeCookie({ name: 'c', value, options: given }, scheme);
          expect(serializeCookie({ name: 'c', value, options: given, attributes }, scheme)).toBe(line);
        }
        expect(serializeCookie({ name: 'c', value, options: given }, https).startsWith(`c=${value}; `)).toBe(
          true,
        );
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('checkCookie refuses bad input with a TypeError only', () => {
    const options = fc.record(
      {
        path: anyText,
        domain: anyText,
        maxAge: fc.double(),
        sameSite: fc.constantFrom('Strict', 'Lax', 'None'),
        secure: fc.boolean(),
        partitioned: fc.boolean(),
        expires: fc.date({ noInvalidDate: false }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(anyText, anyText, options, (name, value, cookieOptions) => {
        try {
          checkCookie(name, value, cookieOptions as Parameters<typeof checkCookie>[2]);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});

describe('query, cookie and form parsing through an app', () => {
  const app = new Flagon({ logger: { debug() {}, info() {}, warn() {}, error() {} } });
  app.get('/raw', (c) => ({ query: [...c.request.query], cookies: c.request.cookies }));
  app.get(
    '/validated',
    { query: z.record(z.string(), z.union([z.string(), z.array(z.string())])) },
    (c) => c.query,
  );
  app.post('/form', async (c) => [...(await c.request.form()).keys()]);
  app.post('/form/validated', { body: z.looseObject({}) }, (c) => c.body);
  const transport = createMemoryTransport(app);
  beforeAll(() => transport.open());
  afterAll(() => transport.close());

  it('answers any query string and Cookie header without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(encodedText, cookieHeader, async (query, cookie) => {
        for (const path of ['/raw', '/validated']) {
          const res = await transport.request({ path, query, headers: [['cookie', cookie]] });
          expect([200, 400, 422]).toContain(res.status);
          await res.text();
        }
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it('answers any url-encoded body without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(encodedText, async (body) => {
        for (const path of ['/form', '/form/validated']) {
          const res = await transport.request({
            method: 'POST',
            path,
            body,
            headers: [['content-type', 'application/x-www-form-urlencoded']],
          });
          expect([200, 400, 422]).toContain(res.status);
          await res.text();
        }
      }),
      { numRuns: fuzzRuns(100) },
    );
  });
});
