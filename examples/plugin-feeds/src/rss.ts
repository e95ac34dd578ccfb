import type { Channel } from './channel.js';
import { rfc822 } from './dates.js';
import type { FeedAuthor, ResolvedItem } from './feed-item.js';
import { element, escapeXml, XML_DECLARATION } from './xml.js';

/** RSS's media type (no IANA registration, but what feed readers and the RSS Advisory Board use). */
export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

/**
 * An RSS 2.0 document: the channel, an `atom:link rel="self"` (the RSS Advisory Board's advice), and
 * the items with RFC 822 dates. Titles are text, escaped once; a plain-text summary is HTML-escaped
 * before it is XML-escaped, since readers render `<description>` as HTML.
 *
 * @example
 * ```ts
 * const xml = rssDocument(channel, [item]);
 * ```
 */
export function rssDocument(channel: Channel, items: readonly ResolvedItem[]): string {
  const head = [
    element('title', channel.title),
    element('link', channel.link),
    element('description', channel.description),
    `<atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>`,
    element('language', channel.language),
    element('lastBuildDate', rfc822(channel.updated)),
    element('managingEditor', rssPerson(channel.author)),
  ];
  const body = items.map(rssItem);
  return `${XML_DECLARATION}<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n${[...head, ...body].filter(Boolean).join('\n')}\n</channel>\n</rss>\n`;
}

function rssItem(item: ResolvedItem): string {
  const description = item.content ?? (item.summary === undefined ? undefined : escapeXml(item.summary));
  const parts = [
    element('title', item.title),
    element('link', item.link),
    element('guid', item.id, ` isPermaLink="${item.idIsLink}"`),
    element('pubDate', rfc822(item.published ?? item.updated)),
    element('description', description),
    element('author', item.author && rssPerson(item.author)),
    ...(item.categories ?? []).map((category) => element('category', category)),
  ];
  return `<item>${parts.join('')}</item>`;
}

/** RSS names a person by email: `ada@example.com (Ada)`; no email, no element. */
function rssPerson(author: FeedAuthor): string | undefined {
  return author.email === undefined ? undefined : `${author.email} (${author.name})`;
}
