/** The default JSON nesting limit: 128 open arrays/objects, serde_json's limit (.NET's is 64). */
export const DEFAULT_MAX_JSON_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** `{` and `}`; `[` and `]` are the same with bit 0x20 off. */
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether the JSON `text` opens more than `limit` arrays/objects inside one another, checked before
 * `JSON.parse` sees it (1 MB of `[` would block the event loop while V8 builds a million arrays). A text
 * with no more than `limit` brackets in all cannot (the usual body: counted by the native `indexOf`,
 * ~20 times faster than a scan in JS); else one pass that stops at the first level too deep. Brackets
 * inside strings do not count; escapes are followed. Malformed JSON is left for `JSON.parse` to refuse.
 *
 * @example
 * ```ts
 * jsonTooDeep('[[1]]', 1); // true
 * jsonTooDeep('{"a":"[[["}', 1); // false
 * ```
 */
export function jsonTooDeep(text: string, limit: number): boolean {
  // Each level takes at least one character: a text no longer than the limit cannot pass it.
  if (text.length <= limit || openersAtMost(text, limit)) return false;
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Skips the string: a backslash escapes the next character, whatever it is. Letters (above the
      // backslash) take one comparison: most of a JSON body's characters are in strings.
      for (i++; i < length; i++) {
        const inner = text.charCodeAt(i);
        if (inner > BACKSLASH) continue;
        if (inner === BACKSLASH) i++;
        else if (inner === QUOTE) break;
      }
      continue;
    }
    // `[` and `{` differ by one bit (0x20), as do `]` and `}`: one comparison for each pair.
    const folded = code | 0x20;
    if (folded === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (folded === CLOSE_OBJECT) {
      // Closing more than was opened is malformed: JSON.parse refuses it there.
      if (--depth < 0) return false;
    }
  }
  return false;
}

/** True when `text` holds no more than `limit` of `{` and `[` together, in strings or not. */
function openersAtMost(text: string, limit: number): boolean {
  let count = 0;
  for (const opener of OPENERS) {
    for (let at = text.indexOf(opener); at !== -1; at = text.indexOf(opener, at + 1)) {
      if (++count > limit) return false;
    }
  }
  return true;
}

const OPENERS = ['{', '['] as const;
