import type { SessionRecord } from './session-record.js';

/**
 * Where server-side sessions live (a database table, Redis...): the session cookie then holds only a
 * signed random id, and the values stay on the server. Methods may be synchronous or return promises.
 * `MemorySessionStore` is the one for tests and single-process apps.
 *
 * @example
 * ```ts
 * const store: SessionStore = {
 *   get: async (id) => (await db.get('SELECT record FROM sessions WHERE id = ?', id))?.record,
 *   set: async (id, record, maxAge) => db.upsertSession(id, record, maxAge),
 *   destroy: async (id) => db.run('DELETE FROM sessions WHERE id = ?', id),
 * };
 * ```
 */
export interface SessionStore {
  /** The record saved under `id`, or `undefined` when there is none (or it expired). */
  get(id: string): SessionRecord | undefined | Promise<SessionRecord | undefined>;
  /** Saves `record` (a JSON-serializable object) under `id`, to expire in `maxAge` seconds. */
  set(id: string, record: SessionRecord, maxAge: number): void | Promise<void>;
  /** Removes the record under `id` (a logout, a cleared session). */
  destroy(id: string): void | Promise<void>;
}
