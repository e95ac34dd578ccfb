// register() accepts a blueprint exactly when the app (or outer blueprint) provides what it needs.
import { describe, expectTypeOf, it } from 'vitest';
import type { BlueprintFit } from '../../src/blueprint-fit.js';
import { Blueprint, Flagon } from '../../src/index.js';

interface User {
  id: number;
}

describe('register() and what a blueprint needs', () => {
  it('takes a blueprint whose needs are a part of what the app has', () => {
    const app = new Flagon({ config: { DB_URL: 'postgres://', SECRET: 's' } });
    const needsDb = new Blueprint<Record<string, unknown>, { DB_URL: string }>('db');
    app.register(needsDb);
    // A blueprint with no type arguments needs nothing: accepted by an app whose config was inferred.
    app.register(new Blueprint('api'));
    const withUser = new Flagon<{ user?: User }>();
    withUser.register(new Blueprint<{ user?: User }>('admin'));
    expectTypeOf<
      BlueprintFit<{ g: {}; config: { A: 1; B: 2 }; state: {} }, { g: {}; config: { A: 1 }; state: {} }>
    >().toEqualTypeOf<unknown>();
  });

  it('refuses, at compile time, a blueprint that needs what the app lacks', () => {
    const app = new Flagon({ config: { SECRET: 's' } });
    const needsDb = new Blueprint<Record<string, unknown>, { DB_URL: string }>('db');
    // @ts-expect-error: the app's config has no DB_URL
    app.register(needsDb);
    const needsUser = new Blueprint<{ user: User }>('admin');
    // @ts-expect-error: the app's g has no user
    new Flagon().register(needsUser);
    const needsOptionalUser = new Blueprint<{ user?: User }>('profile');
    // @ts-expect-error: an app without type arguments promises no user, not even an optional one
    new Flagon().register(needsOptionalUser);
    const needsSession = new Blueprint<object, object, object, { userId?: number }>('account');
    // @ts-expect-error: the app declared no session type
    new Flagon().register(needsSession);
    expectTypeOf<
      BlueprintFit<{ g: {}; config: {}; state: {} }, { g: {}; config: { DB_URL: string }; state: {} }>
    >().toEqualTypeOf<{ readonly 'the app lacks what this blueprint needs': 'config' }>();
  });

  it('applies the same rule to a blueprint registered on a blueprint', () => {
    const outer = new Blueprint<Record<string, unknown>, { DB_URL: string; SECRET: string }>('outer');
    outer.register(new Blueprint<Record<string, unknown>, { DB_URL: string }>('inner'));
    const bare = new Blueprint('bare');
    // @ts-expect-error: the outer blueprint promises no DB_URL
    bare.register(new Blueprint<Record<string, unknown>, { DB_URL: string }>('inner'));
  });
});
