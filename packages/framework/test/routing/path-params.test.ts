// Type tests: `npx tsc -p tsconfig.json --noEmit` at the repo root checks them (vitest runs them as no-ops,
// plus one run-time check that the router's params agree with the types).
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PathParams } from '../../src/routing/index.js';
import { Router } from '../../src/routing/index.js';

describe('PathParams', () => {
  it('types named params and wildcards as strings', () => {
    expectTypeOf<PathParams<'/users/:id'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<PathParams<'/users/:id/posts/:post'>>().toEqualTypeOf<{ id: string; post: string }>();
    expectTypeOf<PathParams<'/files/*path'>>().toEqualTypeOf<{ path: string }>();
    expectTypeOf<PathParams<'/*path'>>().toEqualTypeOf<{ path: string }>();
  });

  it('types params in optional groups as optional', () => {
    expectTypeOf<PathParams<'/{:lang/}docs'>>().toEqualTypeOf<{ lang?: string | undefined }>();
    expectTypeOf<PathParams<'/users{/:id}/delete'>>().toEqualTypeOf<{ id?: string | undefined }>();
    expectTypeOf<PathParams<'/v{/:major{/:minor}}/x/:y'>>().toEqualTypeOf<{
      y: string;
      major?: string | undefined;
      minor?: string | undefined;
    }>();
    expectTypeOf<PathParams<'/{*path}'>>().toEqualTypeOf<{ path?: string | undefined }>();
  });

  it('finds several params in one segment', () => {
    expectTypeOf<PathParams<'/file/:name.:ext'>>().toEqualTypeOf<{ name: string; ext: string }>();
    expectTypeOf<PathParams<'/range/:from-:to'>>().toEqualTypeOf<{ from: string; to: string }>();
    expectTypeOf<PathParams<'/report{.:format}'>>().toEqualTypeOf<{ format?: string | undefined }>();
    expectTypeOf<PathParams<'/assets*rest'>>().toEqualTypeOf<{ rest: string }>();
    expectTypeOf<PathParams<'/a/*dir/b/:c'>>().toEqualTypeOf<{ dir: string; c: string }>();
  });

  it('takes quoted names whole, and escaped characters as text', () => {
    expectTypeOf<PathParams<'/q/:"foo-bar"'>>().toEqualTypeOf<{ 'foo-bar': string }>();
    expectTypeOf<PathParams<'/lit/\\:id'>>().toEqualTypeOf<{}>();
    expectTypeOf<PathParams<'/lit/\\:id/:x'>>().toEqualTypeOf<{ x: string }>();
    expectTypeOf<PathParams<'/:a\\:b'>>().toEqualTypeOf<{ a: string }>();
    expectTypeOf<PathParams<'/\\{:a\\}'>>().toEqualTypeOf<{ a: string }>();
  });

  it('gives a static path no params, and an unknown path a record', () => {
    expectTypeOf<PathParams<'/about'>>().toEqualTypeOf<{}>();
    expectTypeOf<PathParams<'/'>>().toEqualTypeOf<{}>();
    expectTypeOf<PathParams<string>>().toEqualTypeOf<Record<string, string | undefined>>();
  });

  it('keeps identifier characters in names', () => {
    expectTypeOf<PathParams<'/:user_id/:$x/:café'>>().toEqualTypeOf<{
      user_id: string;
      $x: string;
      café: string;
    }>();
  });

  it('rejects an unknown name at compile time', () => {
    const params = {} as PathParams<'/users/:id'>;
    // @ts-expect-error: "/users/:id" has no param "nope"
    expect(params.nope).toBeUndefined();
  });

  it('copes with long paths without deep instantiation', () => {
    type Long =
      '/a/:p1/b/:p2/c/:p3/d/:p4/e/:p5/f/:p6/g/:p7/h/:p8/i/:p9/j/:p10/k/:p11/l/:p12/m/:p13/n/:p14/o/:p15/p/:p16/q/:p17/r/:p18/s/:p19/t/:p20/*rest';
    expectTypeOf<PathParams<Long>['p20']>().toEqualTypeOf<string>();
    expectTypeOf<PathParams<Long>['rest']>().toEqualTypeOf<string>();
    type Numbers = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20;
    expectTypeOf<keyof PathParams<Long>>().toEqualTypeOf<`p${Numbers}` | 'rest'>();
  });

  it('agrees with the params the router gives', () => {
    const paths = [
      '/users/:id',
      '/file/:name.:ext',
      '/{:lang/}docs',
      '/files/*path',
      '/q/:"foo-bar"',
    ] as const;
    const router = new Router<null>();
    for (const path of paths) router.add({ methods: ['GET'], path, value: null });
    const keysOf = (path: string) => {
      const result = router.match('GET', path);
      return result.kind === 'found' ? Object.keys(result.params).sort() : [];
    };
    const expected: { [P in (typeof paths)[number]]: (keyof PathParams<P>)[] } = {
      '/users/:id': ['id'],
      '/file/:name.:ext': ['ext', 'name'],
      '/{:lang/}docs': ['lang'],
      '/files/*path': ['path'],
      '/q/:"foo-bar"': ['foo-bar'],
    };
    expect(keysOf('/users/1')).toEqual(expected['/users/:id']);
    expect(keysOf('/file/a.b')).toEqual(expected['/file/:name.:ext']);
    expect(keysOf('/docs')).toEqual(expected['/{:lang/}docs']);
    expect(keysOf('/files/a/b')).toEqual(expected['/files/*path']);
    expect(keysOf('/q/x')).toEqual(expected['/q/:"foo-bar"']);
  });
});
