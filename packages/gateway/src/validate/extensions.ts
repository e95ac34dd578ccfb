import { isAbsoluteFilePath } from '../file-path.js';
import type { Extensions, HttpSendEvent } from '../types.js';
import { checkHeaderList, EVENT_HEADER_RULES } from './headers.js';
import type { ResponseState } from './send.js';
import type { Report } from './violations.js';

const EXTENSION_OF_EVENT: Partial<Record<HttpSendEvent['type'], keyof Extensions>> = {
  'http.response.file': 'file',
  'http.response.trailers': 'trailers',
  'http.response.early_hints': 'earlyHints',
};

/**
 * Throws the first extension rule `event` breaks: an extension the server did not offer, a bad
 * `http.response.file`, trailers or early hints out of order or with a bad header list.
 *
 * @example
 * ```ts
 * checkExtensionEvent({ type: 'http.response.file', path: 'relative.txt' }, scope.extensions, response, report);
 * // throws [file-path] ... (if the file extension is offered; [extension-offered] if not)
 * ```
 */
export function checkExtensionEvent(
  event: HttpSendEvent,
  extensions: Extensions,
  response: ResponseState,
  report: Report,
): void {
  const needed =
    event.type === 'http.response.start'
      ? event.trailers
        ? 'trailers'
        : undefined
      : EXTENSION_OF_EVENT[event.type];
  if (needed !== undefined && extensions[needed] === undefined) {
    const where = event.type === 'http.response.start' ? `${event.type} trailers: true` : event.type;
    throw report('extension-offered', where, needed, `scope.extensions without ${JSON.stringify(needed)}`);
  }
  switch (event.type) {
    case 'http.response.file':
      if (!isAbsoluteFilePath(event.path)) {
        throw report('file-path', event.type, event.path);
      }
      for (const key of ['offset', 'length'] as const) {
        const value: unknown = event[key];
        if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
          throw report('file-range', `${event.type} ${key}`, value);
        }
      }
      return;
    case 'http.response.trailers':
      if (response.phase === 'before-start') throw report('start-before-body', event.type, event);
      if (!response.trailersAnnounced) throw report('trailers-announced', event.type, event);
      if (response.phase === 'started') throw report('trailers-after-body', event.type, event);
      if (response.phase === 'complete') throw report('nothing-after-end', event.type, event);
      checkHeaderList(event.headers, `${event.type} headers`, EVENT_HEADER_RULES, report);
      return;
    case 'http.response.early_hints':
      if (response.phase !== 'before-start') throw report('early-hints-before-start', event.type, event);
      checkHeaderList(event.headers, `${event.type} headers`, EVENT_HEADER_RULES, report);
      return;
  }
}

/**
 * The scope's extensions as the app should see them: the same objects, except that `tasks.waitUntil`
 * checks its argument before handing it to the server's.
 *
 * @example
 * ```ts
 * const extensions = checkedExtensions(scope.extensions, report);
 * extensions.tasks?.waitUntil('not a promise' as never); // throws [wait-until-task]
 * ```
 */
export function checkedExtensions(extensions: Extensions, report: Report): Extensions {
  const { tasks } = extensions;
  if (tasks === undefined) return extensions;
  return {
    ...extensions,
    tasks: {
      waitUntil(task: PromiseLike<unknown>): void {
        if (!isThenable(task)) throw report('wait-until-task', 'tasks.waitUntil', task);
        tasks.waitUntil(task);
      },
    },
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
