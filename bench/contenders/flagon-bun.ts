/**
 * Contender: the Flagon framework's bench app through `toFetchHandler` on `Bun.serve`, against Hono on
 * `Bun.serve` (`hono-bun.ts`). Started with Bun by the harness; never imported in-process.
 */
import { serveOnBun } from './bun-serve.js';
import { benchFetchHandler } from './fetch-handler.js';
import { benchApp } from './flagon-app.js';

serveOnBun(await benchFetchHandler(benchApp));
