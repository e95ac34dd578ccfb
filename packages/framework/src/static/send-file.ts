import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isAbsoluteFilePath } from '@flagon/gateway/core';
import { HTTPException } from '../errors.js';
import type { HeadersInit } from '../http/response-headers.js';
import { headerListFrom } from '../http/response-headers.js';
import type { Response } from '../response.js';
import { rootFolder } from '../root-folder.js';
import { cacheControl } from './cache-control.js';
import { attachment } from './content-disposition.js';
import { contentTypeFor } from './content-type.js';
import { FileResponse } from './file-response.js';
import { FolderRoot, isMissingFileError } from './safe-path.js';
import { httpDate, weakEtag } from './validators.js';

/** Options of {@link sendFile}. */
export interface SendFileOptions {
  /**
   * The folder `path` is inside: `path` is then a client-given relative name (`/`-separated), joined
   * safely: a name that leads outside the folder (`..`, an absolute path, a symlink pointing out), a
   * dotfile, a missing file or a folder is a 404. An absolute path or a `file:` URL.
   */
  root?: string | URL;
  /** The `Content-Type`; by default from the file's extension (`mime-types`), `text/*` in UTF-8. */
  contentType?: string;
  /**
   * Sends the file as a download (`Content-Disposition: attachment`, RFC 6266 with `filename*` for a
   * non-ASCII name): the name to save it as, or `true` for the file's own name.
   */
  download?: string | boolean;
  /**
   * `Cache-Control`: seconds a client may reuse the file without asking (`public, max-age=N`); `null`
   * or unset, `no-cache` (reuse it, but revalidate with the ETag every time: Flask's default).
   */
  maxAge?: number | null;
  /** More response headers (a header given here replaces the one `sendFile` would set). */
  headers?: HeadersInit;
}

/**
 * A response with a file from disk (Flask's `send_file` and `send_from_directory`): its content type,
 * a weak `ETag` and `Last-Modified`, `Cache-Control`, and, when sent, `304` / `206` / `416` answers to
 * the request's `If-None-Match`, `If-Modified-Since`, `Range` and `If-Range`. The bytes go out through
 * the server's file extension (zero-copy where it can) or streamed in chunks, never read whole.
 *
 * With `root`, `path` is a name inside that folder, from the client or not: any name leading outside is a
 * 404 (an `HTTPException`). Without it, `path` is the app's own absolute path: a relative one throws a
 * `TypeError`, a missing file rejects with the filesystem's error (a 500: the app's bug).
 *
 * @example
 * ```ts
 * app.get('/reports/:name', (c) => sendFile(c.params.name, { root: '/srv/reports', download: true }));
 * ```
 */
export async function sendFile(path: string, options: SendFileOptions = {}): Promise<Response> {
  if (options.root === undefined) {
    if (!isAbsoluteFilePath(path))
      throw new TypeError(`sendFile needs an absolute path or a root folder, got ${JSON.stringify(path)}`);
    return fileResponse(path, options, false);
  }
  const folder = new FolderRoot(rootFolder(options.root, 'sendFile()'));
  return sendFromFolder(folder, path, options);
}

/**
 * @internal {@link sendFile} from a folder whose real path is kept between requests (the static route).
 *
 * @example
 * ```ts
 * sendFromFolder(new FolderRoot('/srv/static'), c.params.filename, { maxAge: 3600 });
 * ```
 */
export async function sendFromFolder(
  folder: FolderRoot,
  name: string,
  options: SendFileOptions,
): Promise<Response> {
  const file = await folder.resolve(name);
  if (file === undefined) throw new HTTPException(404);
  return fileResponse(file, options, true, name);
}

/**
 * The response for the file at `path`; `hide` answers a missing file or a folder with 404. Its type and
 * download name come from `name`, the name asked for (a symlink's, not its target's, as nginx does).
 */
async function fileResponse(
  path: string,
  options: SendFileOptions,
  hide: boolean,
  name = path,
): Promise<Response> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    if (hide && isMissingFileError(error)) throw new HTTPException(404);
    throw error;
  }
  if (!info.isFile()) {
    if (hide) throw new HTTPException(404);
    throw new TypeError(`sendFile: ${path} is not a file`);
  }
  const response = new FileResponse(path, Number(info.size), {
    contentType: options.contentType ?? contentTypeFor(name),
    headers: [
      ['etag', weakEtag(Number(info.size), Number(info.mtimeMs))],
      ['last-modified', httpDate(Number(info.mtimeMs))],
      ['cache-control', cacheControl(options.maxAge)],
    ],
  });
  const download = options.download;
  if (download !== undefined && download !== false) {
    response.headers.set('content-disposition', attachment(download === true ? basename(name) : download));
  }
  // Replacing, not adding: a `Cache-Control` given here is the one sent.
  const own = headerListFrom(options.headers);
  for (const [name] of own) response.headers.delete(name);
  for (const [name, value] of own) response.headers.append(name, value);
  return response;
}
