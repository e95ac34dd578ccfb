/**
 * Fastify's side of the small-app scenarios (session, page, static), each with the plugin a Fastify user
 * reaches for. Each group of routes is its own encapsulated plugin, as Fastify recommends, so that a
 * plugin's hooks run for its routes only and leave the other scenarios' numbers alone.
 *
 * - session: `@fastify/cookie` signed cookies (HMAC-SHA256, like Flagon's and Flask's session). Not
 *   `@fastify/secure-session`, which encrypts (XSalsa20-Poly1305): more than signing, so not the same work.
 * - page: `@fastify/flash` needs a session plugin that it names itself, `@fastify/secure-session`; CSRF by
 *   `@fastify/csrf-protection` keeping its secret in that session; eta through `@fastify/view`.
 * - static: `@fastify/static`.
 */
import { createHash } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFlash from '@fastify/flash';
import fastifySecureSession from '@fastify/secure-session';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { FastifyInstance } from 'fastify';
import {
  csrfFieldHtml,
  FLASH_CATEGORY,
  FLASH_MESSAGE,
  type FlashMessage,
  PAGE_TEMPLATE,
  pageData,
  pageEta,
  TEMPLATES_DIR,
} from '../app/page-template.js';
import { FLASHED, PATHS } from '../app/payloads.js';
import {
  counterAnswer,
  countOf,
  parseSession,
  SECRET_KEY,
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
} from '../app/session.js';
import { STATIC_DIR, STATIC_URL_PREFIX } from '../app/static-file.js';

const COOKIE_OPTIONS = {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  maxAge: SESSION_MAX_AGE_SECONDS,
} as const;

async function sessionRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCookie, { secret: SECRET_KEY });
  app.get(PATHS.session, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    const unsigned = cookie === undefined ? undefined : request.unsignCookie(cookie);
    const count = countOf(unsigned?.valid && unsigned.value !== null ? parseSession(unsigned.value) : {}) + 1;
    reply.setCookie(SESSION_COOKIE, JSON.stringify({ count }), { ...COOKIE_OPTIONS, signed: true });
    return counterAnswer(count);
  });
}

async function pageRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifySecureSession, {
    cookieName: SESSION_COOKIE,
    // secure-session wants a 32-byte key: derived from the shared secret.
    key: createHash('sha256').update(SECRET_KEY).digest(),
    cookie: COOKIE_OPTIONS,
  });
  await app.register(fastifyFlash);
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/secure-session' });
  await app.register(fastifyView, { engine: { eta: pageEta() }, root: TEMPLATES_DIR });

  app.get(PATHS.flash, async (request, reply) => {
    request.flash(FLASH_CATEGORY, FLASH_MESSAGE);
    reply.generateCsrf();
    return FLASHED;
  });
  app.get(PATHS.page, async (_request, reply) => {
    const flashes = (): FlashMessage[] =>
      Object.entries(reply.flash() as Record<string, string[]>).flatMap(([category, messages]) =>
        messages.map((message) => ({ category, message })),
      );
    return reply.viewAsync(PAGE_TEMPLATE, pageData(flashes, csrfFieldHtml(reply.generateCsrf())));
  });
}

async function staticRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: STATIC_URL_PREFIX });
}

/**
 * Registers the session, page and static routes on `app`.
 *
 * @example
 * ```ts
 * await registerSmallApp(app);
 * ```
 */
export async function registerSmallApp(app: FastifyInstance): Promise<void> {
  await app.register(sessionRoutes);
  await app.register(pageRoutes);
  await app.register(staticRoutes);
}
