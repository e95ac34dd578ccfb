/** A flashed message: shown once, on the next page that reads the flashes. */
export interface FlashMessage {
  readonly category: string;
  readonly message: string;
}

/**
 * What a session holds, as stored (a cookie's JSON payload, or a store's record): the app's values,
 * and the framework's own beside them so a session schema never sees (or strips) them.
 */
export interface SessionRecord {
  /** The app's values (`c.session.get`/`set`). */
  d: Record<string, unknown>;
  /** Flashed messages not read yet, as `[category, message]`. */
  f?: [string, string][];
  /** The CSRF secret of this session (unmasked). */
  t?: string;
}

/**
 * The record `value` holds, or `undefined` when it is not the shape a session record has (checked
 * after its signature, so only an older version of the app could have written it).
 *
 * @example
 * ```ts
 * toSessionRecord(JSON.parse('{"d":{"userId":7}}')); // { d: { userId: 7 } }
 * ```
 */
export function toSessionRecord(value: unknown): SessionRecord | undefined {
  if (!isPlainObject(value) || !isPlainObject(value.d)) return undefined;
  const { f, t } = value;
  if (t !== undefined && typeof t !== 'string') return undefined;
  if (f !== undefined) {
    const valid =
      Array.isArray(f) &&
      f.every(
        (entry) =>
          Array.isArray(entry) &&
          entry.length === 2 &&
          typeof entry[0] === 'string' &&
          typeof entry[1] === 'string',
      );
    if (!valid) return undefined;
  }
  return value as unknown as SessionRecord;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
