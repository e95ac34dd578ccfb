// Template errors name the file and line; a missing template names every path looked at.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { abort, Blueprint, Flagon, TemplateError, TemplateNotFoundError } from '../../src/index.js';
import { appWith, folderWith, silent } from './helpers.js';

let tries = 0;

/** What `c.render(name)` throws, rendered inside a request of `app`. */
async function renderError(app: Flagon, name: string, data?: object): Promise<unknown> {
  let thrown: unknown;
  const path = `/try/${++tries}`;
  app.get(path, (c) => {
    try {
      return c.render(name, data);
    } catch (error) {
      thrown = error;
      return 'caught';
    }
  });
  await createTestClient(app).get(path);
  return thrown;
}

describe('template errors', () => {
  it('names the file and line of a JavaScript syntax error inside a tag', async () => {
    const { app, root } = appWith({
      'bad.eta': '<p>one</p>\n<% if (it.x) { %>\n<p><%= it.y) %></p>\n<% } %>',
    });
    const error = (await renderError(app, 'bad')) as TemplateError;
    const file = join(root, 'templates', 'bad.eta');
    expect(error).toBeInstanceOf(TemplateError);
    expect([error.kind, error.template, error.file, error.line]).toEqual(['syntax', 'bad.eta', file, 3]);
    expect(error.message).toContain(`Syntax error in template bad.eta (${file}:3): Unexpected token ')'`);
    expect(error.message).toContain(' >> 3| <p><%= it.y) %></p>');
  });

  it('names the file and line of a broken tag, and of a block never closed', async () => {
    const { app, root } = appWith({ 'tag.eta': 'a\nb <%= it.x \nc', 'open.eta': 'a\n<% if (it.x) { %>\nb' });
    const tag = (await renderError(app, 'tag')) as TemplateError;
    expect(tag.message).toContain(
      `Syntax error in template tag.eta (${join(root, 'templates', 'tag.eta')}:2): unclosed tag (column 3)\n`,
    );
    const { app: other } = appWith({ 'open.eta': 'a\n<% if (it.x) { %>\nb' });
    const open = (await renderError(other, 'open')) as TemplateError;
    expect(open.message).toMatch(
      /^Syntax error in template open\.eta \(.*open\.eta\): .*a block opened in the template is never closed/,
    );
  });

  it('names the file and line of a throw while rendering, in the innermost template', async () => {
    const { app, root } = appWith({
      'layout.eta': '<main><%~ it.body %></main>',
      'page.eta': "<% layout('layout') %>\n<%~ include('row', {}) %>",
      'row.eta': 'row\n\n<%= it.missing.name %>',
    });
    const error = (await renderError(app, 'page')) as TemplateError;
    expect([error.kind, error.template, error.line]).toEqual(['runtime', 'row.eta', 3]);
    expect(error.message).toMatch(
      new RegExp(
        `^Error in template row\\.eta \\(${join(root, 'templates', 'row.eta')}:3\\): Cannot read properties of undefined`,
      ),
    );
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('shows the template error in debug mode’s 500, and hides it otherwise', async () => {
    for (const debug of [true, false]) {
      const { app } = appWith({ 'boom.eta': 'x\n<%= it.nope.deeper %>' }, { debug });
      app.get('/', (c) => c.render('boom'));
      const res = await createTestClient(app).get('/', { headers: { accept: 'text/html' } });
      expect(res.status).toBe(500);
      const body = await res.text();
      if (debug) expect(body).toMatch(/TemplateError: Error in template boom\.eta \(.*boom\.eta:2\)/);
      else expect(body).not.toContain('boom.eta');
    }
  });

  it('lets an HTTPException thrown in a template answer as usual', async () => {
    const { app } = appWith({ 'gate.eta': '<% it.deny() %>' });
    app.get('/', (c) => c.render('gate', { deny: () => abort(403) }));
    expect((await createTestClient(app).get('/')).status).toBe(403);
  });

  it('throws at render time, for a missing template, an error naming every path looked at', async () => {
    const appRoot = folderWith({ 'templates/x.eta': '' });
    const adminRoot = folderWith({});
    const app = new Flagon({ root: appRoot, logger: silent });
    app.register(new Blueprint('admin', { root: adminRoot }));
    const error = (await renderError(app, 'notes/lsit')) as TemplateNotFoundError;
    expect(error).toBeInstanceOf(TemplateNotFoundError);
    expect(error.searched).toEqual([
      join(appRoot, 'templates', 'notes/lsit.eta'),
      join(adminRoot, 'templates', 'notes/lsit.eta'),
    ]);
    expect(error.message).toBe(
      `Template "notes/lsit.eta" not found; looked for:\n  ${error.searched[0]}\n  ${error.searched[1]}`,
    );
  });

  it('says the app has no template folder when it has none', async () => {
    const error = (await renderError(new Flagon({ logger: silent }), 'index')) as Error;
    expect(error.message).toMatch(
      /^Template "index.eta" not found; there is no template folder: give the app a root/,
    );
  });

  it('names the including template and line when a partial is missing', async () => {
    const { app } = appWith({ 'page.eta': "a\n<%~ include('partials/nope') %>" });
    const error = (await renderError(app, 'page')) as TemplateError;
    expect(error.message).toMatch(
      /^Error in template page\.eta \(.*page\.eta:2\): Template "partials\/nope\.eta" not found/,
    );
    expect(error.cause).toBeInstanceOf(TemplateNotFoundError);
  });

  it('refuses names that leave the template folders, and reads nothing outside them', async () => {
    const { app, root } = appWith({ 'page.eta': "<%~ include('../secret') %>" });
    writeFileSync(join(root, 'secret.eta'), 'SECRET');
    for (const name of [
      '../secret',
      'a/../../secret',
      join(root, 'secret'),
      'a\\..\\..\\secret',
      'C:/secret',
    ]) {
      expect(String(await renderError(app, name))).toMatch(
        /^TypeError: (Invalid template name|Template name .* leaves the template folders)/,
      );
    }
    expect(String(await renderError(app, 'page'))).toContain(
      'Template name "../secret" leaves the template folders',
    );
  });
});
