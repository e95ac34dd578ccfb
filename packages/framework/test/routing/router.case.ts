// The router's case table, in the spirit of Hono's common.case.test.ts: each case registers routes, then
// sends requests and states what `match` must answer. router.test.ts runs it; any other router (or the
// app's dispatch) can run the same table.

/** A route as `'METHOD[,METHOD] /path'`; the string itself is the route's value, so answers name it. */
export type RouteSpec = string;

/** What `match` must answer, in the shape the runner compares. */
export type Expected =
  | { readonly kind: 'found'; readonly value: RouteSpec; readonly params: Record<string, string | undefined> }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-found' };

export interface RouterCase {
  readonly name: string;
  readonly routes: readonly RouteSpec[];
  readonly requests: ReadonlyArray<readonly [method: string, path: string, expected: Expected]>;
}

export const found = (value: RouteSpec, params: Record<string, string | undefined> = {}): Expected => ({
  kind: 'found',
  value,
  params,
});
export const notAllowed = (...allowed: string[]): Expected => ({ kind: 'method-not-allowed', allowed });
export const redirect = (location: string): Expected => ({ kind: 'redirect', location });
export const notFound: Expected = { kind: 'not-found' };

/** Splits a route spec into the router's `methods` and `path`. */
export function parseSpec(spec: RouteSpec): { methods: string[]; path: string } {
  const space = spec.indexOf(' ');
  return { methods: spec.slice(0, space).split(','), path: spec.slice(space + 1) };
}

const manyRoutes = Array.from({ length: 200 }, (_, i) =>
  i % 2 === 0 ? `GET /static/${i}/page` : `GET /dynamic/${i}/:id/page`,
);

export const routerCases: readonly RouterCase[] = [
  {
    name: 'static routes and methods',
    routes: ['GET /', 'GET /hello', 'POST /hello', 'PURGE /hello', 'GET /hello/world'],
    requests: [
      ['GET', '/', found('GET /')],
      ['GET', '/hello', found('GET /hello')],
      ['POST', '/hello', found('POST /hello')],
      ['PURGE', '/hello', found('PURGE /hello')],
      ['PUT', '/hello', notAllowed('GET', 'HEAD', 'OPTIONS', 'POST', 'PURGE')],
      ['GET', '/hello/world', found('GET /hello/world')],
      ['GET', '/hello/there', notFound],
      ['GET', '/nope', notFound],
      // A mount's own path (rootPath `/app`, path ``) goes to the mount's root.
      ['GET', '', redirect('/')],
      ['GET', 'hello', notFound],
    ],
  },
  {
    name: 'many static and dynamic routes mixed',
    routes: [
      'GET /users',
      'POST /users',
      'GET /users/me',
      'GET /users/:id',
      'PATCH,DELETE /users/:id',
      'GET /users/:id/posts',
      'GET /users/:id/posts/:post',
      'GET /users/:id/posts/latest',
      'GET /orgs/:org/repos/:repo/issues/:number',
      'GET /orgs/:org/members',
      'GET /static/*path',
      'GET /search',
    ],
    requests: [
      ['GET', '/users', found('GET /users')],
      ['POST', '/users', found('POST /users')],
      ['GET', '/users/me', found('GET /users/me')],
      ['GET', '/users/42', found('GET /users/:id', { id: '42' })],
      ['DELETE', '/users/42', found('PATCH,DELETE /users/:id', { id: '42' })],
      ['DELETE', '/users/me', found('PATCH,DELETE /users/:id', { id: 'me' })],
      ['GET', '/users/42/posts', found('GET /users/:id/posts', { id: '42' })],
      ['GET', '/users/42/posts/7', found('GET /users/:id/posts/:post', { id: '42', post: '7' })],
      ['GET', '/users/42/posts/latest', found('GET /users/:id/posts/latest', { id: '42' })],
      [
        'GET',
        '/orgs/acme/repos/rocket/issues/12',
        found('GET /orgs/:org/repos/:repo/issues/:number', { org: 'acme', repo: 'rocket', number: '12' }),
      ],
      ['GET', '/orgs/acme/members', found('GET /orgs/:org/members', { org: 'acme' })],
      ['GET', '/orgs/acme', notFound],
      ['GET', '/static/css/site.css', found('GET /static/*path', { path: 'css/site.css' })],
      ['GET', '/search', found('GET /search')],
      ['PUT', '/users/42', notAllowed('DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH')],
    ],
  },
  {
    name: '200 routes: the last one added is matched',
    routes: manyRoutes,
    requests: [
      ['GET', '/static/198/page', found('GET /static/198/page')],
      ['GET', '/dynamic/199/abc/page', found('GET /dynamic/199/:id/page', { id: 'abc' })],
      ['GET', '/static/0/page', found('GET /static/0/page')],
      ['GET', '/dynamic/1/x/page', found('GET /dynamic/1/:id/page', { id: 'x' })],
      ['GET', '/dynamic/200/x/page', notFound],
    ],
  },
  {
    name: 'params are the decoded path as given: never decoded twice',
    routes: ['GET /users/:id', 'GET /files/*path'],
    requests: [
      ['GET', '/users/a b', found('GET /users/:id', { id: 'a b' })],
      ['GET', '/users/100%', found('GET /users/:id', { id: '100%' })],
      ['GET', '/users/%E2%82%AC', found('GET /users/:id', { id: '%E2%82%AC' })],
      ['GET', '/users/a?b#c', found('GET /users/:id', { id: 'a?b#c' })],
      ['GET', '/users/a+b', found('GET /users/:id', { id: 'a+b' })],
      // A client's `%2F` arrives decoded as `/`, so it splits the segment.
      ['GET', '/users/a/b', notFound],
      ['GET', '/files/a/b%2Fc', found('GET /files/*path', { path: 'a/b%2Fc' })],
    ],
  },
  {
    name: 'unicode in routes and paths',
    routes: ['GET /café/:plat', 'GET /日本/:都市', 'GET /emoji/:e'],
    requests: [
      ['GET', '/café/crêpe', found('GET /café/:plat', { plat: 'crêpe' })],
      ['GET', '/cafe/crepe', notFound],
      ['GET', '/日本/東京', found('GET /日本/:都市', { 都市: '東京' })],
      ['GET', '/emoji/🦊', found('GET /emoji/:e', { e: '🦊' })],
    ],
  },
  {
    name: 'matching is case-sensitive',
    routes: ['GET /About', 'GET /about'],
    requests: [
      ['GET', '/About', found('GET /About')],
      ['GET', '/about', found('GET /about')],
      ['GET', '/ABOUT', notFound],
    ],
  },
  {
    name: 'strict slashes',
    routes: ['GET /docs/', 'GET /about', 'GET /users/:id/', 'POST /forms/', 'GET /a b/', 'GET /help{/}'],
    requests: [
      ['GET', '/docs/', found('GET /docs/')],
      ['GET', '/docs', redirect('/docs/')],
      ['HEAD', '/docs', redirect('/docs/')],
      ['OPTIONS', '/docs', redirect('/docs/')],
      ['GET', '/about', found('GET /about')],
      ['GET', '/about/', notFound],
      ['GET', '/users/3', redirect('/users/3/')],
      ['GET', '/users/3/', found('GET /users/:id/', { id: '3' })],
      // Only a route that serves the method is worth a redirect.
      ['GET', '/forms', notFound],
      ['POST', '/forms', redirect('/forms/')],
      ['GET', '/forms/', notAllowed('OPTIONS', 'POST')],
      // The location is a URL path: percent-encoded.
      ['GET', '/a b', redirect('/a%20b/')],
      // An optional slash answers both forms.
      ['GET', '/help', found('GET /help{/}')],
      ['GET', '/help/', found('GET /help{/}')],
    ],
  },
  {
    name: 'a redirect never points to another host',
    routes: ['GET /*path/'],
    requests: [
      ['GET', '//evil.example', redirect('/%2Fevil.example/')],
      ['GET', '/\\evil.example', redirect('/%5Cevil.example/')],
      ['GET', '//evil.example/', found('GET /*path/', { path: '/evil.example' })],
    ],
  },
  {
    name: 'a matching route beats a strict-slash redirect',
    routes: ['GET /guide/', 'GET /*page'],
    requests: [
      ['GET', '/guide', found('GET /*page', { page: 'guide' })],
      ['GET', '/guide/', found('GET /guide/')],
      ['OPTIONS', '/guide', notAllowed('GET', 'HEAD', 'OPTIONS')],
    ],
  },
  {
    name: 'HEAD, OPTIONS and the allowed list',
    routes: [
      'GET /page',
      'HEAD /explicit',
      'GET /explicit',
      'POST /form',
      'OPTIONS /cors',
      'GET /cors',
      'DELETE /users/me',
      'GET /users/:id',
    ],
    requests: [
      ['HEAD', '/page', found('GET /page')],
      ['HEAD', '/explicit', found('HEAD /explicit')],
      ['GET', '/explicit', found('GET /explicit')],
      ['HEAD', '/form', notAllowed('OPTIONS', 'POST')],
      ['OPTIONS', '/page', notAllowed('GET', 'HEAD', 'OPTIONS')],
      ['OPTIONS', '/cors', found('OPTIONS /cors')],
      ['POST', '/cors', notAllowed('GET', 'HEAD', 'OPTIONS')],
      // Every route matching the path counts, whatever its priority.
      ['POST', '/users/me', notAllowed('DELETE', 'GET', 'HEAD', 'OPTIONS')],
      ['GET', '/users/me', found('GET /users/:id', { id: 'me' })],
      ['OPTIONS', '/nowhere', notFound],
    ],
  },
  {
    name: 'priority: static, text with params, param, inner wildcard, trailing wildcard',
    routes: [
      'GET /files/*rest',
      'GET /files/*dir/index.html',
      'GET /files/:name',
      'GET /files/:name.:ext',
      'GET /files/readme.md',
    ],
    requests: [
      ['GET', '/files/readme.md', found('GET /files/readme.md')],
      ['GET', '/files/notes.txt', found('GET /files/:name.:ext', { name: 'notes', ext: 'txt' })],
      ['GET', '/files/notes', found('GET /files/:name', { name: 'notes' })],
      ['GET', '/files/a/b/index.html', found('GET /files/*dir/index.html', { dir: 'a/b' })],
      ['GET', '/files/a/b/c', found('GET /files/*rest', { rest: 'a/b/c' })],
      ['GET', '/files', notFound],
    ],
  },
  {
    name: 'priority is decided segment by segment, with backtracking',
    routes: ['GET /a/:x/c/e', 'GET /a/b/c/d', 'GET /a/b/*rest', 'GET /:p/b/c/d'],
    requests: [
      ['GET', '/a/b/c/d', found('GET /a/b/c/d')],
      ['GET', '/a/b/c/e', found('GET /a/b/*rest', { rest: 'c/e' })],
      ['GET', '/a/z/c/e', found('GET /a/:x/c/e', { x: 'z' })],
      ['GET', '/z/b/c/d', found('GET /:p/b/c/d', { p: 'z' })],
    ],
  },
  {
    name: 'the same pattern twice: the first added wins, per method',
    routes: ['GET /users/:id', 'GET /users/:name', 'POST /users/:name'],
    requests: [
      ['GET', '/users/x', found('GET /users/:id', { id: 'x' })],
      ['POST', '/users/x', found('POST /users/:name', { name: 'x' })],
    ],
  },
  {
    name: 'a method served deeper in priority order is found',
    routes: ['GET /items/new', 'GET,PUT /items/:id'],
    requests: [
      ['PUT', '/items/new', found('GET,PUT /items/:id', { id: 'new' })],
      ['GET', '/items/new', found('GET /items/new')],
    ],
  },
  {
    name: 'wildcard at the root',
    routes: ['GET /*path', 'GET /health'],
    requests: [
      ['GET', '/health', found('GET /health')],
      ['GET', '/anything', found('GET /*path', { path: 'anything' })],
      ['GET', '/a/b/c/', found('GET /*path', { path: 'a/b/c/' })],
      ['GET', '/', notFound],
      ['POST', '/x', notAllowed('GET', 'HEAD', 'OPTIONS')],
    ],
  },
  {
    name: 'an optional wildcard also matches the root',
    routes: ['GET /{*path}'],
    requests: [
      ['GET', '/', found('GET /{*path}', { path: undefined })],
      ['GET', '/x/y', found('GET /{*path}', { path: 'x/y' })],
    ],
  },
  {
    name: 'the root and empty segments',
    routes: ['GET /', 'GET /a/:x/b', 'GET /files/*path', 'GET /double//slash'],
    requests: [
      ['GET', '/', found('GET /')],
      ['GET', '//', notFound],
      ['GET', '/a//b', notFound],
      ['GET', '/a/x/b', found('GET /a/:x/b', { x: 'x' })],
      ['GET', '/files//x', found('GET /files/*path', { path: '/x' })],
      ['GET', '/files/', notFound],
      ['GET', '/double//slash', found('GET /double//slash')],
      ['GET', '/double/slash', notFound],
    ],
  },
  {
    name: 'optional groups',
    routes: [
      'GET /{:lang/}docs',
      'GET /users{/:id}/delete',
      'GET /report{.:format}',
      'GET /v{/:major{/:minor}}',
    ],
    requests: [
      ['GET', '/docs', found('GET /{:lang/}docs', { lang: undefined })],
      ['GET', '/fr/docs', found('GET /{:lang/}docs', { lang: 'fr' })],
      ['GET', '/users/delete', found('GET /users{/:id}/delete', { id: undefined })],
      ['GET', '/users/3/delete', found('GET /users{/:id}/delete', { id: '3' })],
      ['GET', '/report', found('GET /report{.:format}', { format: undefined })],
      ['GET', '/report.csv', found('GET /report{.:format}', { format: 'csv' })],
      ['GET', '/v', found('GET /v{/:major{/:minor}}', { major: undefined, minor: undefined })],
      ['GET', '/v/2', found('GET /v{/:major{/:minor}}', { major: '2', minor: undefined })],
      ['GET', '/v/2/1', found('GET /v{/:major{/:minor}}', { major: '2', minor: '1' })],
      ['GET', '/v/2/1/0', notFound],
    ],
  },
  {
    name: 'params inside a segment',
    routes: ['GET /range/:from-:to', 'GET /at/@:user', 'GET /assets*rest'],
    requests: [
      ['GET', '/range/1-5', found('GET /range/:from-:to', { from: '1', to: '5' })],
      ['GET', '/range/15', notFound],
      ['GET', '/at/@ada', found('GET /at/@:user', { user: 'ada' })],
      ['GET', '/at/ada', notFound],
      ['GET', '/assets-v2/app.js', found('GET /assets*rest', { rest: '-v2/app.js' })],
      ['GET', '/assets', redirect('/assets/')],
      ['GET', '/asset', notFound],
    ],
  },
  {
    name: 'quoted names, escapes and reserved words',
    routes: [
      'GET /q/:"foo-bar"',
      'GET /lit/\\:id',
      'GET /obj/:constructor',
      'GET /proto/:__proto__',
      'GET /paren/\\(x\\)',
      // A name that is code in every quoting style: the generated params constructor must keep it a key.
      'GET /esc/:"a\'b\\"c}`\\\\"',
    ],
    requests: [
      ['GET', '/q/1', found('GET /q/:"foo-bar"', { 'foo-bar': '1' })],
      ['GET', '/lit/:id', found('GET /lit/\\:id')],
      ['GET', '/lit/3', notFound],
      ['GET', '/obj/123', found('GET /obj/:constructor', { constructor: '123' })],
      ['GET', '/proto/x', found('GET /proto/:__proto__', { ['__proto__']: 'x' })],
      ['GET', '/paren/(x)', found('GET /paren/\\(x\\)')],
      ['GET', '/esc/1', found('GET /esc/:"a\'b\\"c}`\\\\"', { 'a\'b"c}`\\': '1' })],
    ],
  },
];
