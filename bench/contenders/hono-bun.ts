/**
 * Contender: Hono's bench app on `Bun.serve`, the server Hono's docs give for Bun. Started with Bun by
 * the harness; never imported in-process. Its session cookie is signed with a synchronous HMAC: with
 * Web Crypto's, `Bun.serve` dropped every pipelined connection (see `hono-signed-cookie.ts`).
 */
import { serveOnBun } from './bun-serve.js';
import { createHonoApp } from './hono-app.js';
import { syncHmacCookies } from './hono-signed-cookie.js';

serveOnBun(createHonoApp(syncHmacCookies).fetch);
