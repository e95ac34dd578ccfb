import type { SessionRecord } from './session-record.js';
import type { SessionStore } from './session-store.js';

/**
 * A {@link SessionStore} in this process's memory: for tests and single-process apps (the sessions go
 * when the process does, and are not shared between workers). Records are kept as JSON text, so what
 * a handler later mutates is not what was saved, as with any real store; expired ones are dropped when read.
 *
 * @example
 * ```ts
 * const app = new Flagon({ config: { SECRET_KEY: 'dev-only' }, sessionStore: new MemorySessionStore() });
 * ```
 */
export class MemorySessionStore implements SessionStore {
  private readonly records = new Map<string, { readonly json: string; readonly expires: number }>();

  /** The number of sessions held (expired ones included until read). */
  get size(): number {
    return this.records.size;
  }

  get(id: string): SessionRecord | undefined {
    const entry = this.records.get(id);
    if (entry === undefined) return undefined;
    if (Date.now() >= entry.expires) {
      this.records.delete(id);
      return undefined;
    }
    return JSON.parse(entry.json) as SessionRecord;
  }

  set(id: string, record: SessionRecord, maxAge: number): void {
    this.records.set(id, { json: JSON.stringify(record), expires: Date.now() + maxAge * 1000 });
  }

  destroy(id: string): void {
    this.records.delete(id);
  }
}
