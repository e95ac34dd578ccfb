// Security headers over a real socket, behind the reference server: HSTS follows the scheme a trusted
// proxy reports (`X-Forwarded-Proto` with proxy headers on), never what any client claims.
import { Flagon } from '@flagon/framework';
import { securityHeaders } from '@flagon/framework/security-headers';
import { createLogger } from '@flagon/gateway/core';
import { serve } from '@flagon/gateway/server';
import { describe, expect, it } from 'vitest';

function app() {
  const flagon = new Flagon().use(securityHeaders());
  flagon.get('/', (c) => ({ scheme: c.scope.scheme }));
  return flagon;
}

const quiet = {
  port: 0,
  host: '127.0.0.1',
  accessLog: false,
  logger: createLogger('error', () => {}),
} as const;

describe('securityHeaders over a real socket', () => {
  it('sends HSTS when a trusted proxy says https, and not otherwise', async () => {
    const trusted = await serve(app(), { ...quiet, proxyHeaders: true });
    const untrusted = await serve(app(), { ...quiet, proxyHeaders: true, forwardedAllowIps: '10.0.0.1' });
    try {
      const https = { 'x-forwarded-proto': 'https' };
      const viaProxy = await fetch(trusted.url, { headers: https });
      expect(await viaProxy.json()).toEqual({ scheme: 'https' });
      expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(viaProxy.headers.get('x-content-type-options')).toBe('nosniff');

      const plain = await fetch(trusted.url);
      expect(await plain.json()).toEqual({ scheme: 'http' });
      expect(plain.headers.get('strict-transport-security')).toBeNull();

      const forged = await fetch(untrusted.url, { headers: https });
      expect(await forged.json()).toEqual({ scheme: 'http' });
      expect(forged.headers.get('strict-transport-security')).toBeNull();
      expect(forged.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    } finally {
      await Promise.all([trusted.drain(), untrusted.drain()]);
    }
  });
});
