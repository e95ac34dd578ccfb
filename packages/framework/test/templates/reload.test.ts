// Compiled once and cached; in debug mode a changed file is read again.
import { rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { appWith } from './helpers.js';

/** Rewrites `file` with `text`, its modification time moved on so the change shows on any file system. */
function change(file: string, text: string): void {
  const before = statSync(file).mtime;
  writeFileSync(file, text);
  const later = new Date(before.getTime() + 5_000);
  utimesSync(file, later, later);
}

describe('template cache', () => {
  it.each([
    [false, 'old text'],
    [true, 'new text'],
  ])('with debug %s, a changed template renders %s', async (debug, expected) => {
    const { app, root } = appWith(
      { 'page.eta': "<% layout('layout') %>old text", 'layout.eta': '[<%~ it.body %>]' },
      { debug },
    );
    app.get('/', (c) => c.render('page'));
    const client = createTestClient(app);
    expect(await (await client.get('/')).text()).toBe('[old text]');
    change(join(root, 'templates', 'page.eta'), "<% layout('layout') %>new text");
    change(join(root, 'templates', 'layout.eta'), '{<%~ it.body %>}');
    const wrapped = debug ? `{${expected}}` : `[${expected}]`;
    expect(await (await client.get('/')).text()).toBe(wrapped);
  });

  it.each([
    [false, 200],
    [true, 500],
  ])(
    'with debug %s, removing the template folder answers %d (no file system call outside debug)',
    async (debug, status) => {
      const { app, root } = appWith(
        { 'page.eta': "<% layout('layout') %>still here", 'layout.eta': '<%~ it.body %>' },
        { debug },
      );
      app.get('/', (c) => c.render('page'));
      const client = createTestClient(app);
      expect(await (await client.get('/')).text()).toBe('still here');
      rmSync(join(root, 'templates'), { recursive: true });
      const res = await client.get('/');
      expect(res.status).toBe(status);
      if (!debug) expect(await res.text()).toBe('still here');
    },
  );
});
