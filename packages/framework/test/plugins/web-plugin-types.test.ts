// The options of the cors, security headers and request id plugins, as the compiler sees them: what each
// accepts, what it refuses, and what the request id adds to the app it is used on (and nowhere else).
import type { Context } from '@flagon/framework';
import { Blueprint, Flagon } from '@flagon/framework';
import type { CorsOptions } from '@flagon/framework/cors';
import { cors } from '@flagon/framework/cors';
import type { RequestIdOptions } from '@flagon/framework/request-id';
import { requestId } from '@flagon/framework/request-id';
import type { SecurityHeadersOptions } from '@flagon/framework/security-headers';
import { securityHeaders } from '@flagon/framework/security-headers';
import { describe, expect, expectTypeOf, it } from 'vitest';

describe('the web plugins, typed', () => {
  it('cors: an origin function gets the origin and the context, and may be async', () => {
    cors({
      origin: (origin, c) => {
        expectTypeOf(origin).toEqualTypeOf<string>();
        expectTypeOf(c).toEqualTypeOf<Context>();
        return Promise.resolve(c.request.path.startsWith('/api'));
      },
    });
    expectTypeOf<CorsOptions['origin']>().toExtend<
      string | RegExp | readonly (string | RegExp)[] | ((origin: string, c: Context) => unknown) | undefined
    >();
    // @ts-expect-error: an origin function answers with a boolean
    cors({ origin: () => 'https://app.example' });
    // @ts-expect-error: maxAge is seconds, a number (and refused at run time, types bypassed)
    expect(() => cors({ maxAge: '600' })).toThrow(TypeError);
    expect(() => cors({ origin: /x/ })).not.toThrow();
  });

  it('securityHeaders: each header takes its own tokens or false', () => {
    const ok: SecurityHeadersOptions = {
      xFrameOptions: 'DENY',
      referrerPolicy: ['no-referrer', 'strict-origin-when-cross-origin'],
      crossOriginResourcePolicy: 'cross-origin',
      strictTransportSecurity: false,
    };
    expect(() => securityHeaders(ok)).not.toThrow();
    // @ts-expect-error: X-Frame-Options has no ALLOW-FROM in modern browsers, nor any other value
    securityHeaders({ xFrameOptions: 'ALLOW-FROM https://a.example' });
    // @ts-expect-error: not a Referrer-Policy token
    securityHeaders({ referrerPolicy: 'never' });
  });

  it('requestId: c.requestId on the app it is used on, not on another app or a blueprint without it', () => {
    const app = new Flagon().use(
      requestId({ trust: (id, c) => id.startsWith('lb-') && c.scope.client !== null }),
    );
    app.get('/', (c) => {
      expectTypeOf(c.requestId).toEqualTypeOf<string>();
      return c.requestId;
    });
    app.errorHandler(404, (c) => {
      expectTypeOf(c.requestId).toEqualTypeOf<string>();
      return { id: c.requestId };
    });
    const other = new Flagon();
    // @ts-expect-error: this app has no request-id plugin
    other.get('/', (c) => c.requestId);
    const bare = new Blueprint('bare');
    // @ts-expect-error: a blueprint's context has only what its own type arguments say
    bare.get('/', (c) => c.requestId);
    // A blueprint that needs the id says so, and is accepted by an app that has it.
    const needs = new Blueprint<{}, {}, {}, {}, { requestId: string }>('needs');
    needs.get('/', (c) => c.requestId);
    app.register(needs);
    // @ts-expect-error: trust is 'never', 'always' or a function (and refused at run time, types bypassed)
    expect(() => requestId({ trust: true })).toThrow(TypeError);
    expectTypeOf<RequestIdOptions['generate']>().toEqualTypeOf<(() => string) | undefined>();
  });
});
