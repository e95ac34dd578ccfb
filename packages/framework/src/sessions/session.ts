import type { FlashMessage, SessionRecord } from './session-record.js';

/** Where a request's session came from. */
export interface SessionOrigin {
  /** The request carried a session cookie (valid or not): clearing the session deletes it. */
  readonly hadCookie: boolean;
  /** The store id the cookie held (server-side sessions). */
  readonly id: string | undefined;
  /** Signed by a fallback key: signed again with the current one even if unchanged (key rotation). */
  readonly resign: boolean;
}

const NEW_SESSION: SessionOrigin = Object.freeze({ hadCookie: false, id: undefined, resign: false });

/** The key of `T` a session value is stored under (string keys only: the session is JSON). */
export type SessionKey<T> = keyof T & string;

/**
 * The session of one request (Flask's `session`): values the app keeps for a browser between
 * requests, as JSON. Typed by the app's declared session type: `get('userId')` is that type or
 * `undefined`; on an app that declared none, `unknown`. A change is saved when the response goes out
 * (after the `after` hooks); a session nobody changed sets no cookie.
 *
 * @example
 * ```ts
 * app.post('/login', async (c) => {
 *   c.session.clear(); // a new session (and, with a store, a new id) for the logged-in user
 *   c.session.set('userId', 7);
 *   return redirect('/');
 * });
 * app.get('/', (c) => (c.session.has('userId') ? `user ${c.session.get('userId')}` : 'anonymous'));
 * ```
 */
export class Session<T extends object = Record<string, unknown>> {
  /** @internal True once a value was added, changed or removed: the session must be saved. */
  modified: boolean;
  /** @internal True when the whole session was cleared: a stored one gets a new id (no fixation). */
  renewed: boolean;
  /** @internal Read or written this request: the response varies by `Cookie`. */
  accessed: boolean;
  /** @internal Where it came from: a valid cookie (and the store id it held), or nothing. */
  readonly origin: SessionOrigin;
  private data: Record<string, unknown>;
  private flashList: [string, string][] | undefined;
  private csrf: string | undefined;
  /** The flashes taken out this request: the same list for every `flashes()` call of the request. */
  private readFlashes: FlashMessage[] | undefined;

  /** @internal Made by the framework from what the request carried (or empty). */
  constructor(record?: SessionRecord, origin: SessionOrigin = NEW_SESSION) {
    this.modified = false;
    this.renewed = false;
    this.accessed = false;
    this.origin = origin;
    this.data = record?.d ?? {};
    this.flashList = record?.f;
    this.csrf = record?.t;
    this.readFlashes = undefined;
  }

  /** The value under `key`, or `undefined`. */
  get<K extends SessionKey<T>>(key: K): T[K] | undefined {
    return this.data[key] as T[K] | undefined;
  }

  /** Sets `key` to `value` (a JSON value; `undefined` removes the key). */
  set<K extends SessionKey<T>>(key: K, value: T[K]): this {
    if (value === undefined) return this.delete(key);
    this.data[key] = value;
    this.modified = true;
    return this;
  }

  /** True when `key` holds a value. */
  has(key: SessionKey<T>): boolean {
    return Object.hasOwn(this.data, key);
  }

  /** Removes `key` (nothing happens when it is not there). */
  delete(key: SessionKey<T>): this {
    if (Object.hasOwn(this.data, key)) {
      delete this.data[key];
      this.modified = true;
    }
    return this;
  }

  /**
   * Empties the session: values, flashes and CSRF secret. Saved empty, the cookie is deleted; a stored
   * session is destroyed, and anything set after `clear()` goes under a new id.
   */
  clear(): this {
    this.data = {};
    this.flashList = undefined;
    this.csrf = undefined;
    this.modified = true;
    this.renewed = true;
    return this;
  }

  /** The names of the values held, in insertion order. */
  keys(): SessionKey<T>[] {
    return Object.keys(this.data) as SessionKey<T>[];
  }

  /** True when the session holds nothing (no values, no flashes, no CSRF secret). */
  get empty(): boolean {
    return this.flashList === undefined && this.csrf === undefined && Object.keys(this.data).length === 0;
  }

  /** @internal Adds a flashed message (see `c.flash`). */
  addFlash(category: string, message: string): void {
    this.flashList ??= [];
    this.flashList.push([category, message]);
    this.modified = true;
  }

  /**
   * @internal The flashed messages, taken out of the session on the first call of the request (as
   * Flask's `get_flashed_messages`): later calls of the same request see the same list.
   */
  takeFlashes(): readonly FlashMessage[] {
    if (this.readFlashes === undefined) {
      const list = this.flashList ?? [];
      this.readFlashes = list.map(([category, message]) => ({ category, message }));
      if (this.flashList !== undefined) {
        this.flashList = undefined;
        this.modified = true;
      }
    }
    return this.readFlashes;
  }

  /** @internal The CSRF secret, made (and saved with the session) on first use. */
  csrfSecret(create: () => string): string {
    if (this.csrf === undefined) {
      this.csrf = create();
      this.modified = true;
    }
    return this.csrf;
  }

  /** @internal The CSRF secret if the session has one (checking never makes one). */
  get existingCsrfSecret(): string | undefined {
    return this.csrf;
  }

  /** @internal What is saved: the app's values and the framework's own. */
  toRecord(): SessionRecord {
    const record: SessionRecord = { d: this.data };
    if (this.flashList !== undefined) record.f = this.flashList;
    if (this.csrf !== undefined) record.t = this.csrf;
    return record;
  }
}
