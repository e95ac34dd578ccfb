import type { Request } from '../request.js';

/** The form field and header a CSRF token is submitted in. */
export const CSRF_FIELD = 'csrf_token';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The CSRF token a request submitted: the `X-CSRF-Token` header (fetch and XHR), else the `csrf_token`
 * field of a URL-encoded or multipart form. The form is read through the request's own body API
 * (`request.text()`, `request.form()`), which caches it, so the handler (and a `body` schema) still
 * read the same body; a multipart parser behind `request.form()` supplies the field as well.
 *
 * @example
 * ```ts
 * await submittedCsrfToken(c.request); // 'Zk3…' or undefined
 * ```
 */
export async function submittedCsrfToken(request: Request): Promise<string | undefined> {
  const header = request.headers.get(CSRF_HEADER);
  if (header !== null && header !== '') return header;
  const type = request.mediaType;
  if (type === 'application/x-www-form-urlencoded') {
    return new URLSearchParams(await request.text()).get(CSRF_FIELD) ?? undefined;
  }
  if (type === 'multipart/form-data') {
    const field = (await request.form()).get(CSRF_FIELD);
    return typeof field === 'string' ? field : undefined;
  }
  return undefined;
}
