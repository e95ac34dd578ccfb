// Typed template data: defineTemplate with a zod schema (checked and validated) or a type parameter.
import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { Response, Template } from '../../src/index.js';
import { defineTemplate, TemplateError } from '../../src/index.js';
import { appWith } from './helpers.js';

const noteList = defineTemplate(
  'notes/list',
  z.object({ notes: z.array(z.object({ title: z.string(), pinned: z.boolean().default(false) })) }),
);

describe('typed templates', () => {
  it('types the data of a template declared with a schema or a type parameter', () => {
    expectTypeOf(noteList).toEqualTypeOf<
      Template<{ notes: { title: string; pinned?: boolean | undefined }[] }>
    >();
    const hello = defineTemplate<{ name: string }>('hello');
    expectTypeOf(hello).toEqualTypeOf<Template<{ name: string }>>();
    const { app } = appWith({});
    app.get('/a', (c) => {
      expectTypeOf(c.render(noteList, { notes: [{ title: 'Milk' }] })).toEqualTypeOf<Response>();
      // @ts-expect-error: title must be a string
      c.render(noteList, { notes: [{ title: 1 }] });
      // @ts-expect-error: the data is required
      c.render(hello);
      // @ts-expect-error: name is missing
      c.render(hello, {});
      c.render<{ count: number }>('count', { count: 1 });
      // @ts-expect-error: the type parameter checks the data of a plain name too
      c.render<{ count: number }>('count', { count: '1' });
      return c.render('anything', { any: 'data' });
    });
  });

  it('validates the data against the schema, the template seeing its output', async () => {
    const { app } = appWith({
      'notes/list.eta': '<% for (const n of it.notes) { %><%= n.title %>:<%= n.pinned %> <% } %>',
    });
    app.get('/', (c) => c.render(noteList, { notes: [{ title: 'Milk' }, { title: 'Eggs', pinned: true }] }));
    let thrown: unknown;
    app.get('/bad', (c) => {
      try {
        return c.render(noteList, { notes: [{ title: 3 }] } as never);
      } catch (error) {
        thrown = error;
        return 'caught';
      }
    });
    const client = createTestClient(app);
    expect(await (await client.get('/')).text()).toBe('Milk:false Eggs:true ');
    await client.get('/bad');
    expect(thrown).toBeInstanceOf(TemplateError);
    expect((thrown as TemplateError).message).toBe(
      'Invalid data for template notes/list: notes.0.title: Invalid input: expected string, received number',
    );
  });
});
