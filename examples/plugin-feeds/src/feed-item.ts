import { validDate } from './dates.js';

/** A person: the feed's author, or an item's. */
export interface FeedAuthor {
  name: string;
  email?: string;
  /** A page about the person: a path of the app or an http(s) URL. */
  url?: string;
}

/** One item (RSS) or entry (Atom) of the feed. */
export interface FeedItem {
  /** Plain text: it is escaped, never read as markup. */
  title: string;
  /** The item's page: a path of the app (`/articles/hello`) or an http(s) URL. */
  link: string;
  /**
   * A permanent, unique id (an IRI: `urn:uuid:...`, `tag:example.com,2026:1`). Default: the item's
   * absolute link, which then must never change.
   */
  id?: string;
  /** A plain-text summary: escaped, so markup in it is shown as text, never run. */
  summary?: string;
  /** The full content as HTML, which the app is trusted to have made safe. */
  content?: string;
  /** When the item last changed: Atom's `updated`, the feed's `Last-Modified`. */
  updated: Date;
  /** When it was first published: RSS's `pubDate` (default `updated`), Atom's `published`. */
  published?: Date;
  author?: FeedAuthor;
  categories?: readonly string[];
}

/** A feed item checked, its links absolute. */
export interface ResolvedItem extends FeedItem {
  readonly link: string;
  readonly id: string;
  readonly idIsLink: boolean;
  readonly author: FeedAuthor | undefined;
}

// An IRI has a scheme (RFC 3987): what Atom's `id` must be, and RSS's `guid isPermaLink="false"` should.
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\S+$/i;

/**
 * `item` checked (a title, a link, valid dates, an id that is an IRI) with its links made absolute by
 * `absolute`; a `TypeError` naming the item otherwise.
 *
 * @example
 * ```ts
 * resolveItem({ title: 'Hi', link: '/hi', updated: new Date() }, (path) => `https://example.com${path}`).id; // 'https://example.com/hi'
 * ```
 */
export function resolveItem(item: FeedItem, absolute: (location: string) => string): ResolvedItem {
  if (typeof item?.title !== 'string' || typeof item.link !== 'string')
    throw new TypeError(`feeds: a feed item needs a title and a link, got ${JSON.stringify(item)}`);
  const what = `feed item ${JSON.stringify(item.title)}`;
  const link = absolute(item.link);
  validDate(item.updated, `${what}: updated`);
  if (item.published !== undefined) validDate(item.published, `${what}: published`);
  if (item.id !== undefined && !HAS_SCHEME.test(item.id))
    throw new TypeError(
      `feeds: ${what}: id must be an IRI such as urn:uuid:... or tag:..., got ${JSON.stringify(item.id)}`,
    );
  return {
    ...item,
    link,
    id: item.id ?? link,
    idIsLink: item.id === undefined,
    author: item.author && resolveAuthor(item.author, absolute),
  };
}

/**
 * `author` with its url made absolute.
 *
 * @example
 * ```ts
 * resolveAuthor({ name: 'Ada', url: '/ada' }, (path) => `https://example.com${path}`).url; // 'https://example.com/ada'
 * ```
 */
export function resolveAuthor(author: FeedAuthor, absolute: (location: string) => string): FeedAuthor {
  if (typeof author?.name !== 'string' || author.name === '')
    throw new TypeError(`feeds: an author needs a name, got ${JSON.stringify(author)}`);
  return author.url === undefined ? author : { ...author, url: absolute(author.url) };
}
