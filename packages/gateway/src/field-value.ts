/**
 * A character an HTTP field value cannot carry (RFC 9110: tab, visible ASCII, space and obs-text are
 * all it may hold, and all that Node and Fetch send): CR, LF, NUL, other controls, anything past U+00FF.
 *
 * @example
 * ```ts
 * INVALID_IN_FIELD_VALUE.test('a\r\nb'); // true
 * INVALID_IN_FIELD_VALUE.test('José'); // false
 * ```
 */
export const INVALID_IN_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
