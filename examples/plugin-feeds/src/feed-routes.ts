import type { PluginHost } from '@flagon/framework';
import { ATOM_CONTENT_TYPE, atomDocument } from './atom.js';
import type { Channel } from './channel.js';
import { conditionalResponse } from './conditional.js';
import { latest } from './dates.js';
import { resolveAuthor, resolveItem } from './feed-item.js';
import type { FeedsAdditions } from './feeds-additions.js';
import type { FeedsSettings } from './options.js';
import { RSS_CONTENT_TYPE, rssDocument } from './rss.js';
import type { FeedsContext } from './sources.js';
import { collect } from './sources.js';

type FeedSettings = NonNullable<FeedsSettings['feed']>;

/**
 * Adds the feed's routes to `host`: RSS 2.0 at `rssPath`, Atom 1.0 at `atomPath`, both from the same
 * items, each with its own media type, `ETag` and `Last-Modified` (the latest item's `updated`).
 *
 * @example
 * ```ts
 * addFeedRoutes(host, settings.feed);
 * ```
 */
export function addFeedRoutes(host: PluginHost<FeedsAdditions, {}>, feed: FeedSettings): void {
  // An empty feed is as old as the app: Atom needs an `updated`, and now would change on every request.
  const started = new Date(Math.floor(Date.now() / 1000) * 1000);
  const formats = [
    { path: feed.rssPath, name: 'feeds_rss', render: rssDocument, contentType: RSS_CONTENT_TYPE },
    { path: feed.atomPath, name: 'feeds_atom', render: atomDocument, contentType: ATOM_CONTENT_TYPE },
  ] as const;
  for (const { path, name, render, contentType } of formats) {
    if (path === false) continue;
    host.get(path, { name }, async (c) => {
      const items = (await collect(feed.items(c))).map((item) =>
        resolveItem(item, (at) => c.feeds.absolute(at)),
      );
      const updated = latest(items.map((item) => item.updated));
      const channel = channelOf(c, feed, c.feeds.url(name), updated ?? started);
      return conditionalResponse(c, render(channel, items), contentType, updated);
    });
  }
}

function channelOf(c: FeedsContext, feed: FeedSettings, self: string, updated: Date): Channel {
  const link = c.feeds.absolute(feed.link ?? '/');
  return {
    title: feed.title,
    description: feed.description,
    link,
    self,
    id: feed.id ?? link,
    language: feed.language,
    author: resolveAuthor(feed.author, (at) => c.feeds.absolute(at)),
    updated,
  };
}
