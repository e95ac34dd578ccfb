// Forms through the public API, in memory: parsing, files in memory and on disk, temp-file removal,
// and the test client's form bodies. Limits, validation and the real socket have their own files.
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestClient } from '@flagon/framework/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { Flagon, UploadedFile } from '../../src/index.js';
import { recordingLogger } from '../core/helpers.js';
import { MULTIPART, multipartBody } from './multipart.js';

const KiB = 1024;

function chunks(bytes: Uint8Array, size: number): Uint8Array[] {
  return Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  );
}

describe('c.request.form()', () => {
  const app = new Flagon();
  app.post('/fields', async (c) => {
    const form = await c.request.form();
    return {
      entries: [...form.entries()].map(([name, value]) => [
        name,
        typeof value === 'string' ? value : value.filename,
      ]),
      first: form.get('tag'),
      all: form.getAll('tag'),
      has: [form.has('tag'), form.has('missing')],
      missing: form.get('missing'),
      cached: (await c.request.form()) === form,
    };
  });
  const client = createTestClient(app);

  it('reads a url-encoded body: get, getAll, has, entries in order, parsed once', async () => {
    const res = await client.post('/fields', { form: { title: 'a b', tag: ['x', 'y'] } });
    expect(await res.json()).toEqual({
      entries: [
        ['title', 'a b'],
        ['tag', 'x'],
        ['tag', 'y'],
      ],
      first: 'x',
      all: ['x', 'y'],
      has: [true, false],
      missing: null,
      cached: true,
    });
  });

  it('reads a multipart body from a FormData, with several files under one field', async () => {
    const form = new FormData();
    form.append('tag', 'x');
    form.append('photos', new File(['one'], 'one.txt', { type: 'text/plain' }));
    form.append('photos', new File(['two!'], 'two.bin'));
    const files = new Flagon();
    files.post('/files', async (c) => {
      const photos = (await c.request.form()).getAll('photos') as UploadedFile[];
      return Promise.all(
        photos.map(async (file) => [
          file.filename,
          file.type,
          file.size,
          await file.text(),
          file instanceof UploadedFile,
        ]),
      );
    });
    const res = await createTestClient(files).post('/files', { form });
    expect(await res.json()).toEqual([
      ['one.txt', 'text/plain', 3, 'one', true],
      ['two.bin', 'application/octet-stream', 4, 'two!', true],
    ]);
  });

  it('answers 415 for a body that is not a form', async () => {
    const res = await client.post('/fields', { json: { a: 1 } });
    expect([res.status, (await res.json<{ error: string }>()).error]).toEqual([
      415,
      'Expected a form body, got application/json',
    ]);
  });
});

describe('UploadedFile', () => {
  const seen: { path?: string; mode?: number; existed?: boolean; afterResponse?: boolean }[] = [];
  let keep: string;

  const logger = recordingLogger();
  const app = new Flagon({ logger, config: { UPLOAD_SPOOL_THRESHOLD: 4 * KiB } });
  // Teardown hooks run once the response is sent and the cleanups ran: what the request left behind.
  // The client may see the response before that: each upload waits for its request's teardown.
  let tornDown: () => void = () => {};
  app.teardown(() => {
    const last = seen.at(-1);
    if (last?.path !== undefined) last.afterResponse = existsSync(last.path);
    tornDown();
  });
  app.post('/upload', async (c) => {
    const file = (await c.request.form()).get('file') as UploadedFile;
    const path = file.path;
    seen.push({
      path,
      mode: path === undefined ? undefined : statSync(path).mode & 0o777,
      existed: path !== undefined && existsSync(path),
    });
    const streamed: number[] = [];
    const reader = file.stream().getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read())
      streamed.push(read.value.byteLength);
    const bytes = await file.bytes();
    return {
      size: file.size,
      onDisk: path !== undefined,
      streamedBytes: streamed.reduce((a, b) => a + b, 0),
      sameBytes: bytes.every((byte, i) => byte === i % 251),
    };
  });
  app.post('/fail', async (c) => {
    const file = (await c.request.form()).get('file') as UploadedFile;
    seen.push({ path: file.path });
    throw new Error('the handler broke after the upload');
  });
  app.post('/move', async (c) => {
    const file = (await c.request.form()).get('file') as UploadedFile;
    const temp = file.path;
    await file.moveTo(join(keep, file.filename));
    return { temp, now: file.path, text: (await file.text()).length };
  });
  const client = createTestClient(app);

  const pattern = (size: number) => Uint8Array.from({ length: size }, (_, i) => i % 251);
  const upload = async (path: string, size: number, filename = 'data.bin') => {
    const ended = new Promise<void>((resolve) => {
      tornDown = resolve;
    });
    const res = await client.post(path, {
      headers: { 'content-type': MULTIPART },
      body: multipartBody([{ name: 'file', filename, content: pattern(size) }]),
    });
    await ended;
    return res;
  };

  afterAll(async () => {
    if (keep) await rm(keep, { recursive: true, force: true });
  });

  it('keeps a file at or under the spool threshold in memory', async () => {
    const res = await upload('/upload', 4 * KiB);
    expect(await res.json()).toEqual({
      size: 4 * KiB,
      onDisk: false,
      streamedBytes: 4 * KiB,
      sameBytes: true,
    });
    expect(seen.at(-1)?.path).toBeUndefined();
  });

  it('streams a larger file to a 0600 temp file, removed once the response is sent', async () => {
    const res = await upload('/upload', 200 * KiB);
    expect(await res.json()).toEqual({
      size: 200 * KiB,
      onDisk: true,
      streamedBytes: 200 * KiB,
      sameBytes: true,
    });
    const { path, mode, existed } = seen.at(-1)!;
    expect(path?.startsWith(join(tmpdir(), 'flagon-upload-'))).toBe(true);
    expect([existed, mode]).toEqual([true, 0o600]);
    expect(seen.at(-1)?.afterResponse).toBe(false);
  });

  it('removes the temp file after a handler error too (500)', async () => {
    const res = await upload('/fail', 64 * KiB);
    expect(res.status).toBe(500);
    expect(logger.lines).toEqual(['ERROR POST /fail failed the handler broke after the upload']);
    const { path, afterResponse } = seen.at(-1)!;
    expect(path).toBeDefined();
    expect(afterResponse).toBe(false);
  });

  it('answers a temp folder it cannot write to with a logged 500, not a hang', async () => {
    const broken = new Flagon({
      logger,
      config: { UPLOAD_SPOOL_THRESHOLD: 1024, UPLOAD_TEMP_DIR: '/nonexistent/flagon' },
    });
    broken.post('/upload', async (c) => (await c.request.form()).has('file'));
    const before = logger.lines.length;
    const res = await createTestClient(broken).post('/upload', {
      headers: { 'content-type': MULTIPART },
      // In many chunks: the parser must not wait forever for a part nobody reads any more.
      body: chunks(
        multipartBody([{ name: 'file', filename: 'a.bin', content: pattern(512 * KiB) }]),
        16 * KiB,
      ),
    });
    expect(res.status).toBe(500);
    expect(logger.lines.slice(before)).toEqual([
      expect.stringMatching(
        /^ERROR POST \/upload failed ENOENT: no such file or directory, open '\/nonexistent\/flagon\/flagon-upload-/,
      ),
    ]);
  });

  it('moveTo keeps the file where it was moved; the temp path is gone', async () => {
    keep = await mkdtemp(join(tmpdir(), 'flagon-keep-'));
    const res = await upload('/move', 64 * KiB, 'kept.bin');
    const { temp, now, text } = await res.json<{ temp: string; now: string; text: number }>();
    expect(now).toBe(join(keep, 'kept.bin'));
    expect(text).toBeGreaterThan(0);
    expect(existsSync(temp)).toBe(false);
    expect(new Uint8Array(await readFile(now))).toEqual(pattern(64 * KiB));
  });
});
