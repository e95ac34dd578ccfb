import type { UrlForOptions, UrlParamInput } from '@flagon/framework';
import type { AnyContext } from './sources.js';

/**
 * `c.feeds`: absolute URLs for the request being served, as sitemaps and feeds need them. The base is
 * the `baseUrl` option when given, else the request's scheme and host and the app's root path (so an
 * app behind a proxy that sends `X-Forwarded-Proto`/`-Host`/`-Prefix`, trusted by the server, gets the
 * URLs its clients use).
 */
export interface FeedUrls {
  /** The origin and root path every URL starts with, no trailing slash: `https://example.com/blog`. */
  readonly base: string;
  /**
   * The absolute URL of endpoint `name`, as `c.urlFor` builds its path.
   *
   * @example
   * ```ts
   * c.feeds.url('article', { slug: 'hello' }); // 'https://example.com/blog/articles/hello'
   * ```
   */
  url(name: string, params?: UrlParamInput, options?: UrlForOptions): string;
  /**
   * `location` made absolute: a path of the app (`/about`, root path not included) goes under
   * {@link FeedUrls.base}; an `http:`/`https:` URL is kept (normalized). Anything else is a `TypeError`.
   *
   * @example
   * ```ts
   * c.feeds.absolute('/about'); // 'https://example.com/blog/about'
   * ```
   */
  absolute(location: string): string;
}

const ABSOLUTE = /^https?:\/\//i;

/**
 * The `c.feeds` of request `c`. Nothing is computed until a method is called: it is made for every
 * request of the app, most of which never use it.
 *
 * @example
 * ```ts
 * const urls = feedUrls(c, undefined);
 * urls.absolute('/'); // 'http://testserver/'
 * ```
 */
export function feedUrls(c: AnyContext, baseUrl: string | undefined): FeedUrls {
  return new RequestUrls(c, baseUrl);
}

class RequestUrls implements FeedUrls {
  readonly #c: AnyContext;
  readonly #baseUrl: string | undefined;
  #base: string | undefined;

  constructor(c: AnyContext, baseUrl: string | undefined) {
    this.#c = c;
    this.#baseUrl = baseUrl;
    this.#base = undefined;
  }

  get base(): string {
    this.#base ??= this.#baseUrl ?? `${this.#c.request.url.origin}${this.#c.scope.rootPath}`;
    return this.#base;
  }

  url(name: string, params?: UrlParamInput, options?: UrlForOptions): string {
    // `c.urlFor` resolves `.relative` names and puts the root path first; the base has it already.
    const path = this.#c.urlFor(name, params, options).slice(this.#c.scope.rootPath.length);
    return this.absolute(path);
  }

  absolute(location: string): string {
    if (ABSOLUTE.test(location)) return new URL(location).href;
    if (!location.startsWith('/'))
      throw new TypeError(
        `feeds: ${JSON.stringify(location)} is neither a path of the app nor an http(s) URL`,
      );
    return new URL(`${this.base}${location}`).href;
  }
}

/**
 * The `baseUrl` option checked: an http(s) URL without query or fragment, kept without its trailing
 * slash; `undefined` stays `undefined`.
 *
 * @example
 * ```ts
 * checkBaseUrl('https://example.com/blog/'); // 'https://example.com/blog'
 * ```
 */
export function checkBaseUrl(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || !/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '')
    throw new TypeError(
      `feeds: baseUrl must be an http(s) URL without query or fragment, got ${JSON.stringify(baseUrl)}`,
    );
  return url.href.replace(/\/+$/, '');
}
