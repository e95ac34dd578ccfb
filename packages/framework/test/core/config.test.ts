import type { HttpReceive, HttpScope } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Flagon, Request } from '../../src/index.js';
import { createTestClient } from '../../src/testing/index.js';
import { serve } from './helpers.js';

describe('config', () => {
  it('holds the given keys plus DEBUG and MAX_BODY_SIZE, and reaches handlers as c.config', async () => {
    const app = new Flagon({ config: { GREETING: 'Hello' }, maxBodySize: 10 });
    expect(app.config.GREETING).toBe('Hello');
    expect(app.config.DEBUG).toBe(false);
    expect(app.config.MAX_BODY_SIZE).toBe(10);
    app.get('/', (c) => `${c.config.GREETING}, World!`);
    expect(await (await (await serve(app)).request({ path: '/' })).text()).toBe('Hello, World!');
  });

  it('loads prefixed variables from an env, parsing JSON-looking values (Flask’s rule)', () => {
    const app = new Flagon();
    app.config.fromEnv('FLAGON_', {
      FLAGON_DEBUG: 'true',
      FLAGON_PORT: '8080',
      FLAGON_NAME: 'shop',
      FLAGON_LIST: '[1,2]',
      OTHER: 'ignored',
    });
    expect(app.debug).toBe(true);
    expect({ ...app.config }).toEqual({
      DEBUG: true,
      MAX_BODY_SIZE: 1024 * 1024,
      MAX_JSON_DEPTH: 128,
      // The form and upload settings (docs/forms.md).
      MAX_FORM_SIZE: 10 * 1024 * 1024,
      MAX_FILE_SIZE: 10 * 1024 * 1024,
      MAX_FILES: 10,
      MAX_FORM_FIELDS: 1000,
      MAX_FORM_FIELD_SIZE: 1024 * 1024,
      UPLOAD_SPOOL_THRESHOLD: 1024 * 1024,
      UPLOAD_TEMP_DIR: undefined,
      // The session and CSRF settings (docs/sessions.md).
      SECRET_KEY: undefined,
      SECRET_KEY_FALLBACKS: [],
      SESSION_COOKIE_NAME: 'session',
      SESSION_MAX_AGE: 31 * 24 * 60 * 60,
      SESSION_COOKIE_SECURE: undefined,
      CSRF_TRUSTED_ORIGINS: [],
      PORT: 8080,
      NAME: 'shop',
      LIST: [1, 2],
    });
  });

  it('coerces and types env values through a zod schema, and reports bad ones', () => {
    const app = new Flagon();
    const schema = z.object({ PORT: z.coerce.number().int(), MAX_BODY_SIZE: z.coerce.number().optional() });
    const config = app.config.fromEnv('APP_', { APP_PORT: '9000', APP_MAX_BODY_SIZE: '2048' }, schema);
    expect(config.PORT).toBe(9000);
    expect(app.config.MAX_BODY_SIZE).toBe(2048);
    expect(() => app.config.fromEnv('APP_', { APP_PORT: 'x' }, schema)).toThrow(/APP_PORT: Invalid input/);
  });

  it('turns debug mode on through FLAGON_DEBUG=1, which shows stacks on 500s', async () => {
    const app = new Flagon({ logger: { debug() {}, info() {}, warn() {}, error() {} } });
    app.config.fromEnv(undefined, { FLAGON_DEBUG: '1' });
    app.get('/boom', () => {
      throw new Error('visible');
    });
    const body = await (await (await serve(app)).request({ path: '/boom' })).json<{ message: string }>();
    expect(body.message).toBe('visible');
  });

  describe('DEBUG is a real boolean', () => {
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };

    /** The JSON a client gets from a route that throws, under `env`. */
    async function boom(env: Record<string, string>): Promise<Record<string, unknown>> {
      const app = new Flagon({ logger: quiet });
      app.config.fromEnv('FLAGON_', env);
      app.get('/boom', () => {
        throw new Error('db password hunter2');
      });
      const response = await createTestClient(app).get('/boom');
      expect(response.status).toBe(500);
      return response.json<Record<string, unknown>>();
    }

    it.each(['False', 'false', 'FALSE', '0', 'no', 'No', 'off', 'OFF'])(
      'keeps debug off for FLAGON_DEBUG=%s: a 500 shows neither message nor stack',
      async (value) => {
        expect(await boom({ FLAGON_DEBUG: value })).toEqual({ error: 'Internal Server Error' });
      },
    );

    it.each(['True', 'true', '1', 'yes', 'YES', 'on', 'On'])(
      'turns debug on for FLAGON_DEBUG=%s',
      async (value) => {
        const body = await boom({ FLAGON_DEBUG: value });
        expect(body.message).toBe('db password hunter2');
        expect(body.stack).toEqual(expect.any(String));
      },
    );

    it.each(['maybe', '', 'y', '2', 'null', '"true"'])(
      'refuses FLAGON_DEBUG=%j with a TypeError',
      (value) => {
        const app = new Flagon();
        expect(() => app.config.fromEnv('FLAGON_', { FLAGON_DEBUG: value })).toThrow(
          new TypeError(
            `DEBUG must be a boolean (or one of the strings true/false, 1/0, yes/no, on/off), got ${JSON.stringify(value)}`,
          ),
        );
        expect(app.debug).toBe(false);
      },
    );

    it('checks DEBUG however it is set: config, update, assignment, app.debug', () => {
      expect(new Flagon({ config: { DEBUG: 'off' } }).debug).toBe(false);
      const app = new Flagon();
      app.config.update({ DEBUG: 'Yes' });
      expect(app.config.DEBUG).toBe(true);
      expect(() => new Flagon({ config: { DEBUG: 'False!' } })).toThrow(TypeError);
      expect(() => app.config.update({ DEBUG: 0 })).toThrow(/DEBUG must be a boolean .*got 0/);
      expect(() => {
        app.debug = 'no' as unknown as boolean;
      }).not.toThrow();
      expect(app.debug).toBe(false);
      expect(() => {
        app.config.DEBUG = undefined as unknown as boolean;
      }).toThrow(TypeError);
      expect(app.debug).toBe(false);
    });

    it('sets nothing when one value is refused: fromEnv and update are all or nothing', () => {
      const app = new Flagon({ config: { SECRET: 'dev' } });
      // The refused key comes last: the others were once set before it threw.
      expect(() =>
        app.config.fromEnv('FLAGON_', { FLAGON_SECRET: 'prod', FLAGON_PORT: '9000', FLAGON_DEBUG: 'maybe' }),
      ).toThrow(TypeError);
      expect(() => app.config.update({ SECRET: 'other', MAX_BODY_SIZE: '1MB' })).toThrow(TypeError);
      expect([app.config.SECRET, 'PORT' in app.config, app.debug]).toEqual(['dev', false, false]);
    });

    it('leaves DEBUG alone when a zod schema does not output it', () => {
      const app = new Flagon({ debug: true });
      app.config.fromEnv('APP_', {}, z.object({ DEBUG: z.stringbool().optional() }));
      expect(app.debug).toBe(true);
    });
  });

  describe('MAX_BODY_SIZE is a size in bytes', () => {
    const upload = async (app: Flagon): Promise<number> => {
      app.post('/up', async (c) => ({ n: (await c.request.bytes()).length }));
      const response = await createTestClient(app).post('/up', { body: 'x'.repeat(4096) });
      return response.status;
    };

    it('enforces a limit given from the env', async () => {
      const app = new Flagon();
      app.config.fromEnv('FLAGON_', { FLAGON_MAX_BODY_SIZE: '2048' });
      expect(app.config.MAX_BODY_SIZE).toBe(2048);
      expect(await upload(app)).toBe(413);
    });

    it.each(['1MB', '1mb', '-1', '1.5', '1e6', 'Infinity', '', '9007199254740993'])(
      'refuses FLAGON_MAX_BODY_SIZE=%j with a TypeError, keeping the limit',
      async (value) => {
        const app = new Flagon({ maxBodySize: 1024 });
        expect(() => app.config.fromEnv('FLAGON_', { FLAGON_MAX_BODY_SIZE: value })).toThrow(
          new TypeError(
            `MAX_BODY_SIZE must be a size in bytes (a non-negative integer, or Infinity for no limit), got ${JSON.stringify(value)}`,
          ),
        );
        expect(await upload(app)).toBe(413);
      },
    );

    it.each([Number.NaN, -1, 1.5, '1MB', null, Number.NEGATIVE_INFINITY])(
      'refuses maxBodySize: %s in the options, the config and update()',
      (value) => {
        expect(() => new Flagon({ maxBodySize: value as number })).toThrow(
          /MAX_BODY_SIZE must be a size in bytes/,
        );
        expect(() => new Flagon({ config: { MAX_BODY_SIZE: value } })).toThrow(TypeError);
        expect(() => new Flagon().config.update({ MAX_BODY_SIZE: value })).toThrow(TypeError);
      },
    );

    it('accepts 0 and Infinity (no limit)', async () => {
      expect(await upload(new Flagon({ maxBodySize: 0 }))).toBe(413);
      expect(await upload(new Flagon({ maxBodySize: Number.POSITIVE_INFINITY }))).toBe(200);
    });

    it("refuses a route's bad maxBodySize when the route is mounted", () => {
      const app = new Flagon();
      expect(() => app.post('/up', { maxBodySize: Number.NaN }, () => 'ok')).toThrow(
        /The maxBodySize of route "POST \/up" must be a size in bytes.*got NaN/,
      );
    });
  });

  it('fails closed when a bad limit reaches the body some other way (a Request made by hand)', async () => {
    const scope = {
      type: 'http',
      method: 'POST',
      headers: [['content-length', '4']],
    } as unknown as HttpScope;
    const receive: HttpReceive = async () => ({ type: 'http.request', body: new Uint8Array(4), more: false });
    await expect(new Request(scope, receive, Number.NaN).bytes()).rejects.toThrow(TypeError);
    const chunks = async () => {
      for await (const _chunk of new Request(scope, receive, Number.NaN).body);
    };
    await expect(chunks()).rejects.toThrow(/body limit must be a number of bytes >= 0, got NaN/);
  });
});
