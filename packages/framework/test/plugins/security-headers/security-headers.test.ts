// The security headers plugin through the public API, in memory: helmet's defaults, HSTS on https only,
// each header configurable or off, and the handler's own headers kept.
import { Flagon, Response } from '@flagon/framework';
import type { SecurityHeadersOptions } from '@flagon/framework/security-headers';
import { DEFAULT_CSP_DIRECTIVES, securityHeaders } from '@flagon/framework/security-headers';
import { createTestClient } from '@flagon/framework/testing';
import { createLogger } from '@flagon/gateway/core';
import { describe, expect, it } from 'vitest';

const DEFAULT_CSP =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests";

const DEFAULTS = {
  'content-security-policy': DEFAULT_CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

function headersOf(options: SecurityHeadersOptions = {}, baseUrl?: string) {
  const logged: string[] = [];
  const app = new Flagon({ logger: createLogger('error', (line) => logged.push(line)) }).use(
    securityHeaders(options),
  );
  app.get('/', () => ({ ok: true }));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.get('/own', () => {
    const response = new Response('framed', { headers: { 'x-frame-options': 'DENY' } });
    response.headers.set('content-security-policy', "default-src 'none'");
    return response;
  });
  const client = createTestClient(app, baseUrl === undefined ? {} : { baseUrl });
  const get = async (path = '/') => {
    const res = await client.get(path);
    const security = Object.fromEntries(
      [...res.headers].filter(([name]) => name !== 'content-type' && name !== 'content-length'),
    );
    return { status: res.status, headers: security, logged };
  };
  return get;
}

describe('securityHeaders', () => {
  it("sends helmet's default set, and no HSTS over plain http", async () => {
    const get = headersOf();
    expect(await get()).toMatchObject({ status: 200, headers: DEFAULTS });
    expect((await get()).headers['strict-transport-security']).toBeUndefined();
    expect(Object.keys(DEFAULT_CSP_DIRECTIVES)).toContain('frame-ancestors');
  });

  it('sends HSTS on https requests', async () => {
    const get = headersOf({}, 'https://testserver');
    expect((await get()).headers).toEqual({
      ...DEFAULTS,
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
    const tuned = headersOf(
      { strictTransportSecurity: { maxAge: 63072000, includeSubDomains: false, preload: true } },
      'https://testserver',
    );
    expect((await tuned()).headers['strict-transport-security']).toBe('max-age=63072000; preload');
    const off = headersOf({ strictTransportSecurity: false }, 'https://testserver');
    expect((await off()).headers['strict-transport-security']).toBeUndefined();
  });

  it('covers 404s and 500s, and keeps the headers a handler set', async () => {
    const get = headersOf();
    expect(await get('/missing')).toMatchObject({ status: 404, headers: DEFAULTS });
    const failed = await get('/boom');
    expect(failed).toMatchObject({ status: 500, headers: DEFAULTS });
    expect(failed.logged.join('\n')).toContain('boom');
    const own = await get('/own');
    expect(own.headers['x-frame-options']).toBe('DENY');
    expect(own.headers['content-security-policy']).toBe("default-src 'none'");
    expect(own.headers['x-content-type-options']).toBe('nosniff');
  });

  it('turns each header off, or sets it as configured', async () => {
    const off = headersOf({
      contentSecurityPolicy: false,
      crossOriginOpenerPolicy: false,
      crossOriginResourcePolicy: false,
      originAgentCluster: false,
      referrerPolicy: false,
      xContentTypeOptions: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xFrameOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    });
    expect((await off()).headers).toEqual({});
    const tuned = headersOf({
      crossOriginEmbedderPolicy: 'require-corp',
      crossOriginResourcePolicy: 'cross-origin',
      referrerPolicy: ['no-referrer', 'strict-origin-when-cross-origin'],
      xFrameOptions: 'DENY',
    });
    expect((await tuned()).headers).toMatchObject({
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'cross-origin',
      'referrer-policy': 'no-referrer,strict-origin-when-cross-origin',
      'x-frame-options': 'DENY',
    });
  });

  it('merges CSP directives over the defaults (camel or kebab case, null drops one), or replaces them', async () => {
    const merged = headersOf({
      contentSecurityPolicy: {
        directives: { scriptSrc: ["'self'", 'https://cdn.example'], 'upgrade-insecure-requests': null },
      },
    });
    const csp = (await merged()).headers['content-security-policy'];
    expect(csp).toContain(";script-src 'self' https://cdn.example;");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const own = headersOf({
      contentSecurityPolicy: {
        useDefaults: false,
        reportOnly: true,
        directives: { defaultSrc: ["'none'"], reportUri: ['/csp'] },
      },
    });
    const { headers } = await own();
    expect(headers['content-security-policy-report-only']).toBe("default-src 'none';report-uri /csp");
    expect(headers['content-security-policy']).toBeUndefined();
  });

  it('refuses at setup what would break the header or mean something else', () => {
    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ['self'] } } })).toThrow(
      `securityHeaders: CSP script-src holds self, which must be quoted: "'self'"`,
    );
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { directives: { imgSrc: ["'self'; script-src *"] } } }),
    ).toThrow('a source is one word');
    expect(() => securityHeaders({ contentSecurityPolicy: { useDefaults: false, directives: {} } })).toThrow(
      'the Content-Security-Policy has no directive',
    );
    expect(() => securityHeaders({ strictTransportSecurity: { maxAge: 1.5 } })).toThrow(
      'strictTransportSecurity.maxAge must be whole seconds, got 1.5',
    );
    expect(() => securityHeaders({ xFrameOptions: 'DENY\r\nx-evil: 1' as 'DENY' })).toThrow(TypeError);
  });
});
