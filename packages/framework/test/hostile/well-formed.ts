/**
 * True when `text` has no lone surrogate (what `setCookie` and `urlFor` refuse):
 * `String.prototype.isWellFormed`, which ES2022 lacks.
 *
 * @example
 * ```ts
 * isWellFormed('\ud800'); // false
 * ```
 */
export function isWellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}
