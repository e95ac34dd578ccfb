// The CSRF token of a page, as a browser would submit it: tests of a CSRF-protected app fetch the form
// first, then post with its token, which exercises what users do instead of switching protection off.

const HIDDEN_INPUT = /<input\b[^>]*\bname=["']?csrf_token["']?[^>]*>/i;
const VALUE = /\bvalue=["']?([A-Za-z0-9_-]+)/i;
const META = /<meta\b[^>]*\bname=["']?csrf-token["']?[^>]*\bcontent=["']?([A-Za-z0-9_-]+)/i;

/**
 * The CSRF token in an HTML page: the value of its `csrf_token` hidden input (`csrfField`), else the
 * content of a `<meta name="csrf-token">`. Throws when the page has neither.
 *
 * @example
 * ```ts
 * const page = await client.get('/notes/new');
 * const res = await client.post('/notes', { form: { title: 'Hi', csrf_token: csrfTokenFrom(await page.text()) } });
 * ```
 */
export function csrfTokenFrom(html: string): string {
  const input = HIDDEN_INPUT.exec(html)?.[0];
  const token = (input === undefined ? undefined : VALUE.exec(input)?.[1]) ?? META.exec(html)?.[1];
  if (token === undefined)
    throw new Error('csrfTokenFrom: the page has no csrf_token input and no <meta name="csrf-token">');
  return token;
}
