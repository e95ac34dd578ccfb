// The form limits and malformed bodies, through the public API: each refusal says which limit, and a
// broken body is a 400, never a 500 or a hang.
import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { Flagon, UploadedFile } from '../../src/index.js';
import { BOUNDARY, MULTIPART, multipartBody, type Part } from './multipart.js';

function limitedApp() {
  const app = new Flagon({ config: { MAX_FILES: 2, MAX_FORM_FIELDS: 3 } });
  const handler = async (c: { request: { form(): Promise<Iterable<[string, unknown]>> } }) =>
    [...(await c.request.form())].map(([name, value]) => [
      name,
      value instanceof UploadedFile ? value.size : value,
    ]);
  app.post('/form', handler);
  app.post('/small', { uploads: { maxFileSize: 10, maxFieldSize: 5, maxSize: 400 } }, handler);
  return app;
}

const client = createTestClient(limitedApp());

const file = (name: string, size: number): Part => ({
  name,
  filename: `${name}.bin`,
  content: 'x'.repeat(size),
});
const field = (name: string, value: string): Part => ({ name, value });

async function post(path: string, parts: readonly Part[]) {
  const res = await client.post(path, { headers: { 'content-type': MULTIPART }, body: multipartBody(parts) });
  return [res.status, (await res.json<{ error: string }>()).error ?? (await res.json())];
}

async function postRaw(body: string, contentType = MULTIPART) {
  const res = await client.post('/form', { headers: { 'content-type': contentType }, body });
  return [res.status, (await res.json<{ error: string }>()).error];
}

describe('form limits', () => {
  it('lets a form within every limit through', async () => {
    const res = await client.post('/small', {
      headers: { 'content-type': MULTIPART },
      body: multipartBody([field('a', '12345'), file('f', 10)]),
    });
    expect(await res.json()).toEqual([
      ['a', '12345'],
      ['f', 10],
    ]);
  });

  it('answers 413 for a file over maxFileSize, naming the file and the limit', async () => {
    expect(await post('/small', [file('f', 11)])).toEqual([
      413,
      'The file "f.bin" (field "f") is larger than 10 bytes (uploads.maxFileSize / MAX_FILE_SIZE)',
    ]);
  });

  it('answers 413 for a field over maxFieldSize', async () => {
    expect(await post('/small', [field('a', '123456')])).toEqual([
      413,
      'The form field "a" is larger than 5 bytes (uploads.maxFieldSize / MAX_FORM_FIELD_SIZE)',
    ]);
  });

  it('answers 413 for a body over maxSize, declared or streamed', async () => {
    const parts = [file('f', 9), file('g', 9), field('a', '1'), field('b', '2'), field('c', '3')];
    expect(await post('/small', parts)).toEqual([
      413,
      'The form body is larger than 400 bytes (uploads.maxSize / MAX_FORM_SIZE)',
    ]);
    // Streamed in chunks with no Content-Length: counted as it comes.
    const body = multipartBody(parts);
    const res = await client.post('/small', {
      headers: { 'content-type': MULTIPART },
      body: [body.subarray(0, 100), body.subarray(100, 300), body.subarray(300)],
    });
    expect(res.status).toBe(413);
  });

  it('answers 400 for more files than maxFiles, and more fields than maxFields', async () => {
    expect(await post('/form', [file('a', 1), file('b', 1), file('c', 1)])).toEqual([
      400,
      'Too many files: more than 2 (uploads.maxFiles / MAX_FILES)',
    ]);
    expect(await post('/form', [field('a', '1'), field('b', '2'), field('c', '3'), field('d', '4')])).toEqual(
      [400, 'Too many form fields: more than 3 (uploads.maxFields / MAX_FORM_FIELDS)'],
    );
  });

  it('counts url-encoded fields and field sizes too', async () => {
    expect(await postRaw('a=1&b=2&c=3&d=4', 'application/x-www-form-urlencoded')).toEqual([
      400,
      'Too many form fields: more than 3 (uploads.maxFields / MAX_FORM_FIELDS)',
    ]);
    const res = await client.post('/small', { form: { a: '123456' } });
    expect(res.status).toBe(413);
  });

  it('answers 400 for a url-encoded field name over 1024 bytes, rather than cutting it', async () => {
    expect(await postRaw(`${'n'.repeat(1025)}=1`, 'application/x-www-form-urlencoded')).toEqual([
      400,
      'A form field name is longer than 1024 bytes',
    ]);
  });

  it('refuses a bad uploads option or config value when it is set', () => {
    const app = new Flagon();
    expect(() => app.post('/x', { uploads: { maxFiles: -1 } }, () => '')).toThrow(
      'route "/x": uploads.maxFiles must be a count',
    );
    expect(() => app.post('/y', { uploads: { maxFileSize: '1MB' as never } }, () => '')).toThrow(TypeError);
    expect(() => app.config.update({ MAX_FILE_SIZE: Number.NaN })).toThrow(
      'MAX_FILE_SIZE must be a size in bytes',
    );
  });
});

describe('malformed multipart bodies', () => {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\n`;

  it.each([
    ['no boundary parameter', 'x', 'multipart/form-data'],
    ['a body cut before its closing boundary', `${head}value`, MULTIPART],
    ['a part head cut short', `--${BOUNDARY}\r\nContent-Disposition: form-da`, MULTIPART],
    ['a body with no boundary at all', 'just some text', MULTIPART],
    ['an empty body', '', MULTIPART],
  ])('answers 400 for %s, with a message', async (_what, body, type) => {
    const [status, message] = await postRaw(body, type);
    expect(status).toBe(400);
    expect(message).toMatch(/^Malformed form body: .+/);
  });
});
