// Builds multipart bodies by hand, so tests control every byte (a truncated or malformed body too).

export const BOUNDARY = 'flagon-test-boundary';
export const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** A part: a text field, or a file with a name and content. */
export type Part =
  | { readonly name: string; readonly value: string }
  | {
      readonly name: string;
      readonly filename: string;
      readonly content: string | Uint8Array;
      readonly type?: string;
    };

/** The head of one part (from the boundary line to the blank line before its content). */
export function partHead(part: Part): string {
  const disposition =
    'filename' in part
      ? `form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type ?? 'application/octet-stream'}`
      : `form-data; name="${part.name}"`;
  return `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n`;
}

/** A whole multipart body of `parts`, closing boundary included. */
export function multipartBody(parts: readonly Part[]): Uint8Array {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  for (const part of parts) {
    pieces.push(encoder.encode(partHead(part)));
    const content = 'filename' in part ? part.content : part.value;
    pieces.push(typeof content === 'string' ? encoder.encode(content) : content);
    pieces.push(encoder.encode('\r\n'));
  }
  pieces.push(encoder.encode(`--${BOUNDARY}--\r\n`));
  const body = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.byteLength, 0));
  let offset = 0;
  for (const piece of pieces) {
    body.set(piece, offset);
    offset += piece.byteLength;
  }
  return body;
}
