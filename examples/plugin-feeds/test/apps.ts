// What the tests share: a logger that keeps what it is told, and feed items to serve.
import type { Logger } from '@flagon/gateway';
import { createLogger } from '@flagon/gateway';
import type { FeedItem } from 'flagon-plugin-feeds';

/** A logger whose lines the test reads (and a green run never prints). */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger('debug', (line) => lines.push(line)), lines };
}

/** Markup, a CDATA end, quotes, an ampersand and a NUL: what must come out of a feed as plain text. */
export const HOSTILE_TITLE = `</title><script>alert("x")</script> ]]> Tom & Jerry's \u0000end`;

/** An item whose title and summary try to break out of the document. */
export const HOSTILE_ITEM: FeedItem = {
  title: HOSTILE_TITLE,
  link: '/articles/hostile?a=1&b=2',
  summary: '<img src=x onerror=alert(1)> ]]> <![CDATA[ inside ]]>',
  content: '<p>Trusted <em>HTML</em> body</p>',
  updated: new Date('2026-12-02T10:00:00Z'),
  categories: ['<b>tag</b>'],
};
