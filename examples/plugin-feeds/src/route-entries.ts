import type { RouteInfo } from '@flagon/framework';
import type { SitemapEntry } from './sitemap-entry.js';

/** Which of the app's routes the sitemap lists by themselves: none, every one it can, or these names. */
export type RouteSelection = boolean | readonly string[];

/** The names of this plugin's own routes, never listed. */
export const OWN_ROUTES: ReadonlySet<string> = new Set([
  'feeds_sitemap',
  'feeds_sitemap_page',
  'feeds_rss',
  'feeds_atom',
]);

// A pattern with a param (`:id`), a wildcard (`*path`) or an optional part (`{...}`) has no single URL.
const HAS_PARAMS = /[:*{]/;

/**
 * The sitemap entries of an app's routes, by endpoint name (so `urlFor` builds them): with `true`, every
 * `GET` route whose path has no params, except this plugin's, static files' and `exclude`d ones; with
 * names, exactly those (a name that is not a `GET` route without params is a `TypeError`).
 *
 * @example
 * ```ts
 * routeEntries(app.routes(), ['home', 'about'], []); // [{ loc: '/' }, { loc: '/about' }] (through urlFor)
 * ```
 */
export function routeEntries(
  routes: readonly RouteInfo[],
  selection: RouteSelection,
  exclude: ReadonlySet<string>,
  urlFor: (name: string) => string,
): SitemapEntry[] {
  if (selection === false) return [];
  const listable = new Map<string, RouteInfo>();
  for (const route of routes) {
    if (route.name === undefined || listable.has(route.name)) continue;
    if (route.methods.includes('GET') && !HAS_PARAMS.test(route.path)) listable.set(route.name, route);
  }
  if (selection !== true) {
    return selection.map((name) => {
      if (!listable.has(name))
        throw new TypeError(`feeds: sitemap route "${name}" is not a GET route without params of the app`);
      return { loc: urlFor(name) };
    });
  }
  const names = [...listable.keys()].filter(
    (name) => !OWN_ROUTES.has(name) && !isStatic(name) && !exclude.has(name),
  );
  return names.map((name) => ({ loc: urlFor(name) }));
}

function isStatic(name: string): boolean {
  return name === 'static' || name.endsWith('.static');
}
