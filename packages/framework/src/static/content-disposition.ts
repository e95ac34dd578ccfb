// RFC 5987 attr-char: what may stay as is in `filename*`; everything else is percent-encoded as UTF-8.
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

/**
 * A `Content-Disposition: attachment` value for `filename` (RFC 6266): `filename="..."` with an ASCII
 * fallback (accents dropped, quotes, backslashes and controls replaced), plus `filename*=UTF-8''...` when
 * the name is not plain ASCII, which every current browser prefers. Path separators are dropped: the
 * name is a name, not a path.
 *
 * @example
 * ```ts
 * attachment('report.pdf'); // 'attachment; filename="report.pdf"'
 * attachment('résumé.pdf'); // `attachment; filename="resume.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`
 * ```
 */
export function attachment(filename: string): string {
  const name = filename.replace(/^.*[/\\]/, '');
  const fallback =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'download';
  if (fallback === name) return `attachment; filename="${name}"`;
  let encoded = '';
  for (const char of name) encoded += ATTR_CHAR.test(char) ? char : percentEncode(char);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function percentEncode(char: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(char))
    out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}
