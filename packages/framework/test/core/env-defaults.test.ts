// A new app takes FLAGON_DEBUG and FLAGON_MAX_BODY_SIZE from the environment, as docs/config.md says,
// under the real CLI too, without calling config.fromEnv(); what the code sets wins.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServingCli } from '../../../gateway/test/server/cli-process.js';
import { serveCli, stop } from '../../../gateway/test/server/cli-process.js';
import { Flagon } from '../../src/index.js';

const FIXTURE = 'packages/framework/test/core/fixtures/failing-app.ts:app';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('settings from the environment', () => {
  it('turns debug mode on and sets the body limit for a new app', () => {
    vi.stubEnv('FLAGON_DEBUG', '1');
    vi.stubEnv('FLAGON_MAX_BODY_SIZE', '2048');
    const app = new Flagon();
    expect([app.debug, app.config.MAX_BODY_SIZE]).toEqual([true, 2048]);
  });

  it('leaves what the code sets, in the options or the config, as it is', () => {
    vi.stubEnv('FLAGON_DEBUG', 'true');
    vi.stubEnv('FLAGON_MAX_BODY_SIZE', '2048');
    expect(new Flagon({ debug: false, maxBodySize: 10 }).config).toMatchObject({
      DEBUG: false,
      MAX_BODY_SIZE: 10,
    });
    expect(new Flagon({ config: { DEBUG: false, MAX_BODY_SIZE: 10 } }).config).toMatchObject({
      DEBUG: false,
      MAX_BODY_SIZE: 10,
    });
  });

  it('refuses a value it cannot read, naming the variable', () => {
    vi.stubEnv('FLAGON_DEBUG', 'maybe');
    expect(() => new Flagon()).toThrow(/^FLAGON_DEBUG must be a boolean .*got "maybe"$/);
  });

  it('keeps the defaults where the environment cannot be read (Deno without --allow-env throws)', () => {
    const env = process.env;
    const denied = new Proxy(
      {},
      {
        get() {
          throw new Error('NotCapable: Requires env access to "FLAGON_DEBUG"');
        },
      },
    );
    Object.defineProperty(process, 'env', { value: denied, configurable: true, writable: true });
    try {
      const app = new Flagon();
      expect([app.debug, app.config.MAX_BODY_SIZE]).toEqual([false, 1024 * 1024]);
    } finally {
      Object.defineProperty(process, 'env', { value: env, configurable: true, writable: true });
    }
  });

  describe('under flagon-gateway serve', () => {
    let server: ServingCli | undefined;
    afterEach(() => stop(server));

    it('shows the error and its stack on a 500 with FLAGON_DEBUG=1', async () => {
      server = await serveCli(FIXTURE, ['--no-access-log'], { FLAGON_DEBUG: '1' });
      const res = await fetch(`${server.url}/boom`);
      const body = (await res.json()) as { message?: string; stack?: string };
      expect([res.status, body.message]).toEqual([500, 'the database is down']);
      expect(body.stack).toMatch(/failing-app\.ts/);
    });

    it('shows neither without it, and takes FLAGON_MAX_BODY_SIZE', async () => {
      server = await serveCli(FIXTURE, ['--no-access-log'], { FLAGON_DEBUG: '', FLAGON_MAX_BODY_SIZE: '4' });
      const res = await fetch(`${server.url}/boom`);
      expect([res.status, await res.text()]).toEqual([500, '{"error":"Internal Server Error"}']);
      const upload = await fetch(`${server.url}/upload`, { method: 'POST', body: 'too long' });
      expect(upload.status).toBe(413);
    });
  });
});
