// The notes app through the test client, as a browser would use its pages: sign up, log in, log out,
// CSRF; create, show, edit, delete, the attachment; and what another user gets for your note (a 404,
// as for a note that does not exist). One app and database for the file: each test signs up its users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_SIZE } from '../forms.js';
import type { NotesHarness } from './notes-client.js';
import { signUp, startNotes, submit } from './notes-client.js';

let notes: NotesHarness;
beforeAll(async () => {
  notes = await startNotes();
}, 60_000);
afterAll(() => notes?.close());

describe('accounts', () => {
  it('signs up, lands on the empty list with a welcome, in a session cookie the page cannot read', async () => {
    const { client } = notes;
    const res = await signUp(client, 'ada');
    expect(res.headers.get('location')).toBe('/notes/');
    expect(res.headers.get('set-cookie')).toMatch(/^session=[^;]+;.*HttpOnly/i);
    const page = await (await client.get('/notes/')).text();
    expect(page).toContain('Welcome, ada! Write your first note.');
    expect(page).toContain('Logged in as <strong>ada</strong>');
    expect(page).toContain('No notes yet.');
    // A flash is shown once.
    expect(await (await client.get('/notes/')).text()).not.toContain('Welcome, ada!');
  });

  it('shows the sign-up form again with its errors and the name typed, never the passwords', async () => {
    const { client } = notes;
    client.cookies.clear();
    const mismatch = await submit(client, '/signup', {
      username: 'grace',
      password: 'secret-one',
      confirm: 'secret-two',
    });
    expect(mismatch.status).toBe(422);
    const page = await mismatch.text();
    expect(page).toContain('The passwords differ.');
    expect(page).toContain('value="grace"');
    expect(page).not.toContain('secret-one');

    const taken = await submit(client, '/signup', {
      username: 'ADA',
      password: 'password123',
      confirm: 'password123',
    });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('That name is taken.');

    const bad = await submit(client, '/signup', {
      username: '<b>x</b>',
      password: 'short',
      confirm: 'short',
    });
    const badPage = await bad.text();
    expect(badPage).toContain('Letters, digits, dots, dashes and underscores only.');
    expect(badPage).toContain('At least 8 characters.');
    expect(badPage).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
  });

  it('logs out (the session is gone) and in again; a wrong password or name reads the same', async () => {
    const { client } = notes;
    client.cookies.clear();
    await signUp(client, 'linus');
    const out = await submit(client, '/notes/', {}, '/logout');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    const away = await client.get('/notes/', { headers: { accept: 'text/html' } });
    expect(away.status).toBe(302);
    expect(away.headers.get('location')).toBe('/login?next=%2Fnotes%2F');
    expect(await (await client.get('/login')).text()).toContain('Please log in to see your notes.');

    for (const [username, password] of [
      ['linus', 'not-the-password'],
      ['nobody', 'password123'],
    ]) {
      const refused = await submit(client, '/login', { username: username!, password: password! });
      expect(refused.status).toBe(422);
      const page = await refused.text();
      expect(page).toContain('Wrong name or password.');
      expect(page).toContain(`value="${username}"`);
    }
    const back = await submit(client, '/login', { username: 'LINUS', password: 'password123' });
    expect(back.status).toBe(303);
    expect(await (await client.get('/notes/')).text()).toContain('Hello again, linus.');
  });

  it('keeps a browser logged in past its session with "Keep me logged in", and sends it back to ?next=', async () => {
    const { client } = notes;
    client.cookies.clear();
    await signUp(client, 'grace');
    await submit(client, '/notes/', {}, '/logout');
    const page = '/login?next=%2Fnotes%2Fnew';
    // The form carries next= on (a browser sends its hidden field back, as here).
    expect(await (await client.get(page)).text()).toContain(
      '<input type="hidden" name="next" value="/notes/new">',
    );
    const fields = { username: 'grace', password: 'password123', remember: 'on', next: '/notes/new' };
    const back = await submit(client, page, fields, '/login');
    expect(back.headers.get('location')).toBe('/notes/new');
    expect(client.cookies.get('remember_token')).toBeDefined();
    // The browser was closed: the session cookie is gone, the remember-me cookie logs it in again.
    client.cookies.delete('session');
    expect(await (await client.get('/notes/')).text()).toContain('Logged in as <strong>grace</strong>');
    // Another site's address in next= is not followed.
    await submit(client, '/notes/', {}, '/logout');
    const away = await submit(
      client,
      '/login?next=//evil.example',
      { username: 'grace', password: 'password123' },
      '/login',
    );
    expect(away.headers.get('location')).toBe('/notes/');
  });

  it('refuses a form post without its CSRF token, or from another site, with 403', async () => {
    const { client } = notes;
    client.cookies.clear();
    await signUp(client, 'mallory-target');
    const bare = await client.post('/logout', { form: {} });
    expect(bare.status).toBe(403);
    expect(await bare.text()).toMatch(/csrf/i);
    const page = await (await client.get('/notes/')).text();
    expect(page).toContain('Logged in as <strong>mallory-target</strong>'); // still logged in

    const token = /name="csrf_token" value="([^"]+)"/.exec(page)![1]!;
    const crossSite = await client.post('/logout', {
      form: { csrf_token: token },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await client.post('/logout', {
      form: { csrf_token: token },
      headers: { origin: 'http://testserver' },
    });
    expect(sameSite.status).toBe(303);
  });

  it('keeps the generated session key in the data folder, readable by its owner only', async () => {
    const { statSync, readFileSync } = await import('node:fs');
    const keyFile = `${notes.dataDir}/secret-key`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[\w-]{43}$/);
    expect(notes.app.config.SECRET_KEY).toBe(readFileSync(keyFile, 'utf8').trim());
  });
});

describe('notes', () => {
  /** Adds a note through the form; resolves its path (`/notes/7`). */
  async function addNote(fields: Record<string, string | Blob>): Promise<string> {
    const res = await submit(notes.client, '/notes/new', fields, '/notes/');
    expect(res.status).toBe(303);
    return res.headers.get('location')!;
  }

  it('adds a note with an attachment, shows it escaped, lists it, and serves the file to its owner', async () => {
    const { client } = notes;
    client.cookies.clear();
    await signUp(client, 'cook');
    const path = await addNote({
      title: 'Groceries <script>alert(1)</script>',
      body: 'milk\neggs',
      attachment: new File(['flour, sugar'], 'list.txt', { type: 'text/plain' }),
    });
    expect(path).toMatch(/^\/notes\/\d+$/);
    const page = await (await client.get(path)).text();
    expect(page).toContain('Note “Groceries &lt;script&gt;alert(1)&lt;/script&gt;” added.');
    expect(page).toContain('<h1>Groceries &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain(`<a href="${path}/attachment">list.txt</a>`);
    expect(await (await client.get('/notes/')).text()).toMatch(/<a href="\/notes\/\d+">Groceries &lt;script/);

    const file = await client.get(`${path}/attachment`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('flour, sugar');
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe('inline; filename="list.txt"');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves an uploaded HTML page as a sandboxed download, never as a page of the site', async () => {
    const path = await addNote({
      title: 'a page',
      body: '',
      attachment: new File(['<script>steal(document.cookie)</script>'], 'résumé (1).html', {
        type: 'text/html',
      }),
    });
    const file = await notes.client.get(`${path}/attachment`);
    expect(file.headers.get('content-type')).toBe('text/html');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_ (1).html"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29.html`,
    );
    expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('shows the form again with its errors and the text typed when the input is wrong', async () => {
    const res = await submit(notes.client, '/notes/new', { title: '   ', body: 'keep <this>' }, '/notes/');
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Give the note a title.');
    expect(page).toContain('keep &lt;this&gt;</textarea>');
  });

  it('refuses an attachment over the limit with 413, and saves nothing', async () => {
    const big = new File([new Uint8Array(MAX_ATTACHMENT_SIZE + 1)], 'big.bin');
    const res = await submit(
      notes.client,
      '/notes/new',
      { title: 'too big', body: '', attachment: big },
      '/notes/',
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/file/i);
    expect(await (await notes.client.get('/notes/')).text()).not.toContain('too big');
  });

  it('edits a note (a new file replaces the old one) and deletes it with its attachment', async () => {
    const path = await addNote({ title: 'draft', body: 'v1', attachment: new File(['one'], 'one.txt') });
    const edited = await submit(notes.client, `${path}/edit`, {
      title: 'final',
      body: 'v2',
      attachment: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'two.png', { type: 'image/png' }),
    });
    expect(edited.status).toBe(303);
    expect(edited.headers.get('location')).toBe(path);
    const page = await (await notes.client.get(path)).text();
    expect(page).toContain('Note “final” saved.');
    expect(page).toMatch(/<div class="body">v2<\/div>/);
    const file = await notes.client.get(`${path}/attachment`);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect([...(await file.bytes())]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    const invalid = await submit(notes.client, `${path}/edit`, { title: '', body: 'v3' });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain('Give the note a title.');

    const deleted = await submit(notes.client, path, {}, `${path}/delete`);
    expect(deleted.status).toBe(303);
    expect(await (await notes.client.get('/notes/')).text()).toContain('Note “final” deleted.');
    expect((await notes.client.get(path)).status).toBe(404);
    expect((await notes.client.get(`${path}/attachment`)).status).toBe(404);
  });

  it('gives another user a 404 for your note and its attachment, and lets them change nothing', async () => {
    const { client } = notes;
    client.cookies.clear();
    await signUp(client, 'owner');
    const path = await addNote({ title: 'private', body: 'mine', attachment: new File(['secret'], 's.txt') });

    client.cookies.clear();
    await signUp(client, 'stranger');
    for (const target of [path, `${path}/edit`, `${path}/attachment`]) {
      const res = await client.get(target);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('<h1>Not found</h1>');
    }
    const token = /name="csrf_token" value="([^"]+)"/.exec(
      await (await client.get('/notes/new')).text(),
    )![1]!;
    expect(
      (await client.post(`${path}/edit`, { form: { csrf_token: token, title: 'mine now' } })).status,
    ).toBe(404);
    expect((await client.post(`${path}/delete`, { form: { csrf_token: token } })).status).toBe(404);
    expect(await (await client.get('/notes/')).text()).not.toContain('private');

    client.cookies.clear();
    await submit(client, '/login', { username: 'owner', password: 'password123' });
    expect(await (await client.get(path)).text()).toContain('<div class="body">mine</div>');
  });

  it('answers 404 for ids that are not ids, and sends a visitor without a session to the log-in page', async () => {
    for (const target of ['/notes/abc', '/notes/0', '/notes/99999999999', '/notes/1.5', '/nowhere']) {
      expect((await notes.client.get(target)).status).toBe(404);
    }
    notes.client.cookies.clear();
    const res = await notes.client.get('/notes/new', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fnotes%2Fnew');
    // A script asking for JSON is told, not redirected.
    expect((await notes.client.get('/notes/new')).status).toBe(401);
    expect((await notes.client.get('/')).headers.get('location')).toBe('/login');
  });

  it('serves the stylesheet and the logo from static/, linked from every page', async () => {
    const page = await (await notes.client.get('/login')).text();
    expect(page).toContain('<link rel="stylesheet" href="/static/notes.css">');
    expect(page).toContain('<img src="/static/logo.svg"');
    const css = await notes.client.get('/static/notes.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.notes');
    const logo = await notes.client.get('/static/logo.svg');
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
  });
});
