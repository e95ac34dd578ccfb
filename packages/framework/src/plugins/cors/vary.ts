import type { Response } from '../../response.js';

/**
 * Adds `name` to the response's `Vary` unless it is there already (or `Vary: *` covers it), so a
 * cache keeps one copy per value of that request header.
 *
 * @example
 * ```ts
 * addVary(response, 'Origin'); // Vary: Origin
 * addVary(response, 'Origin'); // unchanged
 * ```
 */
export function addVary(response: Response, name: string): void {
  const wanted = name.toLowerCase();
  for (const value of response.headers.getAll('vary')) {
    for (const listed of value.split(',')) {
      const token = listed.trim().toLowerCase();
      if (token === wanted || token === '*') return;
    }
  }
  response.headers.append('vary', name);
}
