/**
 * The page scenario: the kind of page a small web app serves after a form post. An eta page in a layout
 * (`templates/page.eta` in `templates/layout.eta`), the table's 20 rows escaped, one flashed message
 * read from the session (and so removed from it) and a form with its CSRF field. Every contender renders
 * these same two template files with eta; only how it gets the flash and the token differs.
 */
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { TABLE_ROWS, type TableRow } from './table-template.js';

/** The folder of the page's templates (a Flagon app's `templates/` under its root `bench/app`). */
export const TEMPLATES_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

/** The template the page renders (without `.eta`), which puts itself in `layout`. */
export const PAGE_TEMPLATE = 'page';

/** The message flashed before the page is shown, with characters the template must escape. */
export const FLASH_MESSAGE = 'Saved <b>"row 21"</b> & sent a copy to O\'Brien';
/** Its category (Flask's `flash(message, category)`). */
export const FLASH_CATEGORY = 'success';

/** A flashed message as the template reads it. */
export interface FlashMessage {
  readonly category: string;
  readonly message: string;
}

/** What the page template reads: data, plus the per-request names a framework supplies. */
export interface PageData {
  readonly title: string;
  readonly rows: readonly TableRow[];
  /** Reads the flashed messages (and removes them from the session): Flagon's `flashes()` global. */
  readonly flashes: () => readonly FlashMessage[];
  /** The hidden input carrying the CSRF token, as safe HTML: Flagon's `csrfField` global. */
  readonly csrfField: string;
}

/** The page's own data, the same for every contender. */
export const PAGE_DATA = { title: 'Notes & <friends>', rows: TABLE_ROWS } as const;

/** The name of the CSRF form field (Flagon's, `csrf_token`). */
export const CSRF_FIELD_NAME = 'csrf_token';

/** Any CSRF field in a page: its token differs per contender and per session, so the check masks it. */
export const CSRF_FIELD_PATTERN = /<input type="hidden" name="csrf_token" value="[^"<>]*">/g;

const TOKEN_CHARACTERS = /^[\w.~+/=-]+$/;

/**
 * The hidden input for `token`, in the one spelling every contender writes.
 *
 * @example
 * ```ts
 * csrfFieldHtml('abc'); // '<input type="hidden" name="csrf_token" value="abc">'
 * ```
 */
export function csrfFieldHtml(token: string): string {
  // Written raw into the page, so a token must not need escaping; every library here makes such tokens.
  if (!TOKEN_CHARACTERS.test(token)) throw new Error(`a CSRF token with unexpected characters: ${token}`);
  return `<input type="hidden" name="${CSRF_FIELD_NAME}" value="${token}">`;
}

/**
 * An eta instance for the page's templates, configured as each contender uses it: escaping on, compiled
 * templates cached.
 *
 * @example
 * ```ts
 * const eta = pageEta();
 * eta.render(PAGE_TEMPLATE, pageData(flashes, csrfFieldHtml(token)));
 * ```
 */
export function pageEta(): Eta {
  return new Eta({ views: TEMPLATES_DIR, autoEscape: true, cache: true });
}

/**
 * The page's data for one request.
 *
 * @example
 * ```ts
 * pageData(() => [{ category: 'success', message: 'Saved' }], csrfFieldHtml(token));
 * ```
 */
export function pageData(flashes: () => readonly FlashMessage[], csrfField: string): PageData {
  return { ...PAGE_DATA, flashes, csrfField };
}

/**
 * The page every contender must send, its CSRF token aside (the answer check masks it).
 *
 * @example
 * ```ts
 * expected: { status: 200, body: expectedPage(), volatile: CSRF_FIELD_PATTERN }
 * ```
 */
export function expectedPage(): string {
  const flash = { category: FLASH_CATEGORY, message: FLASH_MESSAGE };
  return pageEta().render(
    PAGE_TEMPLATE,
    pageData(() => [flash], csrfFieldHtml('token')),
  );
}
