// The notes app clicked through in a real browser (Debian's chromium, through playwright-core), served
// by the real CLI: sign up, log in, add a note with an attachment, see the flash, reload, open the
// attachment, log out; then another site's auto-submitting form is refused with 403.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServingCli } from '../../../../packages/gateway/test/server/cli-process.js';
import { serveCli, stop } from '../../../../packages/gateway/test/server/cli-process.js';
import { freshDataDir } from '../pglite-template.js';
import type { Browser } from './chromium.js';
import { chromiumMissing, launchChromium } from './chromium.js';
import { serveForgery } from './other-origin.js';

const missing = chromiumMissing();
// Said once on the console too, since the default reporter shows only a count of skipped tests.
if (missing !== undefined) process.stderr.write(`notes browser test skipped: ${missing}\n`);

let server: ServingCli | undefined;
let browser: Browser | undefined;
let folder: Awaited<ReturnType<typeof freshDataDir>> | undefined;

beforeAll(async () => {
  if (missing !== undefined) return;
  folder = await freshDataDir();
  [server, browser] = await Promise.all([
    serveCli('examples/notes/app.ts', ['--no-access-log'], { NOTES_DATA_DIR: folder.dir, SECRET_KEY: '' }),
    launchChromium(),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (server !== undefined && server.child.exitCode === null) {
    server.child.kill('SIGTERM'); // a clean stop closes the database and frees the data folder
    await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    stop(server);
  }
  folder?.remove();
}, 30_000);

it('signs up, logs in, adds a note with an attachment, opens it, logs out; refuses another site', async (context) => {
  if (missing !== undefined) context.skip(`skipped: ${missing}`);
  const app = server!.url;
  const page = await browser!.context.newPage();
  try {
    await clickThrough(page, app);
  } catch (error) {
    const shots = join(tmpdir(), 'flagon-notes-browser');
    mkdirSync(shots, { recursive: true });
    const path = join(mkdtempSync(join(shots, 'failure-')), 'page.png');
    await page.screenshot({ path, fullPage: true }).catch(() => {});
    throw new Error(
      `${(error as Error).message}\nat ${page.url()}; screenshot: ${path}\nserver stderr:\n${server!.stderr()}`,
      { cause: error },
    );
  }
}, 90_000);

/** What a locator's element says, trimmed (the flash, a heading). */
async function text(locator: Locator): Promise<string | undefined> {
  return (await locator.textContent())?.trim();
}

async function clickThrough(page: Page, app: string): Promise<void> {
  // Sign up.
  await page.goto(`${app}/signup`);
  await page.getByLabel('Name').fill('ada');
  await page.getByLabel('Password', { exact: true }).fill('correct horse');
  await page.getByLabel('Password, again').fill('correct horse');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${app}/notes/`);
  expect(await text(page.getByRole('status'))).toBe('Welcome, ada! Write your first note.');

  // Log out, and in again.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(`${app}/login`);
  await page.getByLabel('Name').fill('ada');
  await page.getByLabel('Password').fill('correct horse');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${app}/notes/`);
  expect(await text(page.getByRole('status'))).toBe('Hello again, ada.');

  // Add a note with an attachment; the flash says so.
  await page.getByRole('link', { name: 'New note' }).click();
  await page.getByLabel('Title').fill('Shopping');
  await page.getByLabel('Note').fill('milk, eggs, flour');
  await page.getByLabel('Attachment').setInputFiles({
    name: 'recipe.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Pancakes: 2 eggs, 250 g flour, 500 ml milk.'),
  });
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.waitForURL(/\/notes\/\d+$/);
  const notePage = page.url();
  expect(await text(page.getByRole('status'))).toBe('Note “Shopping” added.');

  // Reload: the flash is gone, the note is still there (it is in the database, not the page).
  await page.reload();
  expect(await page.getByRole('status').count()).toBe(0);
  expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Shopping');
  expect(await text(page.locator('.body'))).toBe('milk, eggs, flour');

  // Open the attachment from the note page.
  await page.getByRole('link', { name: 'recipe.txt' }).click();
  await page.waitForURL(`${notePage}/attachment`);
  expect(await text(page.locator('body'))).toBe('Pancakes: 2 eggs, 250 g flour, 500 ml milk.');

  // The list, as the README shows it.
  await page.goto(`${app}/notes/`);
  expect(await text(page.locator('.notes li a'))).toBe('Shopping');
  const readmeShot = process.env.NOTES_README_SCREENSHOT;
  if (readmeShot) await page.screenshot({ path: readmeShot, clip: { x: 0, y: 0, width: 900, height: 260 } });

  // Log out: the notes are out of reach.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(`${app}/login`);
  expect(await text(page.getByRole('status'))).toBe('You are logged out.');
  // A page that needs a log-in sends the browser to the log-in form, and back to it once logged in.
  await page.goto(notePage);
  await page.waitForURL(`${app}/login?next=${encodeURIComponent(new URL(notePage).pathname)}`);
  expect(await text(page.getByRole('status'))).toBe('Please log in to see your notes.');

  // Logged in again, the user visits another site, whose page posts a note to the app: 403.
  await page.getByLabel('Name').fill('ada');
  await page.getByLabel('Password').fill('correct horse');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(notePage);
  const forgery = await serveForgery(`${app}/notes/`, { title: 'forged', body: 'from another site' });
  try {
    const answered = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.goto(forgery.url);
    const response = await answered;
    expect(response.url()).toBe(`${app}/notes/`);
    expect(response.status()).toBe(403);
  } finally {
    await forgery.close();
  }
  await page.goto(`${app}/notes/`);
  expect(await page.locator('.notes li a').allTextContents()).toEqual(['Shopping']);
}
