// A route's body schema on url-encoded and multipart bodies (the JSON 422 shape), and c.validateForm
// for forms that re-render with their errors.
import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { Flagon, UploadedFile } from '../../src/index.js';

const Note = z.object({
  title: z.string().min(1),
  stars: z.coerce.number().int().max(5),
  tags: z.array(z.string()).default([]),
  attachment: z.instanceof(UploadedFile).optional(),
});

function noteApp() {
  const app = new Flagon();
  app.post('/notes', { body: Note }, async (c) => {
    expectTypeOf(c.body.stars).toEqualTypeOf<number>();
    expectTypeOf(c.body.attachment).toEqualTypeOf<UploadedFile | undefined>();
    const { attachment, ...rest } = c.body;
    return { ...rest, attachment: attachment && [attachment.filename, await attachment.text()] };
  });
  app.post('/json-notes', { body: Note.omit({ attachment: true }) }, (c) => c.body);
  app.post('/form', async (c) => {
    const result = await c.validateForm(Note);
    if (result.success) {
      expectTypeOf(result.data.title).toEqualTypeOf<string>();
      return { ok: result.data.title };
    }
    return { errors: result.errors, values: result.values };
  });
  return app;
}

const client = createTestClient(noteApp());

describe('a body schema on a form', () => {
  it('validates a url-encoded body: strings coerced, an array field always an array', async () => {
    const res = await client.post('/notes', { form: { title: 'Hi', stars: '4', tags: 'one' } });
    expect(await res.json()).toEqual({ title: 'Hi', stars: 4, tags: ['one'] });
  });

  it('validates a multipart body with a file field as UploadedFile', async () => {
    const form = new FormData();
    form.append('title', 'Hi');
    form.append('stars', '3');
    form.append('tags', 'a');
    form.append('tags', 'b');
    form.append('attachment', new File(['hello'], 'a.txt', { type: 'text/plain' }));
    const res = await client.post('/notes', { form });
    expect(await res.json()).toEqual({
      title: 'Hi',
      stars: 3,
      tags: ['a', 'b'],
      attachment: ['a.txt', 'hello'],
    });
  });

  it('answers 422 with the same shape as JSON, a repeated non-array field included', async () => {
    const form = await client.post('/notes', { form: { title: ['a', 'b'], stars: '9' } });
    const json = await client.post('/json-notes', { json: { title: ['a', 'b'], stars: 9 } });
    expect([form.status, json.status]).toEqual([422, 422]);
    const issues = ((await form.json()) as { issues: { path: unknown[] }[] }).issues;
    expect(issues.map((issue) => issue.path)).toEqual([
      ['body', 'title'],
      ['body', 'stars'],
    ]);
    expect(Object.keys(await form.json())).toEqual(Object.keys(await json.json()));
  });

  it('refuses a text field where the schema wants a file', async () => {
    const res = await client.post('/notes', { form: { title: 'Hi', stars: '1', attachment: 'not a file' } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { issues: { path: unknown[] }[] }).issues[0]?.path).toEqual([
      'body',
      'attachment',
    ]);
  });
});

describe('c.validateForm', () => {
  it('gives the data when the form is valid', async () => {
    expect(await (await client.post('/form', { form: { title: 'Hi', stars: '2' } })).json()).toEqual({
      ok: 'Hi',
    });
  });

  it('gives the errors by field and the text the user sent, without a 422', async () => {
    const sent = new URLSearchParams('title=&stars=lots&note=kept&__proto__=x');
    const res = await client.post('/form', { form: sent });
    expect(res.status).toBe(200);
    const { errors, values } = await res.json<{
      errors: Record<string, string[]>;
      values: Record<string, string>;
    }>();
    expect(Object.keys(errors)).toEqual(['title', 'stars']);
    expect(errors.title?.[0]).toMatch(/>=1 character/);
    // `__proto__` an ordinary key: the names are the client's.
    expect(Object.entries(values)).toEqual([
      ['title', ''],
      ['stars', 'lots'],
      ['note', 'kept'],
      ['__proto__', 'x'],
    ]);
  });
});
