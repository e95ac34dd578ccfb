import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { HeaderList } from '../types.js';

/**
 * Writes a 103 Early Hints with `headers` (validated as Node validates a head; a repeated name becomes
 * one field with several values). Nothing goes to an HTTP/1.0 client: RFC 9110 §15.2 forbids it a 1xx,
 * and the hints are only an optimisation.
 *
 * @example
 * ```ts
 * writeEarlyHints(req, res, [['link', '</style.css>; rel=preload; as=style']]);
 * ```
 */
export function writeEarlyHints(req: IncomingMessage, res: ServerResponse, headers: HeaderList): void {
  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 0) return;
  const hints: Record<string, string | string[]> = {};
  for (const [rawName, value] of headers) {
    const name = rawName.toLowerCase();
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const seen = hints[name];
    hints[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  res.writeEarlyHints(hints);
}
