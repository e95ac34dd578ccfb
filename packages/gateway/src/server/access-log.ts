import type { ResponseRecord } from '../node/options.js';
import { compileAccessLogFormat, DEFAULT_ACCESS_LOG_FORMAT } from './access-log-format.js';

/** Turns response records into access log lines (the common log format unless told otherwise). */
export interface AccessLog {
  record(entry: ResponseRecord): void;
  /** Writes out what is buffered (before the process exits). */
  flush(): void;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An access log, one line per request, in the common log format by default:
 * `127.0.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 13` (status and size are `-` when no
 * response went out or it had no body), or in `format` (gunicorn's atoms, see
 * `compileAccessLogFormat`; a wrong format throws here, at startup). Lines go to `sink` one by one;
 * without a sink they are batched and written to stdout once per turn of the event loop, so a busy
 * server makes few write calls.
 *
 * @example
 * ```ts
 * const log = createAccessLog((line) => lines.push(line), { format: '%(h)s "%(r)s" %(s)s %(D)s' });
 * http.createServer(toNodeHandler(app, { onResponse: (entry) => log.record(entry) }));
 * ```
 */
export function createAccessLog(
  sink?: (line: string) => void,
  options: { readonly format?: string } = {},
): AccessLog {
  const formatLine = compileAccessLogFormat(options.format ?? DEFAULT_ACCESS_LOG_FORMAT);
  const clock = new LogClock();
  let pending = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    writeWhole(text);
  };
  return {
    record(entry) {
      const line = formatLine(entry, clock.now(), performance.now());
      if (sink !== undefined) {
        sink(line);
        return;
      }
      pending += `${line}\n`;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

/**
 * Several worker processes share one stdout: a pipe keeps a write whole only up to PIPE_BUF (4 KiB on
 * Linux), so a bigger batch goes out in pieces that end at line ends, and no line is split by another
 * worker's.
 */
const PIPE_BUF = 4096;
/** Characters per write: a request target Node read as latin1 may hold characters of 2 UTF-8 bytes. */
const PIECE = PIPE_BUF / 2;

/**
 * Writes `text` (whole lines) to stdout, in pieces of whole lines that a pipe keeps whole.
 *
 * @example
 * ```ts
 * writeWhole(batch, (piece) => pieces.push(piece));
 * ```
 */
export function writeWhole(
  text: string,
  write: (piece: string) => void = (piece) => process.stdout.write(piece),
): void {
  let start = 0;
  while (text.length - start > PIECE) {
    const end = text.lastIndexOf('\n', start + PIECE - 1) + 1;
    if (end <= start) break; // one line longer than a piece: nothing better to do than write it whole
    write(text.slice(start, end));
    start = end;
  }
  write(start === 0 ? text : text.slice(start));
}

/** The log's date, formatted once per second rather than once per line. */
class LogClock {
  #second = -1;
  #text = '';

  now(): string {
    const ms = Date.now();
    const second = Math.floor(ms / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#text = formatClfDate(new Date(ms));
    }
    return this.#text;
  }
}

function formatClfDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = pad(date.getUTCDate());
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${day}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${time} +0000`;
}
