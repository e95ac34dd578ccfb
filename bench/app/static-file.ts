/**
 * The static-file scenario: one 64 KiB stylesheet served from `bench/app/static`, the folder each
 * framework's static-files plugin serves at `/static/`. The file is committed (generated CSS rules),
 * so every contender sends the very same bytes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder that holds `static/` (and `templates/`): a Flagon app's root, Hono's `serveStatic` root. */
export const APP_DIR = fileURLToPath(new URL('./', import.meta.url));

/** The folder served at `/static/`. */
export const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

/** The file's name in that folder, and the path a client asks for. */
export const STATIC_FILE_NAME = 'styles-64k.css';
export const STATIC_URL_PREFIX = '/static/';
export const STATIC_REQUEST_PATH = `${STATIC_URL_PREFIX}${STATIC_FILE_NAME}`;

/** Its size in bytes: 64 KiB. */
export const STATIC_FILE_BYTES = 64 * 1024;

/** Its content type, as each framework's MIME table gives it for `.css`. */
export const STATIC_CONTENT_TYPE = 'text/css; charset=utf-8';

/**
 * The file's text, read once (the expected answer).
 *
 * @example
 * ```ts
 * staticFileText().length; // 65536
 * ```
 */
export function staticFileText(): string {
  return readFileSync(`${STATIC_DIR}${STATIC_FILE_NAME}`, 'utf8');
}
