// Compile-time checks (tsc runs over the tests): c.session is typed by the app's declared session.
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { Blueprint, Flagon, type FlashMessage } from '../../src/index.js';

describe('session types', () => {
  it('gives unknown values on an app that declared no session type', () => {
    const app = new Flagon();
    app.get('/', (c) => {
      expectTypeOf(c.session.get('anything')).toEqualTypeOf<unknown>();
      c.session.set('anything', { nested: [1] });
      expectTypeOf(c.flashes()).toEqualTypeOf<FlashMessage[]>();
      expectTypeOf(c.csrfToken()).toEqualTypeOf<string>();
      return 'ok';
    });
  });

  it('types the session from a type argument, in handlers, hooks and blueprints', () => {
    type UserSession = { userId?: number; theme?: 'light' | 'dark' };
    const app = new Flagon<{ user?: string }, { GREETING: string }, {}, UserSession>({
      config: { GREETING: 'hi' },
    });
    app.get('/', (c) => {
      expectTypeOf(c.session.get('userId')).toEqualTypeOf<number | undefined>();
      c.session.set('theme', 'dark');
      // @ts-expect-error: not a theme
      c.session.set('theme', 'blue');
      // @ts-expect-error: not declared
      c.session.get('nope');
      return 'ok';
    });
    app.before((c) => {
      expectTypeOf(c.session.get('theme')).toEqualTypeOf<'light' | 'dark' | undefined>();
    });
    const admin = new Blueprint<{ user?: string }, { GREETING: string }, {}, UserSession>('admin');
    admin.get('/me', (c) => String(c.session.get('userId') ?? 0));
    app.register(admin);
  });

  it('infers the session type from a zod schema option', () => {
    const app = new Flagon({
      config: { SECRET_KEY: 'k' },
      session: z.object({ userId: z.number().optional(), cart: z.array(z.string()).optional() }),
    });
    app.get('/', (c) => {
      expectTypeOf(c.session.get('userId')).toEqualTypeOf<number | undefined>();
      expectTypeOf(c.session.get('cart')).toEqualTypeOf<string[] | undefined>();
      // @ts-expect-error: a number, not a string
      c.session.set('userId', '7');
      expectTypeOf(c.config.SECRET_KEY).toEqualTypeOf<string>();
      return 'ok';
    });
    const plain = new Flagon();
    expectTypeOf(plain.config.SECRET_KEY).toEqualTypeOf<string | undefined>();
    expectTypeOf(plain.config.SESSION_MAX_AGE).toEqualTypeOf<number>();
  });
});
