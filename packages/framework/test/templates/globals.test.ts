// What every template sees besides its data: urlFor, request, templateGlobal, context processors.
import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { Blueprint } from '../../src/index.js';
import { appWith } from './helpers.js';

describe('template globals', () => {
  it('gives urlFor bound to the request (relative names, query) and the request itself', async () => {
    const { app } = appWith({
      'links.eta':
        "<%= it.request.method %> <%= it.request.path %>?<%= it.request.query.get('q') %> <%= it.urlFor('.show', { id: 7 }) %> <%= it.urlFor('home', {}, { query: { a: 1, b: 2 } }) %>",
    });
    app.get('/', { name: 'home' }, () => 'home');
    const notes = new Blueprint('notes', { prefix: '/notes' });
    notes.get('/:id', { name: 'show' }, (c) => c.render('links'));
    app.register(notes);
    expect(await (await createTestClient(app).get('/notes/1?q=x')).text()).toBe(
      'GET /notes/1?x /notes/7 /?a=1&amp;b=2',
    );
  });

  it('adds templateGlobal names and context processor names, the data winning over both', async () => {
    const { app } = appWith({
      'layout.eta': '<title><%= it.site %></title><%~ it.body %>',
      'row.eta': '<%= it.shout(it.user) %>',
      'page.eta':
        "<% layout('layout') %><%= it.title %>|<%~ include('row') %>|<%= it.csrfToken %>|<%= it.who %>",
    });
    app
      .templateGlobal('site', 'Notes')
      .templateGlobal('title', 'global title')
      .templateGlobal('who', 'global');
    app.templateGlobal('shout', (s: string) => s.toUpperCase());
    app.contextProcessor((c) => ({ user: c.request.headers.get('x-user') ?? 'anon', csrfToken: 'tok<1>' }));
    app.contextProcessor(() => ({ who: 'processor' }));
    app.get('/', (c) => c.render('page', { title: 'data title' }));
    const res = await createTestClient(app).get('/', { headers: { 'x-user': 'ada' } });
    expect(await res.text()).toBe('<title>Notes</title>data title|ADA|tok&lt;1&gt;|processor');
  });

  it('runs the context processors on every render, with that request', async () => {
    const { app } = appWith({ 'n.eta': '<%= it.n %>' });
    let count = 0;
    app.contextProcessor(() => ({ n: ++count }));
    app.get('/', (c) => c.render('n'));
    const client = createTestClient(app);
    expect([await (await client.get('/')).text(), await (await client.get('/')).text()]).toEqual(['1', '2']);
  });

  it('keeps a processor getter lazy, lets a later processor replace it with a value, and takes any name', async () => {
    const { app } = appWith({
      'names.eta': '<%= it.lazy %>|<%= it.proto %>|<%= Object.getPrototypeOf(it) === Object.prototype %>',
    });
    let reads = 0;
    app.contextProcessor(() => JSON.parse('{"__proto__": {"polluted": true}, "proto": "plain"}'));
    app.contextProcessor(() => ({
      get lazy() {
        reads++;
        return 'from a getter';
      },
      get unread() {
        reads += 100;
        return 'never shown';
      },
    }));
    app.contextProcessor(() => ({ lazy: 'a value wins' }));
    app.get('/', (c) => c.render('names'));
    expect(await (await createTestClient(app).get('/')).text()).toBe('a value wins|plain|true');
    expect(reads).toBe(0);
  });
});
