// The access log's batches on a stdout that several workers share.
import { describe, expect, it } from 'vitest';
import { writeWhole } from '../../src/server/access-log.js';

describe('writeWhole', () => {
  it('writes a big batch in pieces of whole lines a pipe keeps whole (4 KiB), and a small one at once', () => {
    const line = (i: number) =>
      `127.0.0.1 - - [07/Dec/2026:10:00:00 +0000] "GET /é${'x'.repeat(i % 90)} HTTP/1.1" 200 13\n`;
    const batch = Array.from({ length: 500 }, (_, i) => line(i)).join('');
    const pieces: string[] = [];
    writeWhole(batch, (piece) => pieces.push(piece));
    expect(pieces.join('')).toBe(batch);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(4096);
      expect(piece.endsWith('\n')).toBe(true);
    }
    const small: string[] = [];
    writeWhole(line(1), (piece) => small.push(piece));
    expect(small).toEqual([line(1)]);
  });
});
