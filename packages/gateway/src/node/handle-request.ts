import type { IncomingMessage, ServerResponse } from 'node:http';
import { targetUnderRoot } from '../root-path.js';
import { answerBeforeApp } from './answer-before-app.js';
import { Exchange } from './exchange.js';
import type { BridgeConfig } from './options.js';
import { checkRequestHead } from './request-head.js';
import { parseRequestTarget } from './request-target.js';

/**
 * The Node bridge: turns one `(IncomingMessage, ServerResponse)` into a scope, a `receive` and a `send`,
 * calls the app and enforces the spec around it (400/413 before the app, 500 or a cut connection after an
 * app error, disconnects, drain notices). `toNodeHandler` and the reference server both go through here.
 * `expectsContinue`: Node handed the request over through `checkContinue`, so no `100 Continue` went out
 * yet; it goes out when the app first reads the body, never before a 413 (see `Exchange`).
 *
 * @example
 * ```ts
 * const config = resolveBridgeConfig(app, { maxBodySize: 1 << 20 });
 * http.createServer((req, res) => handleNodeRequest(config, req, res));
 * ```
 */
export function handleNodeRequest(
  config: BridgeConfig,
  req: IncomingMessage,
  res: ServerResponse,
  expectsContinue = false,
): void {
  const head = checkRequestHead(req, config.maxHeaderCount);
  if (typeof head !== 'string') {
    answerBeforeApp(config, req, res, head.status, head.reason);
    return;
  }
  const target = parseRequestTarget(config.rootPath === '' ? head : targetUnderRoot(head, config.rootPath));
  if (target === null) {
    answerBeforeApp(config, req, res, 400, 'invalid request target');
    return;
  }
  const { headers } = req;
  const length = headers['content-length'];
  // Refused before the app runs; the unread body is why the connection closes after the answer.
  if (length !== undefined && Number(length) > config.maxBodySize) {
    answerBeforeApp(config, req, res, 413, `Content-Length over ${config.maxBodySize} bytes`);
    return;
  }
  const hasBody = headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  // Without a body there is nothing to hold back: the client gets its 100 at once, as Node would give it.
  if (expectsContinue && !hasBody) res.writeContinue();
  new Exchange(config, req, res, target, hasBody, expectsContinue && hasBody).run();
}
