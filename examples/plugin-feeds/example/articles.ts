// The example's data: a few articles kept in memory, as a database would give them.

/** An article of the example blog. */
export interface Article {
  slug: string;
  title: string;
  summary: string;
  /** The article's body, HTML the app wrote itself. */
  body: string;
  published: Date;
  updated: Date;
}

/** The articles, newest first. */
export const ARTICLES: readonly Article[] = [
  {
    slug: 'feeds-and-sitemaps',
    title: 'Feeds & sitemaps, in one plugin',
    summary: 'How flagon-plugin-feeds serves RSS, Atom and a sitemap.',
    body: '<p>One <code>app.use(feeds(...))</code> and the blog has them all.</p>',
    published: new Date('2026-11-30T09:00:00Z'),
    updated: new Date('2026-12-01T10:30:00Z'),
  },
  {
    slug: 'escaping',
    title: 'Why <script> in a title stays text',
    summary: 'Everything a feed carries is escaped: <b>this</b> is not bold.',
    body: '<p>Titles and summaries are text; only the body is HTML.</p>',
    published: new Date('2026-11-15T08:00:00Z'),
    updated: new Date('2026-11-15T08:00:00Z'),
  },
  {
    slug: 'hello',
    title: 'Hello, world',
    summary: 'The first article.',
    body: '<p>Hello!</p>',
    published: new Date('2026-11-01T12:00:00Z'),
    updated: new Date('2026-11-01T12:00:00Z'),
  },
];
