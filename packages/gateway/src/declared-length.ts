import type { HeaderList } from './types.js';

/**
 * The body bytes a response promised with its own `Content-Length`, and how many went out. A body that
 * does not match would leave the client reading the rest of the connection as this response (or the
 * next response from this one's tail): the server owns the framing, so it refuses the mismatch
 * ([S-CONTENT-LENGTH-MATCH]). Made only when the app set the header, so the common response pays nothing.
 * Every transport holds a body to it: the Node bridge, the memory transport and `toFetchHandler`.
 *
 * @example
 * ```ts
 * const length = DeclaredLength.parse('3');
 * length.count(2); // fine: 2 of 3
 * length.count(2); // throws TypeError: the body is longer than its content-length (declared 3 bytes, sent 4)
 * ```
 */
export class DeclaredLength {
  /** Body bytes counted so far. */
  sent = 0;

  constructor(readonly declared: number) {}

  /**
   * The length `value` declares: digits only (a list of equal values, as some proxies fold them, counts
   * once). Throws a TypeError for anything else, which no client could frame the body by.
   */
  static parse(value: string): DeclaredLength {
    return new DeclaredLength(declaredBytes(value));
  }

  /**
   * What the body of a head with the app's `content-length` (`value`) must add up to: `null` where no
   * body goes out (HEAD, 204, 304), or where the entire body, `wholeBytes` long when known, already
   * matched. Throws a TypeError for a value no client could frame by, or a whole body of another length.
   */
  static forHead(
    value: string,
    status: number,
    method: string | undefined,
    wholeBytes: number | null,
  ): DeclaredLength | null {
    if (method === 'HEAD' || status === 204 || status === 304) return null;
    const declared = declaredBytes(value);
    if (wholeBytes === null) return new DeclaredLength(declared);
    // The common case of an app that frames its own whole body: compared, nothing allocated.
    if (wholeBytes !== declared) new DeclaredLength(declared).countChunk(wholeBytes, false);
    return null;
  }

  /**
   * What the body of a start with these `headers` must add up to: `null` when the app set no
   * `content-length` (the transport frames the body) or no body goes out. Throws as `forHead` does.
   */
  static fromStart(headers: HeaderList, status: number, method: string): DeclaredLength | null {
    let value: string | null = null;
    // Every response of toFetchHandler comes through here: no iterator, and most names skipped by length.
    for (let i = 0; i < headers.length; i++) {
      const [name, given] = headers[i]!;
      if (name.length !== 14 || name.toLowerCase() !== 'content-length') continue;
      value = value === null ? given : `${value}, ${given}`;
    }
    return value === null ? null : DeclaredLength.forHead(value, status, method, null);
  }

  /** Counts `bytes` more of the body; throws a TypeError (counting nothing) if they go past the declared length. */
  count(bytes: number): void {
    const total = this.sent + bytes;
    if (total > this.declared) {
      throw new TypeError(
        `the body is longer than its content-length (declared ${this.declared} bytes, sent ${total})`,
      );
    }
    this.sent = total;
  }

  /** Throws a TypeError when the body ends before the declared length. */
  end(): void {
    if (this.sent < this.declared) {
      throw new TypeError(
        `the body is shorter than its content-length (declared ${this.declared} bytes, sent ${this.sent})`,
      );
    }
  }

  /** Counts a chunk of `bytes`, and unless `more` the body's end: throws a TypeError on a mismatch. */
  countChunk(bytes: number, more: boolean): void {
    this.count(bytes);
    if (!more) this.end();
  }
}

/**
 * The byte count a `content-length` value declares: digits only (a list of equal values, as some proxies
 * fold them, counts once). Throws a TypeError for anything else, which no client could frame a body by.
 * Every response that sets its own length comes through here: plain digits are read without a regex
 * or an allocation.
 */
function declaredBytes(value: string): number {
  if (value.length > 0 && value.length <= 15) {
    let bytes = 0;
    for (let i = 0; i < value.length; i++) {
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return foldedBytes(value);
      bytes = bytes * 10 + digit;
    }
    return bytes;
  }
  return foldedBytes(value);
}

function foldedBytes(value: string): number {
  const first = value.split(',', 1)[0]!.trim();
  const length = /^\d{1,15}$/.test(first) ? Number(first) : Number.NaN;
  const consistent = value.split(',').every((part) => part.trim() === first);
  if (!Number.isSafeInteger(length) || !consistent) {
    throw new TypeError(`content-length must be a number of bytes, got ${JSON.stringify(value)}`);
  }
  return length;
}
