import type { AppEnv, Context, RawInput } from '@flagon/framework';
import type { FeedItem } from './feed-item.js';
import type { SitemapEntry } from './sitemap-entry.js';
import type { FeedUrls } from './urls.js';

/** The context of any request of any app: what the plugin's helpers read (`c.request`, `c.urlFor`). */
export type AnyContext = Context<RawInput, AppEnv>;

/** What a source is called with: the request's context, with `c.feeds` for absolute URLs. */
export type FeedsContext = AnyContext & { readonly feeds: FeedUrls };

/** What a source may give: a list, any iterable, an async iterable (a database cursor), or a promise of one. */
export type SourceResult<T> = Iterable<T> | AsyncIterable<T> | PromiseLike<Iterable<T>>;

/**
 * Where sitemap entries come from besides the routes: pages with params (`/articles/:slug`), from the
 * app's data. Called on each request for the sitemap.
 */
export type SitemapSource = (c: FeedsContext) => SourceResult<SitemapEntry>;

/** Where the feed's items come from, newest first: called on each request for the feed. */
export type FeedItemSource = (c: FeedsContext) => SourceResult<FeedItem>;

/**
 * Every value a source gave, in order.
 *
 * @example
 * ```ts
 * await collect(Promise.resolve([1, 2])); // [1, 2]
 * ```
 */
export async function collect<T>(result: SourceResult<T>): Promise<T[]> {
  const values = await result;
  if (values !== null && typeof values === 'object' && Symbol.asyncIterator in values) {
    const all: T[] = [];
    for await (const value of values as AsyncIterable<T>) all.push(value);
    return all;
  }
  if (values === null || typeof values !== 'object' || !(Symbol.iterator in values))
    throw new TypeError(`feeds: a source must give an iterable or an async iterable, got ${String(values)}`);
  return [...(values as Iterable<T>)];
}
