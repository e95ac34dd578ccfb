import type { Session } from './session.js';
import type { FlashMessage } from './session-record.js';

/** Which flashed messages `c.flashes()` returns. */
export interface FlashFilter {
  /** Only the messages of this category (or these categories); all of them when unset. */
  category?: string | readonly string[];
}

/**
 * Adds a message to show on the next page that reads the flashes (Flask's `flash`), kept in the session.
 *
 * @example
 * ```ts
 * flash(c.session, 'Note saved', 'success');
 * ```
 */
export function flash(session: Session, message: string, category: string): void {
  if (typeof message !== 'string') throw new TypeError('flash(message): the message must be a string');
  session.addFlash(category, message);
}

/**
 * The flashed messages, oldest first, filtered by `filter.category`. As Flask's
 * `get_flashed_messages`, the first call of a request takes them all out of the session (read once),
 * and every call of that request sees the same messages, so a layout and a page may both ask.
 *
 * @example
 * ```ts
 * flashes(c.session, { category: 'error' }); // [{ category: 'error', message: 'Title is required' }]
 * ```
 */
export function flashes(session: Session, filter: FlashFilter = {}): FlashMessage[] {
  const all = session.takeFlashes();
  const { category } = filter;
  if (category === undefined) return [...all];
  const wanted = typeof category === 'string' ? [category] : category;
  return all.filter((flashed) => wanted.includes(flashed.category));
}
