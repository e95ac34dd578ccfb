import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Flagon } from '../../src/index.js';
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
});
