// Debian's nginx as a child process of a test: its own prefix folder (config, pid, logs, temp files),
// a self-signed certificate, the doc's site on free loopback ports, in the foreground, stopped after.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CliRun } from '../server/cli-process.js';
import { watchChild } from '../server/cli-process.js';
import { replaceAll } from './deploy-doc.js';

// Debian's path; FLAGON_TEST_NGINX names another binary (or a missing one, to see the tests skip).
const NGINX = process.env.FLAGON_TEST_NGINX ?? '/usr/sbin/nginx';
const OPENSSL = '/usr/bin/openssl';

/** Why nginx cannot run here, or `undefined` when it can. */
export function nginxMissing(): string | undefined {
  if (!existsSync(NGINX)) return `no ${NGINX} here (apt-get install nginx)`;
  if (!existsSync(OPENSSL)) return `no ${OPENSSL} here to make a test certificate (apt-get install openssl)`;
  return undefined;
}

/** A running nginx. */
export interface RunningNginx {
  /** `https://[::1]:PORT`: the site's TLS server, reached over IPv6 (nginx reaches the app over IPv4 or a socket). */
  readonly url: string;
  /** The self-signed certificate clients trust (PEM). */
  readonly ca: string;
  /** nginx's error log so far. */
  errorLog(): string;
  /** Stops nginx (fast shutdown) and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Runs nginx with the doc's `site` (see `siteConfig`), its `listen` ports and certificate paths replaced
 * by free loopback ports and a fresh self-signed certificate. The upstream is the caller's to replace.
 *
 * @example
 * ```ts
 * const nginx = await startNginx(replaceAll(siteConfig(deployDoc()), DOC_SOCKET, socket));
 * ```
 */
export async function startNginx(site: string): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'flagon-nginx-'));
  let run: CliRun | undefined;
  try {
    await makeCertificate(prefix);
    const [http, https] = [await freePort(), await freePort()];
    let conf = site;
    conf = replaceAll(conf, 'listen 80;', `listen 127.0.0.1:${http};`);
    conf = replaceAll(conf, 'listen [::]:80;', `listen [::1]:${http};`);
    conf = replaceAll(conf, 'listen 443 ssl http2;', `listen 127.0.0.1:${https} ssl http2;`);
    conf = replaceAll(conf, 'listen [::]:443 ssl http2;', `listen [::1]:${https} ssl http2;`);
    conf = replaceAll(conf, '/etc/letsencrypt/live/app.example/fullchain.pem', join(prefix, 'cert.pem'));
    conf = replaceAll(conf, '/etc/letsencrypt/live/app.example/privkey.pem', join(prefix, 'key.pem'));
    writeFileSync(join(prefix, 'site.conf'), conf);
    writeFileSync(join(prefix, 'nginx.conf'), mainConfig(prefix));
    const args = ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'];
    run = watchChild(spawn(NGINX, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    const started = run;
    await Promise.race([
      waitForPort(https),
      started.exited.then(({ code }) => {
        throw new Error(`nginx exited with ${code}:\n${started.stderr()}${errorLog(prefix)}`);
      }),
    ]);
    return {
      url: `https://[::1]:${https}`,
      ca: readFileSync(join(prefix, 'cert.pem'), 'utf8'),
      errorLog: () => errorLog(prefix),
      stop: async () => {
        started.child.kill('SIGTERM');
        await started.exited;
        rmSync(prefix, { recursive: true, force: true });
      },
    };
  } catch (error) {
    run?.child.kill('SIGKILL');
    rmSync(prefix, { recursive: true, force: true });
    throw error;
  }
}

/** What Debian's /etc/nginx/nginx.conf provides around a site, with every path inside `prefix`. */
function mainConfig(prefix: string): string {
  // As root, nginx's workers would switch to `nobody`, who cannot open the test's 0700 folders.
  const user = process.getuid?.() === 0 ? 'user root root;\n' : '';
  return `${user}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path ${prefix}/client_body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
    include ${prefix}/site.conf;
}
`;
}

function errorLog(prefix: string): string {
  const file = join(prefix, 'error.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** A self-signed certificate for localhost, 127.0.0.1 and ::1, valid for a day. */
async function makeCertificate(prefix: string): Promise<void> {
  await promisify(execFile)(OPENSSL, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
    '-keyout',
    join(prefix, 'key.pem'),
    '-out',
    join(prefix, 'cert.pem'),
  ]);
}

/** A port free on both loopback addresses right now (nginx binds it a moment later). */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer().once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const free6 = await new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false));
      server.listen(port, '::1', () => server.close(() => resolve(true)));
    });
    if (free6) return port;
  }
  throw new Error('no port free on both 127.0.0.1 and ::1');
}

/** Resolves once something accepts connections on `[::1]:port` (up to 10 s). */
async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '::1', port }, () => {
        socket.destroy();
        resolve(true);
      }).once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on [::1]:${port} after 10 s`);
}
