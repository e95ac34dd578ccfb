/** The default JSON nesting limit: 128 open arrays/objects, serde_json's limit (.NET's is 64). */
export const DEFAULT_MAX_JSON_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** `{` and `}`; `[` and `]` are the same with bit 0x20 off. */
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether the JSON text in `bytes` opens more than `limit` arrays/objects inside one another, found by
 * one pass over the bytes that stops at the first level too deep, so `JSON.parse` never sees such a
 * body (1 MB of `[` would block the event loop while V8 builds a million arrays). Brackets inside
 * strings do not count; escapes are followed. UTF-8 is scanned as bytes: no byte of a multi-byte
 * character is ASCII. Malformed JSON is left for `JSON.parse` to refuse.
 *
 * @example
 * ```ts
 * const utf8 = new TextEncoder();
 * jsonTooDeep(utf8.encode('[[1]]'), 1); // true
 * jsonTooDeep(utf8.encode('{"a":"[[["}'), 1); // false
 * ```
 */
export function jsonTooDeep(bytes: Uint8Array, limit: number): boolean {
  // Each level takes at least one byte: a body no longer than the limit cannot pass it.
  if (bytes.length <= limit) return false;
  let depth = 0;
  const length = bytes.length;
  for (let i = 0; i < length; i++) {
    const byte = bytes[i]!;
    if (byte === QUOTE) {
      // Skips the string: a backslash escapes the next byte, whatever it is. Letters (above the
      // backslash) take one comparison: most of a JSON body's bytes are in strings.
      for (i++; i < length; i++) {
        const inner = bytes[i]!;
        if (inner > BACKSLASH) continue;
        if (inner === BACKSLASH) i++;
        else if (inner === QUOTE) break;
      }
      continue;
    }
    // `[` and `{` differ by one bit (0x20), as do `]` and `}`: one comparison for each pair.
    const folded = byte | 0x20;
    if (folded === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (folded === CLOSE_OBJECT) {
      // Closing more than was opened is malformed: JSON.parse refuses it at that byte.
      if (--depth < 0) return false;
    }
  }
  return false;
}
