const MAX_DEPTH = 3;

/**
 * A short one-line rendering of any value for an error message: strings quoted (so a CR shows as `\r`),
 * bytes by their length, functions and signals by kind, long renderings cut at `limit` characters.
 *
 * @example
 * ```ts
 * describeValue({ type: 'http.response.body', body: new Uint8Array(3) });
 * // '{ type: "http.response.body", body: Uint8Array(3) }'
 * ```
 */
export function describeValue(value: unknown, limit = 160): string {
  const text = render(value, 0);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function render(value: unknown, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value !== 'object' || value === null) return String(value);
  if (value instanceof Uint8Array) return `${value.constructor.name}(${value.length})`;
  if (value instanceof AbortSignal) return value.aborted ? 'AbortSignal(aborted)' : 'AbortSignal';
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) return `[${value.map((item) => render(item, depth + 1)).join(', ')}]`;
  const entries = Object.entries(value).map(([key, item]) => `${renderKey(key)}: ${render(item, depth + 1)}`);
  const kind = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : '';
  return entries.length === 0 ? `${kind}{}` : `${kind}{ ${entries.join(', ')} }`;
}

function renderKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}
