import type { FeedAuthor } from './feed-item.js';

/** The feed as a whole, resolved for one request: what both formats write at their top. */
export interface Channel {
  readonly title: string;
  readonly description: string;
  /** The site's page the feed is about, absolute. */
  readonly link: string;
  /** The feed's own absolute URL (`rel="self"`). */
  readonly self: string;
  /** Atom's permanent feed id. */
  readonly id: string;
  readonly language: string | undefined;
  readonly author: FeedAuthor;
  /** The latest item's `updated`, else when the app started. */
  readonly updated: Date;
}
