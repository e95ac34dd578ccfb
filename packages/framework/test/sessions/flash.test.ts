// Flashed messages: kept in the session, shown once, filtered by category, and in templates.
import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { Flagon, redirect } from '../../src/index.js';
import { recordingLogger, SECRET, setCookieLine } from './helpers.js';

function flashApp() {
  const app = new Flagon({ config: { SECRET_KEY: SECRET }, logger: recordingLogger() });
  app.post('/notes', { csrf: false }, (c) => {
    c.flash('Note saved', 'success');
    c.flash('Attachment too large', 'error');
    c.flash('Plain message');
    return redirect('/');
  });
  app.get('/', (c) => c.flashes());
  app.get('/errors', (c) => ({ errors: c.flashes({ category: 'error' }), again: c.flashes() }));
  app.get('/some', (c) => c.flashes({ category: ['error', 'message'] }));
  return app;
}

describe('flashed messages', () => {
  it('are shown once, oldest first, with their categories', async () => {
    const client = createTestClient(flashApp());
    expect((await client.post('/notes')).status).toBe(302);
    const shown = await client.get('/');
    expect(await shown.json()).toEqual([
      { category: 'success', message: 'Note saved' },
      { category: 'error', message: 'Attachment too large' },
      { category: 'message', message: 'Plain message' },
    ]);
    expect(setCookieLine(shown)).toBeDefined(); // the session without them
    expect(await (await client.get('/')).json()).toEqual([]);
  });

  it('are filtered by category, and read out all at once for the request (as Flask does)', async () => {
    const client = createTestClient(flashApp());
    await client.post('/notes');
    expect(await (await client.get('/errors')).json()).toEqual({
      errors: [{ category: 'error', message: 'Attachment too large' }],
      again: [
        { category: 'success', message: 'Note saved' },
        { category: 'error', message: 'Attachment too large' },
        { category: 'message', message: 'Plain message' },
      ],
    });
    expect(await (await client.get('/')).json()).toEqual([]);
    await client.post('/notes');
    expect(await (await client.get('/some')).json()).toEqual([
      { category: 'error', message: 'Attachment too large' },
      { category: 'message', message: 'Plain message' },
    ]);
  });

  it('reach templates through the context processor: flashes(category?), csrfToken, csrfField', async () => {
    const app = flashApp();
    expect(app.contextProcessors).toHaveLength(1);
    const [processor] = app.contextProcessors;
    app.get('/page', (c) => {
      const names = processor!(c as never) as {
        flashes: (category?: string) => unknown;
        csrfToken: string;
        csrfField: string;
      };
      return {
        errors: names.flashes('error'),
        all: names.flashes(),
        token: names.csrfToken,
        field: names.csrfField,
      };
    });
    const client = createTestClient(app);
    await client.post('/notes');
    const page = await (await client.get('/page')).json<Record<string, unknown>>();
    expect(page.errors).toEqual([{ category: 'error', message: 'Attachment too large' }]);
    expect(page.all).toHaveLength(3);
    expect(page.token).toMatch(/^[\w-]{86}$/);
    expect(page.field).toMatch(/^<input type="hidden" name="csrf_token" value="[\w-]{86}">$/);
    const token = (page.field as string).slice(46, -2);
    const posted = await client.post('/notes', { form: { csrf_token: token } });
    expect(posted.status).toBe(302);
  });

  it('need a SECRET_KEY like the session they live in', async () => {
    const app = new Flagon({ logger: recordingLogger() });
    app.get('/', (c) => c.flashes());
    expect(app.contextProcessors).toHaveLength(0);
    expect((await createTestClient(app).get('/')).status).toBe(500);
  });
});
