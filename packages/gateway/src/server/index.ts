/**
 * `@flagon/gateway/server`: the reference server (`serve`), on `node:http`. The `flagon-gateway` CLI in
 * `cli.ts` runs it.
 */

export type { AccessLog } from './access-log.js';
export { createAccessLog } from './access-log.js';
export type { AccessLogFormatter } from './access-log-format.js';
export {
  ACCESS_LOG_ATOMS,
  AccessLogFormatError,
  compileAccessLogFormat,
  DEFAULT_ACCESS_LOG_FORMAT,
} from './access-log-format.js';
export type { BoundSocket, ListenTarget } from './bind.js';
export { bindSocket, clearStaleSocket, parseBind } from './bind.js';
export { reportClientErrors } from './client-errors.js';
export { handleProcessFaults } from './faults.js';
export { withProxyHeaders } from './forwarded-scope.js';
export { drainGracefully } from './graceful.js';
export { boundAddress, listen, listeningUrl, urlOf } from './listen.js';
export type { ResolvedServeOptions, ServeOptions } from './options.js';
export { resolveServeOptions, SERVE_DEFAULTS } from './options.js';
export { disablePretenuring } from './pretenuring.js';
export type { ForwardedInfo } from './proxy-headers.js';
export { forwardedInfo } from './proxy-headers.js';
export type { GatewayHandler } from './request-handler.js';
export { createGatewayHandler } from './request-handler.js';
export type { RunningServer } from './serve.js';
export { serve } from './serve.js';
export { exitOnSignals } from './signals.js';
export type { StoppableServer } from './stoppable.js';
export type { TrustedProxies } from './trusted-proxies.js';
export { parseTrustedProxies } from './trusted-proxies.js';
