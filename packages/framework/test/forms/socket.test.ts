// The same forms over a real socket (toNodeHandler on node:http), sent by fetch as a browser would:
// fields and several files, a spooled file removed after the response, the limits, a malformed body.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toNodeHandler } from '@flagon/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Flagon, UploadedFile } from '../../src/index.js';
import { BOUNDARY, MULTIPART } from './multipart.js';

const KiB = 1024;
const spooled: string[] = [];
// The cut upload's temp files go here, so the test sees exactly what it left behind.
const cutDir = mkdtempSync(join(tmpdir(), 'flagon-cut-'));
let tornDown: Promise<void> = Promise.resolve();
let markTornDown = () => {};

function formApp() {
  const app = new Flagon({ config: { UPLOAD_SPOOL_THRESHOLD: 8 * KiB, MAX_FILES: 3 } });
  app.teardown(() => markTornDown());
  app.post(
    '/upload',
    { body: z.object({ title: z.string(), photos: z.array(z.instanceof(UploadedFile)) }) },
    (c) => {
      for (const photo of c.body.photos) if (photo.path) spooled.push(photo.path);
      return {
        title: c.body.title,
        photos: c.body.photos.map((photo) => [photo.filename, photo.size, photo.path !== undefined]),
      };
    },
  );
  app.post('/cut', { uploads: { tempDir: cutDir, spoolThreshold: 1024 } }, async (c) =>
    (await c.request.form()).has('f'),
  );
  app.post('/small', { uploads: { maxFileSize: 100 } }, async (c) => (await c.request.form()).has('f'));
  app.post('/note', async (c) => {
    const result = await c.validateForm(z.object({ title: z.string().min(3) }));
    return result.success ? { ok: true } : { errors: Object.keys(result.errors), values: result.values };
  });
  return app;
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(toNodeHandler(formApp()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(cutDir, { recursive: true, force: true });
});

function post(path: string, body: FormData | string, contentType?: string) {
  tornDown = new Promise((resolve) => {
    markTornDown = resolve;
  });
  return fetch(`${base}${path}`, {
    method: 'POST',
    body,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  });
}

describe('forms over a real socket', () => {
  it('parses a browser-style multipart form with several files, spooling the large one and removing it after', async () => {
    const form = new FormData();
    form.append('title', 'trip');
    form.append('photos', new File(['small'], 'a.jpg', { type: 'image/jpeg' }));
    form.append('photos', new File([new Uint8Array(64 * KiB)], 'b.jpg', { type: 'image/jpeg' }));
    const res = await post('/upload', form);
    expect(await res.json()).toEqual({
      title: 'trip',
      photos: [
        ['a.jpg', 5, false],
        ['b.jpg', 64 * KiB, true],
      ],
    });
    await tornDown;
    expect(spooled).toHaveLength(1);
    expect(existsSync(spooled[0]!)).toBe(false);
  });

  it('answers 413 past a file limit and 400 past the file count, with the limit named', async () => {
    const big = new FormData();
    big.append('f', new File([new Uint8Array(101)], 'f.bin'));
    const tooBig = await post('/small', big);
    expect([tooBig.status, (await tooBig.json()).error]).toEqual([
      413,
      'The file "f.bin" (field "f") is larger than 100 bytes (uploads.maxFileSize / MAX_FILE_SIZE)',
    ]);
    const many = new FormData();
    for (const name of ['a', 'b', 'c', 'd']) many.append('f', new File(['x'], name));
    const tooMany = await post('/small', many);
    expect([tooMany.status, (await tooMany.json()).error]).toEqual([
      400,
      'Too many files: more than 3 (uploads.maxFiles / MAX_FILES)',
    ]);
  });

  it('removes the temp file of an upload whose client went away mid-body', async () => {
    tornDown = new Promise((resolve) => {
      markTornDown = resolve;
    });
    const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="f"; filename="f.bin"\r\n\r\n`;
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /cut HTTP/1.1\r\nHost: x\r\nContent-Type: ${MULTIPART}\r\nContent-Length: 1000000\r\n\r\n${head}`,
    );
    socket.write(Buffer.alloc(64 * KiB, 0x61));
    // Cut once the temp file exists: the upload was being spooled when the client left.
    for (let i = 0; i < 200 && readdirSync(cutDir).length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(readdirSync(cutDir)).toHaveLength(1);
    socket.destroy();
    await tornDown;
    expect(readdirSync(cutDir)).toEqual([]);
  });

  it('answers 400 for a multipart body cut short', async () => {
    const res = await post(
      '/small',
      '--flagon-test-boundary\r\nContent-Disposition: form-data; name="f"\r\n\r\nab',
      MULTIPART,
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^Malformed form body: /);
  });

  it('re-renders a url-encoded form with its errors and values (validateForm)', async () => {
    const res = await post('/note', 'title=ab', 'application/x-www-form-urlencoded');
    expect(await res.json()).toEqual({ errors: ['title'], values: { title: 'ab' } });
  });
});
