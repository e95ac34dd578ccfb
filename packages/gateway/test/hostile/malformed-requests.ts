// The malformed-request corpus, as data: one row per attack, with what the reference server answers.
// Cases drawn from gunicorn's tests/requests/invalid/, h11's and llhttp's test suites, and RFC 9112.

/** One malformed request and the refusal it must get. */
export interface MalformedRequest {
  readonly name: string;
  /** A string goes out as UTF-8 (so `ÿ` is two bytes); `Uint8Array` for bytes no string spells. */
  readonly bytes: string | Uint8Array;
  /** The status of the refusal. */
  readonly status: 400 | 431;
  /**
   * Whether the server must close after the refusal: always, once the framing can no longer be trusted
   * (a bad head or body); a target that is well framed but not UTF-8 leaves the connection usable.
   */
  readonly closes: boolean;
}

const HOST = 'Host: x\r\n';
const get = (head: string) => `GET / HTTP/1.1\r\n${HOST}${head}\r\n`;
const post = (head: string, body: string) => `POST /upload HTTP/1.1\r\n${HOST}${head}\r\n${body}`;
const chunked = (body: string) => post('Transfer-Encoding: chunked\r\n', body);
// A request the attack tries to hide behind the first one: the app must never see it.
export const SMUGGLED = `GET /smuggled HTTP/1.1\r\n${HOST}\r\n`;

/** A TLS 1.3 ClientHello's first bytes: a record header, then the handshake (random and a cipher suite). */
const TLS_CLIENT_HELLO = Uint8Array.from([
  0x16,
  0x03,
  0x01,
  0x00,
  0x2f,
  0x01,
  0x00,
  0x00,
  0x2b,
  0x03,
  0x03,
  ...new Array<number>(32).fill(0x5a),
  0x00,
  0x00,
  0x02,
  0x13,
  0x01,
  0x01,
  0x00,
]);

export const MALFORMED_REQUESTS: readonly MalformedRequest[] = [
  // Request lines.
  {
    name: 'a third token after the version',
    bytes: `GET / HTTP/1.1 x\r\n${HOST}\r\n`,
    status: 400,
    closes: true,
  },
  { name: 'NUL in the target', bytes: `GET /a\x00b HTTP/1.1\r\n${HOST}\r\n`, status: 400, closes: true },
  { name: 'DEL in the target', bytes: `GET /a\x7fb HTTP/1.1\r\n${HOST}\r\n`, status: 400, closes: true },
  { name: 'a space inside the target', bytes: `GET /a b HTTP/1.1\r\n${HOST}\r\n`, status: 400, closes: true },
  { name: 'version HTTP/9.9', bytes: `GET / HTTP/9.9\r\n${HOST}\r\n`, status: 400, closes: true },
  { name: 'lowercase protocol name', bytes: `GET / http/1.1\r\n${HOST}\r\n`, status: 400, closes: true },
  { name: 'a method that is not a token', bytes: `G@T / HTTP/1.1\r\n${HOST}\r\n`, status: 400, closes: true },
  { name: 'a lowercase method', bytes: `get / HTTP/1.1\r\n${HOST}\r\n`, status: 400, closes: true },
  {
    name: 'a 100-byte unknown method',
    bytes: `${'A'.repeat(100)} / HTTP/1.1\r\n${HOST}\r\n`,
    status: 400,
    closes: true,
  },
  {
    name: 'a request line ended by a bare LF',
    bytes: `GET / HTTP/1.1\n${HOST}\r\n`,
    status: 400,
    closes: true,
  },
  {
    name: 'a request line ended by a bare CR',
    bytes: `GET / HTTP/1.1\r${HOST}\r\n`,
    status: 400,
    closes: true,
  },
  {
    name: 'whitespace before the first header',
    bytes: `GET / HTTP/1.1\r\n Foo: bar\r\n${HOST}\r\n`,
    status: 400,
    closes: true,
  },
  // Header names.
  { name: 'NUL in a header name', bytes: get('Fo\x00o: bar\r\n'), status: 400, closes: true },
  { name: 'a space before the colon', bytes: get('Foo : bar\r\n'), status: 400, closes: true },
  { name: 'an empty header name', bytes: get(': bar\r\n'), status: 400, closes: true },
  { name: 'a space inside a header name', bytes: get('Fo o: bar\r\n'), status: 400, closes: true },
  { name: 'a header line without a colon', bytes: get('Foo\r\n'), status: 400, closes: true },
  { name: 'a non-ASCII header name', bytes: get('Content-Lengthÿ: 3\r\n'), status: 400, closes: true },
  // Header values.
  { name: 'NUL in a header value', bytes: get('Foo: b\x00ar\r\n'), status: 400, closes: true },
  { name: 'a bare CR in a header value', bytes: get('Foo: b\rar\r\n'), status: 400, closes: true },
  { name: 'a header ended by a bare LF', bytes: get('Foo: bar\nBaz: q\r\n'), status: 400, closes: true },
  { name: 'DEL in a header value', bytes: get('Foo: a\x7fb\r\n'), status: 400, closes: true },
  { name: 'BEL in a header value', bytes: get('Foo: a\x07b\r\n'), status: 400, closes: true },
  { name: 'obs-fold with a space', bytes: get('Foo: bar\r\n  baz\r\n'), status: 400, closes: true },
  { name: 'obs-fold with a tab', bytes: get('Foo: bar\r\n\tbaz\r\n'), status: 400, closes: true },
  // Content-Length.
  {
    name: 'two conflicting Content-Lengths',
    bytes: post('Content-Length: 3\r\nContent-Length: 4\r\n', 'abcd'),
    status: 400,
    closes: true,
  },
  {
    name: 'two equal Content-Lengths',
    bytes: post('Content-Length: 3\r\nContent-Length: 3\r\n', 'abc'),
    status: 400,
    closes: true,
  },
  {
    name: 'a Content-Length list',
    bytes: post('Content-Length: 3, 3\r\n', 'abc'),
    status: 400,
    closes: true,
  },
  { name: 'a negative Content-Length', bytes: post('Content-Length: -1\r\n', ''), status: 400, closes: true },
  {
    name: 'a signed Content-Length',
    bytes: post('Content-Length: +3\r\n', 'abc'),
    status: 400,
    closes: true,
  },
  { name: 'a hex Content-Length', bytes: post('Content-Length: 0x3\r\n', 'abc'), status: 400, closes: true },
  {
    name: 'a Content-Length with an inner space',
    bytes: post('Content-Length: 1 2\r\n', 'abc'),
    status: 400,
    closes: true,
  },
  {
    name: 'a Content-Length that is not a number',
    bytes: post('Content-Length: abc\r\n', ''),
    status: 400,
    closes: true,
  },
  {
    name: 'a Content-Length past 2^64',
    bytes: post('Content-Length: 99999999999999999999999\r\n', ''),
    status: 400,
    closes: true,
  },
  { name: 'an empty Content-Length', bytes: post('Content-Length:\r\n', ''), status: 400, closes: true },
  // Content-Length with Transfer-Encoding (RFC 9112 §6.3: a server may reject; it must close).
  {
    name: 'Content-Length then chunked',
    bytes: post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  {
    name: 'chunked then Content-Length',
    bytes: post('Transfer-Encoding: chunked\r\nContent-Length: 5\r\n', '0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  // Chunk sizes and extensions.
  {
    name: 'a chunk size that is not hex',
    bytes: chunked('zz\r\nabc\r\n0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  { name: 'a negative chunk size', bytes: chunked('-1\r\nabc\r\n0\r\n\r\n'), status: 400, closes: true },
  { name: 'a signed chunk size', bytes: chunked('+3\r\nabc\r\n0\r\n\r\n'), status: 400, closes: true },
  { name: 'a 0x-prefixed chunk size', bytes: chunked('0x3\r\nabc\r\n0\r\n\r\n'), status: 400, closes: true },
  {
    name: 'a chunk size past 2^64',
    bytes: chunked('ffffffffffffffffffff\r\nabc\r\n0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  {
    name: 'a space after the chunk size',
    bytes: chunked('3 \r\nabc\r\n0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  {
    name: 'chunk data longer than its size',
    bytes: chunked('3\r\nabcdef\r\n0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  {
    name: 'chunk data without its CRLF',
    bytes: chunked('3\r\nabcX\r\n0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  { name: 'chunks framed by bare LFs', bytes: chunked('3\nabc\n0\n\n'), status: 400, closes: true },
  {
    name: 'NUL in a chunk extension',
    bytes: chunked('3;a\x00=b\r\nabc\r\n0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  {
    name: 'an unterminated quoted chunk extension',
    bytes: chunked('3;a="b\r\nabc\r\n0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  {
    name: 'a bare CR in a chunk extension',
    bytes: chunked('3;a\rb\r\nabc\r\n0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  {
    name: 'a bare LF in a chunk extension',
    bytes: chunked('3;a\nb\r\nabc\r\n0\r\n\r\n'),
    status: 400,
    closes: true,
  },
  // Oversized heads (Node's 16 KiB maxHeaderSize).
  { name: 'a 20 KB header value', bytes: get(`X-Big: ${'a'.repeat(20_000)}\r\n`), status: 431, closes: true },
  {
    name: '3000 small headers',
    bytes: get(Array.from({ length: 3000 }, (_, i) => `X-${i}: v\r\n`).join('')),
    status: 431,
    closes: true,
  },
  {
    name: 'a 20 KB target',
    bytes: `GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${HOST}\r\n`,
    status: 431,
    closes: true,
  },
  // Other protocols on the plain port.
  {
    name: 'the HTTP/2 connection preface',
    bytes: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    status: 400,
    closes: true,
  },
  { name: 'a TLS ClientHello', bytes: TLS_CLIENT_HELLO, status: 400, closes: true },
  { name: 'an SSH banner', bytes: 'SSH-2.0-OpenSSH_9.0\r\n', status: 400, closes: true },
  {
    name: 'binary noise',
    bytes: Uint8Array.from([0, 1, 2, 255, 254, 13, 10, 13, 10]),
    status: 400,
    closes: true,
  },
  // Smuggling: a second request hidden in the body of the first, by disagreeing framing.
  {
    name: 'smuggling by CL.TE',
    bytes: post('Content-Length: 4\r\nTransfer-Encoding: chunked\r\n', `0\r\n\r\n${SMUGGLED}`),
    status: 400,
    closes: true,
  },
  {
    name: 'smuggling by a space before the TE colon',
    bytes: post('Transfer-Encoding : chunked\r\nContent-Length: 4\r\n', `0\r\n\r\n${SMUGGLED}`),
    status: 400,
    closes: true,
  },
  {
    name: 'smuggling by a vertical tab before chunked',
    bytes: post('Transfer-Encoding:\x0bchunked\r\nContent-Length: 4\r\n', `0\r\n\r\n${SMUGGLED}`),
    status: 400,
    closes: true,
  },
  {
    name: 'smuggling by a bare LF in a chunk extension',
    bytes: chunked(`2;\nxx\r\n4c\r\n0\r\n\r\n${SMUGGLED}`),
    status: 400,
    closes: true,
  },
  // A well-framed target whose percent-encoding is not UTF-8: the bridge refuses it, the framing holds.
  {
    name: 'a target percent-encoding a lone 0xFF',
    bytes: `GET /%ff HTTP/1.1\r\n${HOST}\r\n`,
    status: 400,
    closes: false,
  },
  {
    name: 'a target with a broken escape',
    bytes: `GET /%zz HTTP/1.1\r\n${HOST}\r\n`,
    status: 400,
    closes: false,
  },
];
