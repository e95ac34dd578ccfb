// Two hosts behind one nginx, as docs/deploy.md grows the notes app past one machine: two gateway
// servers (two ports standing for two machines) with the doc's flags, one Postgres server, the doc's
// site with its several-hosts upstream. The user's session lives in a signed cookie and the notes in
// the database, so whichever host nginx picks, the user is logged in and sees every note.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandServeArgs,
  deployDoc,
  replaceAll,
  siteConfig,
  upstreamNaming,
  withUpstream,
} from '../../../packages/gateway/test/nginx/deploy-doc.js';
import type { RunningNginx } from '../../../packages/gateway/test/nginx/nginx-process.js';
import { nginxMissing, startNginx } from '../../../packages/gateway/test/nginx/nginx-process.js';
import type { TextResponse } from '../../../packages/gateway/test/nginx/tls-client.js';
import { tlsRequest } from '../../../packages/gateway/test/nginx/tls-client.js';
import { eventually } from '../../../packages/gateway/test/node/helpers.js';
import type { CliRun } from '../../../packages/gateway/test/server/cli-process.js';
import { listeningUrl, runCli, stop } from '../../../packages/gateway/test/server/cli-process.js';
import { csrfTokenIn } from './notes-client.js';
import type { PostgresCluster } from './postgres-cluster.js';
import { postgresAvailability, startCluster } from './postgres-cluster.js';

const APP = 'examples/notes/app.ts';
// What a host's access log says when it created a note, and when it listed them (for the client nginx
// named: ::1, the address the test connects to nginx from).
const CREATED = /^::1 - - \[.+\] "POST \/notes\/ HTTP\/1\.1" 303/m;
const LISTED = /^::1 - - \[.+\] "GET \/notes\/ HTTP\/1\.1" 200/m;
const found = postgresAvailability();
const missing = nginxMissing() ?? (found.ok ? undefined : found.reason);
// Said on the console too: the default reporter shows only a count of skipped tests.
if (missing !== undefined) process.stderr.write(`notes behind nginx skipped: ${missing}\n`);

describe.skipIf(missing !== undefined)(
  `the notes app on two hosts behind one nginx${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let cluster: PostgresCluster | undefined;
    let nginx: RunningNginx | undefined;
    const hosts: CliRun[] = [];
    let dataDir = '';

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'flagon-notes-hosts-'));
      cluster = await startCluster(found as Extract<typeof found, { ok: true }>);
      const doc = deployDoc();
      // The doc's command for each machine: its address and nginx's replaced by loopback ones, and one
      // worker per host rather than two (two hosts already show where the state is not; each worker of
      // the notes app takes seconds to start on a busy machine).
      const loopback: Record<string, string> = { '10.0.0.11:8000': '127.0.0.1:0', '10.0.0.2': '127.0.0.1' };
      const args = commandServeArgs(doc, APP, '--bind 10.0.0.11:8000').map((arg, i, all) =>
        all[i - 1] === '--workers' ? '1' : (loopback[arg] ?? arg),
      );
      // Both hosts share what the doc says every machine must: the database and the key.
      const env = {
        DATABASE_URL: cluster.url,
        SECRET_KEY: 'one key for every host',
        NOTES_DATA_DIR: dataDir,
      };
      for (let i = 0; i < 2; i++) hosts.push(runCli(['serve', APP, ...args], env));
      const urls = await Promise.all(hosts.map(listeningUrl));
      for (const host of hosts) await eventually(() => host.stderr().includes('Supervising'), 40_000);
      let upstream = upstreamNaming(doc, '10.0.0.11:8000');
      upstream = replaceAll(upstream, '10.0.0.11:8000', new URL(urls[0]!).host);
      upstream = replaceAll(upstream, '10.0.0.12:8000', new URL(urls[1]!).host);
      nginx = await startNginx(withUpstream(siteConfig(doc), upstream));
    }, 60_000);

    afterAll(async () => {
      await nginx?.stop();
      for (const host of hosts) host.child.kill('SIGTERM');
      await Promise.race([
        Promise.all(hosts.map((host) => host.exited)),
        new Promise((resolve) => setTimeout(resolve, 10_000)),
      ]);
      for (const host of hosts) stop(host);
      await cluster?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }, 30_000);

    it('keeps the user logged in and every note visible, whichever host answers', async () => {
      const browser = new CookieBrowser(nginx!);
      const signup = await browser.submit('/signup', {
        username: 'ada',
        password: 'correct horse',
        confirm: 'correct horse',
      });
      expect(signup.status).toBe(303);
      expect(signup.headers.location).toBe('/notes/');
      // The scheme came from nginx (X-Forwarded-Proto): the session cookie is for HTTPS only.
      expect(String(signup.headers['set-cookie'])).toMatch(/; Secure/i);

      // A note, then the list, until each host took at least one of each: nginx takes turns, and three
      // requests a round make both kinds land on both hosts.
      const titles: string[] = [];
      const bothServed = (pattern: RegExp) => hosts.every((host) => pattern.test(host.stdout()));
      while (!(bothServed(CREATED) && bothServed(LISTED)) && titles.length < 8) {
        titles.push(`note ${titles.length + 1}`);
        const created = await browser.submit(
          '/notes/new',
          { title: titles.at(-1)!, body: 'shared' },
          '/notes/',
        );
        expect(created.status).toBe(303);
        const list = await browser.get('/notes/');
        expect(list.status).toBe(200);
        expect(list.body).toContain('Logged in as <strong>ada</strong>');
        for (const title of titles) expect(list.body).toContain(`>${title}</a>`);
      }
      for (const host of hosts) {
        expect(host.stdout()).toMatch(CREATED);
        expect(host.stdout()).toMatch(LISTED);
      }
    }, 30_000);
  },
);

/** What a browser does for these pages: keeps cookies, sends its origin, posts forms with their token. */
class CookieBrowser {
  readonly #cookies = new Map<string, string>();
  constructor(readonly nginx: RunningNginx) {}

  async get(path: string): Promise<TextResponse> {
    return this.#send(path, {});
  }

  /** Opens `page`, and posts its form to `action` with `fields` and the page's CSRF token. */
  async submit(page: string, fields: Record<string, string>, action = page): Promise<TextResponse> {
    const form = await this.get(page);
    expect(form.status).toBe(200);
    const body = new URLSearchParams({ csrf_token: csrfTokenIn(form.body), ...fields }).toString();
    return this.#send(action, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.nginx.url },
    });
  }

  async #send(
    path: string,
    init: { method?: string; body?: string; headers?: Record<string, string> },
  ): Promise<TextResponse> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const headers = { ...init.headers, ...(cookie ? { cookie } : {}) };
    const response = await tlsRequest(`${this.nginx.url}${path}`, this.nginx.ca, { ...init, headers });
    for (const line of response.headers['set-cookie'] ?? []) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.#cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }
}
