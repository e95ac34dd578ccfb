/**
 * The static-file scenario for the two contenders without a framework: the least a server does to send
 * a file from a folder, looked up per request as every static plugin does (a `stat` for its size and to
 * know it is there), then streamed: bare `node:http` pipes `fs.createReadStream`, the raw gateway app
 * sends an `http.response.file` event and lets the reference server stream it.
 */
import { stat } from 'node:fs/promises';
import { STATIC_CONTENT_TYPE, STATIC_DIR, STATIC_FILE_NAME, STATIC_REQUEST_PATH } from './static-file.js';

/** The file the static path names, and what its answer's head says. */
export interface StaticFileHead {
  readonly path: string;
  readonly contentType: string;
  readonly length: number;
}

/**
 * The static file and its answer's head, looked up now (`stat`), as a static plugin does per request.
 *
 * @example
 * ```ts
 * const file = await staticFileHead(); // { path, contentType: 'text/css; charset=utf-8', length: 65536 }
 * ```
 */
export async function staticFileHead(): Promise<StaticFileHead> {
  const file = `${STATIC_DIR}${STATIC_FILE_NAME}`;
  const stats = await stat(file);
  return { path: file, contentType: STATIC_CONTENT_TYPE, length: stats.size };
}

/**
 * True when `path` is the static file's: the hand-written routers send it before routing the rest.
 *
 * @example
 * ```ts
 * if (isStaticPath(path)) sendFile(await staticFileHead());
 * ```
 */
export function isStaticPath(path: string): boolean {
  return path === STATIC_REQUEST_PATH;
}
