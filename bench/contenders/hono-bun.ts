/**
 * Contender: Hono's bench app on `Bun.serve`, the server Hono's docs give for Bun. Started with Bun by
 * the harness; never imported in-process.
 */
import { serveOnBun } from './bun-serve.js';
import { app } from './hono-app.js';

serveOnBun(app.fetch);
