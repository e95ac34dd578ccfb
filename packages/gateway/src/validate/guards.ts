/**
 * True for any non-null object (arrays included), typed so its keys can be read and checked.
 *
 * @example
 * ```ts
 * if (isObject(event) && typeof event.type === 'string') handle(event.type);
 * ```
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * True for an object literal (or a null-prototype object): what the spec means by "an object" for state.
 *
 * @example
 * ```ts
 * isPlainObject({}); // true
 * isPlainObject(new Map()); // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value) || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
