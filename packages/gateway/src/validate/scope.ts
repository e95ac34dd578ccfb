import type { HttpScope, Scope } from '../types.js';
import { isObject, isPlainObject } from './guards.js';
import { checkHeaderList, SCOPE_HEADER_RULES } from './headers.js';
import type { Report } from './violations.js';

const HTTP_VERSIONS = ['1.0', '1.1', '2', '3'];
const UPPERCASE_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Z]+$/;
const FLAG_EXTENSIONS = ['trailers', 'file', 'earlyHints'] as const;

/**
 * Checks what every call must carry (a scope object with a known type, a gateway version and a state
 * object; a receive and a send function), then the keys of its scope type. Throws the first violation.
 *
 * @example
 * ```ts
 * checkCall(scope, receive, send, report); // now `scope` is a well-formed Scope
 * ```
 */
export function checkCall(
  scope: unknown,
  receive: unknown,
  send: unknown,
  report: Report,
): asserts scope is Scope {
  if (!isObject(scope) || typeof receive !== 'function' || typeof send !== 'function') {
    throw report('call-arguments', 'app(scope, receive, send)', { scope, receive, send });
  }
  if (scope.type !== 'http' && scope.type !== 'lifespan') throw report('scope-type', 'scope', scope.type);
  const version = isObject(scope.gateway) ? scope.gateway.version : undefined;
  if (typeof version !== 'string' || !/^1\.\d+$/.test(version)) {
    throw report('gateway-version', 'scope', scope.gateway);
  }
  if (!isPlainObject(scope.state)) throw report('state-object', 'scope', scope.state);
  // A lifespan scope has only type, gateway and state, all checked above.
  if (scope.type === 'http') checkHttpScope(scope as Partial<Record<keyof HttpScope, unknown>>, report);
}

function checkHttpScope(scope: Partial<Record<keyof HttpScope, unknown>>, report: Report): void {
  const { httpVersion, method, scheme, path, rawPath, queryString, rootPath } = scope;
  if (typeof httpVersion !== 'string' || !HTTP_VERSIONS.includes(httpVersion)) {
    throw report('http-version', 'scope', httpVersion);
  }
  if (typeof method !== 'string' || !UPPERCASE_TOKEN.test(method)) {
    throw report('method-token', 'scope', method);
  }
  if (scheme !== 'http' && scheme !== 'https') throw report('scheme', 'scope', scheme);
  if (typeof path !== 'string' || !path.startsWith('/')) throw report('path-absolute', 'scope', path);
  if (typeof rawPath !== 'string' || !rawPath.startsWith('/') || rawPath.includes('?')) {
    throw report('raw-path-absolute', 'scope', rawPath);
  }
  if (typeof queryString !== 'string' || queryString.startsWith('?')) {
    throw report('query-string', 'scope', queryString);
  }
  if (
    typeof rootPath !== 'string' ||
    (rootPath !== '' && (!rootPath.startsWith('/') || rootPath.endsWith('/')))
  ) {
    throw report('root-path', 'scope', rootPath);
  }
  checkHeaderList(scope.headers, 'scope.headers', SCOPE_HEADER_RULES, report);
  for (const key of ['client', 'server'] as const) {
    if (!isAddress(scope[key])) throw report('address', `scope.${key}`, scope[key]);
  }
  if (!isExtensions(scope.extensions)) throw report('extensions-object', 'scope', scope.extensions);
  for (const key of ['signal', 'drain'] as const) {
    if (!(scope[key] instanceof AbortSignal)) throw report('abort-signals', `scope.${key}`, scope[key]);
  }
}

function isAddress(value: unknown): boolean {
  if (value === null) return true;
  if (!isObject(value) || typeof value.host !== 'string') return false;
  const { port } = value;
  return port === null || (Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535);
}

function isExtensions(value: unknown): boolean {
  if (!isObject(value) || Array.isArray(value)) return false;
  if (FLAG_EXTENSIONS.some((key) => value[key] !== undefined && !isObject(value[key]))) return false;
  const { tasks } = value;
  return tasks === undefined || (isObject(tasks) && typeof tasks.waitUntil === 'function');
}
