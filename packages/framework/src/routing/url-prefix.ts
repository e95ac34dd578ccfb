/**
 * A URL prefix in canonical form: a leading `/`, no trailing `/` (`''` for none).
 *
 * @example
 * ```ts
 * normalizePrefix('admin/'); // '/admin'
 * ```
 */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
