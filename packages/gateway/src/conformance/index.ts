/**
 * `@flagon/gateway/conformance`: checks a gateway server against every MUST of the spec over real HTTP.
 * Register the checks with a test runner (`defineConformanceSuite`) or run them for a report
 * (`runConformance`). Node only: the clients use `node:http` and `node:net`.
 */
export { CONFORMANCE_CHECKS } from './checks/index.js';
export type { ClientRequestOptions, HttpExchange, RawExchange } from './client.js';
export { CheckClient, decodeChunked, headerOf, parseRawResponse } from './client.js';
export { Mailbox } from './mailbox.js';
export { runConformance, selectChecks } from './run.js';
export { runCheck } from './run-check.js';
export type { TestRunner } from './suite.js';
export { defineConformanceSuite } from './suite.js';
export type {
  CheckContext,
  CheckResult,
  CheckStatus,
  ConformanceCheck,
  ConformanceOptions,
  ConformanceReport,
  ConformanceTarget,
  ServerUnderTest,
  StartServer,
} from './types.js';
