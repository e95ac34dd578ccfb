import type { Channel } from './channel.js';
import { rfc3339 } from './dates.js';
import type { FeedAuthor, ResolvedItem } from './feed-item.js';
import { element, escapeXml, XML_DECLARATION } from './xml.js';

/** Atom's registered media type (RFC 4287 §7). */
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * An Atom 1.0 document (RFC 4287): the feed's id, title, `updated`, self and alternate links and
 * author, then its entries with RFC 3339 dates. Titles and summaries are `type="text"` (shown as text,
 * whatever they hold), content is `type="html"`.
 *
 * @example
 * ```ts
 * const xml = atomDocument(channel, [item]);
 * ```
 */
export function atomDocument(channel: Channel, items: readonly ResolvedItem[]): string {
  const head = [
    element('id', channel.id),
    element('title', channel.title, ' type="text"'),
    element('subtitle', channel.description, ' type="text"'),
    element('updated', rfc3339(channel.updated)),
    link(channel.self, 'self', 'application/atom+xml'),
    link(channel.link, 'alternate', 'text/html'),
    person('author', channel.author),
  ];
  const lang = channel.language === undefined ? '' : ` xml:lang="${escapeXml(channel.language)}"`;
  const body = items.map(atomEntry);
  return `${XML_DECLARATION}<feed xmlns="http://www.w3.org/2005/Atom"${lang}>\n${[...head, ...body].join('\n')}\n</feed>\n`;
}

function atomEntry(item: ResolvedItem): string {
  const parts = [
    element('id', item.id),
    element('title', item.title, ' type="text"'),
    link(item.link, 'alternate', 'text/html'),
    element('updated', rfc3339(item.updated)),
    element('published', item.published && rfc3339(item.published)),
    item.author ? person('author', item.author) : '',
    ...(item.categories ?? []).map((term) => `<category term="${escapeXml(term)}"/>`),
    element('summary', item.summary, ' type="text"'),
    element('content', item.content, ' type="html"'),
  ];
  return `<entry>${parts.join('')}</entry>`;
}

function link(href: string, rel: string, type: string): string {
  return `<link rel="${rel}" type="${type}" href="${escapeXml(href)}"/>`;
}

function person(name: string, author: FeedAuthor): string {
  return `<${name}>${element('name', author.name)}${element('email', author.email)}${element('uri', author.url)}</${name}>`;
}
