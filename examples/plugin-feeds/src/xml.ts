// Text put into the XML this package writes: escaped, and cleaned of what XML 1.0 cannot carry.

// Characters XML 1.0 forbids even as references (§2.2): C0 controls but tab, LF and CR; U+FFFE and
// U+FFFF; lone surrogates. One of them makes the whole document unreadable to a conforming parser.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is replaced.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>"']/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * `text` as XML character data or an attribute value: `& < > " '` escaped (so a `<script>` or a `]]>`
 * is only text), and the characters XML 1.0 forbids replaced by U+FFFD.
 *
 * @example
 * ```ts
 * escapeXml('<b>"Tom" & Jerry</b>'); // '&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(SPECIAL, (char) => ENTITIES[char] ?? char);
}

/**
 * `<name>text</name>`, the text escaped; nothing when `text` is undefined.
 *
 * @example
 * ```ts
 * element('title', 'A & B'); // '<title>A &amp; B</title>'
 * ```
 */
export function element(name: string, text: string | undefined, attributes = ''): string {
  if (text === undefined) return '';
  return `<${name}${attributes}>${escapeXml(text)}</${name}>`;
}

/** The XML declaration every document of this package starts with (its bodies are UTF-8). */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
