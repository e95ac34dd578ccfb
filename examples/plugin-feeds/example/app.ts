// A small blog using flagon-plugin-feeds: its articles as RSS and Atom feeds, and a sitemap of its
// pages (the routes without params, and each article). Serve it with `pnpm start` in this package.
import type { FlagonOptions } from '@flagon/framework';
import { Flagon, HTTPException, html } from '@flagon/framework';
import { feeds } from 'flagon-plugin-feeds';
import type { Article } from './articles.js';
import { ARTICLES } from './articles.js';

/** Options of {@link createApp}. */
export interface BlogOptions {
  /** The plugin's `baseUrl`: default, the request's own origin and root path. */
  baseUrl?: string;
  /** The articles, newest first. Default: the example's own. */
  articles?: readonly Article[];
  logger?: FlagonOptions<object>['logger'];
}

/**
 * The blog app.
 *
 * @example
 * ```ts
 * const app = createApp({ baseUrl: 'https://blog.example.com' });
 * ```
 */
export function createApp(options: BlogOptions = {}) {
  const articles = options.articles ?? ARTICLES;
  const app = new Flagon({ logger: options.logger }).use(
    feeds({
      baseUrl: options.baseUrl,
      sitemap: { routes: true },
      feed: {
        title: 'The Flagon blog',
        description: 'News from a small web framework.',
        author: { name: 'The Flagon team', email: 'team@example.com' },
        language: 'en',
        items: (c) =>
          articles.map((article) => ({
            title: article.title,
            link: c.feeds.url('article', { slug: article.slug }),
            summary: article.summary,
            content: article.body,
            published: article.published,
            updated: article.updated,
            categories: ['news'],
          })),
      },
    }),
  );
  // Pages with a param are listed by a source; those without, by `routes: true`.
  app.feeds.addToSitemap((c) =>
    articles.map((article) => ({
      loc: c.feeds.url('article', { slug: article.slug }),
      lastmod: article.updated,
      changefreq: 'monthly' as const,
    })),
  );

  app.get('/', { name: 'home' }, (c) => {
    const links = articles.map(
      (a) => `<li><a href="${c.urlFor('article', { slug: a.slug })}">${escapeHtml(a.title)}</a></li>`,
    );
    return html(
      `<!doctype html><title>Blog</title><link rel="alternate" type="application/atom+xml" href="${c.feeds.url('feeds_atom')}"><ul>${links.join('')}</ul>`,
    );
  });
  app.get('/about', { name: 'about' }, () => html('<!doctype html><title>About</title><p>A blog.</p>'));
  app.get('/articles/:slug', { name: 'article' }, (c) => {
    const article = articles.find((a) => a.slug === c.params.slug);
    if (article === undefined) throw new HTTPException(404);
    return html(
      `<!doctype html><title>${escapeHtml(article.title)}</title><article>${article.body}</article>`,
    );
  });
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export default createApp();
