/**
 * The rules `validate()` enforces, one entry per check. Errors and `docs/validate.md` quote these words, so
 * the table is the single place a rule is phrased. `by` says whose mistake a violation is: the server's
 * (scope and `receive` events) or the app's (`send` events, `receive` use, its own lifecycle). `tag` is the
 * rule's tag in `docs/gateway-spec.md` where the spec gives it one.
 */

/** Who broke a rule: the server that called the app, or the app itself. */
export type Blame = 'server' | 'app';

/** One rule of the spec lint. */
export interface Rule {
  /** Section of `docs/gateway-spec.md`, e.g. `"3.2"`. */
  readonly section: string;
  /** The spec's tag for the rule, e.g. `"A-STATUS"`, when it has one. */
  readonly tag?: string;
  readonly by: Blame;
  /** What must hold, phrased to follow "<where>: ". */
  readonly text: string;
}

export const RULES = {
  // §1 the call itself
  'call-arguments': {
    section: '1',
    by: 'server',
    text: 'the app must be called with a scope object, a receive function and a send function',
  },
  'scope-type': { section: '1', by: 'server', text: 'type must be "http" or "lifespan" in spec 1.0' },
  'gateway-version': { section: '1', by: 'server', text: 'gateway.version must be a "1.x" version string' },
  'receive-concurrent': {
    section: '1',
    tag: 'A-NO-CONCURRENT-RECEIVE',
    by: 'app',
    text: 'receive must not be called while an earlier call is pending',
  },

  // §2 the http scope
  'http-version': { section: '2', by: 'server', text: 'httpVersion must be "1.0", "1.1", "2" or "3"' },
  'method-token': { section: '2', by: 'server', text: 'method must be an uppercase HTTP token' },
  scheme: { section: '2', by: 'server', text: 'scheme must be "http" or "https"' },
  'path-absolute': { section: '2', by: 'server', text: 'path must be a string that starts with /' },
  'raw-path-absolute': {
    section: '2',
    by: 'server',
    text: 'rawPath must be a string that starts with / and holds no ?',
  },
  'query-string': { section: '2', by: 'server', text: 'queryString must be a string without a leading ?' },
  'root-path': {
    section: '2',
    by: 'server',
    text: 'rootPath must be "" or a string that starts with / and does not end with /',
  },
  'scope-header-list': {
    section: '2',
    tag: 'S-HEADERS',
    by: 'server',
    text: 'headers must be an array of [name, value] string pairs',
  },
  'scope-header-name': {
    section: '2',
    tag: 'S-HEADERS',
    by: 'server',
    text: 'header names must be lowercase HTTP tokens',
  },
  'scope-header-value': {
    section: '2',
    tag: 'S-HEADERS',
    by: 'server',
    text: 'header values must not contain CR, LF or NUL',
  },
  address: {
    section: '2',
    by: 'server',
    text: 'client and server must be null or { host: string, port: an integer from 0 to 65535, or null }',
  },
  'state-object': { section: '2', tag: 'S-STATE-COPY', by: 'server', text: 'state must be a plain object' },
  'extensions-object': {
    section: '5',
    by: 'server',
    text: 'extensions must be an object whose entries are objects, and tasks.waitUntil a function',
  },
  'abort-signals': { section: '2', by: 'server', text: 'signal and drain must be AbortSignals' },

  // §3.1 receive events (the server's side)
  'receive-event': {
    section: '3.1',
    by: 'server',
    text: 'receive must resolve with an http.request, http.drain or http.disconnect event',
  },
  'request-body-type': {
    section: '3.1',
    tag: 'S-BODY-ORDER',
    by: 'server',
    text: 'http.request body must be a Uint8Array',
  },
  'request-more-type': {
    section: '3.1',
    tag: 'S-BODY-ORDER',
    by: 'server',
    text: 'http.request more must be a boolean',
  },
  'request-after-final': {
    section: '3.1',
    tag: 'S-AFTER-BODY',
    by: 'server',
    text: 'no http.request may follow the final one (more: false)',
  },
  'drain-deadline': {
    section: '3.1',
    by: 'server',
    text: 'http.drain deadline must be a number (epoch milliseconds) or null',
  },
  'drain-after-body': {
    section: '3.4',
    tag: 'S-DRAIN',
    by: 'server',
    text: 'http.drain must not come before the final http.request',
  },
  'drain-once': { section: '3.4', tag: 'S-DRAIN', by: 'server', text: 'http.drain must come at most once' },
  'drain-signal': {
    section: '3.4',
    tag: 'S-DRAIN',
    by: 'server',
    text: 'scope.drain must be aborted by the time http.drain is delivered',
  },
  'disconnect-reason': {
    section: '3.1',
    by: 'server',
    text: 'http.disconnect reason must be "client-closed", "write-timeout", "heartbeat", "server-closed" or "response-complete"',
  },
  'disconnect-sticky': {
    section: '3.1',
    tag: 'S-DISCONNECT-STICKY',
    by: 'server',
    text: 'after http.disconnect, receive must resolve with http.disconnect only',
  },
  'disconnect-signal': {
    section: '3.3',
    tag: 'S-DISCONNECT',
    by: 'server',
    text: 'scope.signal must be aborted with a ClientDisconnectedError by the time http.disconnect (other than response-complete) is delivered',
  },
  'complete-signal': {
    section: '3.1',
    tag: 'S-RESPONSE-COMPLETE',
    by: 'server',
    text: 'scope.signal must not be aborted for a response-complete disconnect',
  },
  'receive-after-response': {
    section: '3.1',
    tag: 'S-RESPONSE-COMPLETE',
    by: 'server',
    text: 'once the response is complete, receive must resolve with http.disconnect (response-complete)',
  },
  'send-after-abort': {
    section: '3.3',
    tag: 'S-DISCONNECT',
    by: 'server',
    text: 'send must reject with ClientDisconnectedError once scope.signal is aborted',
  },

  // §3.2 send events (the app's side)
  'event-type': {
    section: '3.2',
    by: 'app',
    text: 'events must be objects whose type is a send event of this scope type',
  },
  'start-once': {
    section: '3.2',
    tag: 'A-START-ONCE',
    by: 'app',
    text: 'http.response.start must be sent exactly once',
  },
  'start-before-body': {
    section: '3.2',
    tag: 'A-START-ONCE',
    by: 'app',
    text: 'http.response.start must come before any body, file or trailers event',
  },
  'status-range': {
    section: '3.2',
    tag: 'A-STATUS',
    by: 'app',
    text: 'status must be an integer from 100 to 599',
  },
  'status-final': {
    section: '3.2',
    tag: 'A-STATUS',
    by: 'app',
    text: 'status must not be 1xx: informational responses go through extensions (103 through http.response.early_hints)',
  },
  'header-list': {
    section: '3.2',
    tag: 'A-HEADER-NAME',
    by: 'app',
    text: 'headers must be an array of [name, value] string pairs',
  },
  'header-name': {
    section: '3.2',
    tag: 'A-HEADER-NAME',
    by: 'app',
    text: 'header names must be lowercase HTTP tokens',
  },
  'header-value': {
    section: '3.2',
    tag: 'A-HEADER-VALUE',
    by: 'app',
    text: 'header values may hold tab, printable ASCII and U+0080 to U+00FF only (no CR, LF, NUL or other controls)',
  },
  'boolean-flag': { section: '3.2', by: 'app', text: 'more and trailers must be booleans when present' },
  'body-type': {
    section: '3.2',
    tag: 'A-BODY-TYPE',
    by: 'app',
    text: 'body must be a Uint8Array or a string when present',
  },
  'content-length-match': {
    section: '3.2',
    tag: 'A-CONTENT-LENGTH',
    by: 'app',
    text: 'a body must be exactly as many bytes as the content-length the app set (HEAD, 204 and 304 send none)',
  },
  'event-changed': {
    section: '3.2',
    tag: 'A-EVENT-OWNED',
    by: 'app',
    text: 'a sent event, and the headers and bytes it holds, must not change until the response is complete',
  },
  'nothing-after-end': {
    section: '3.2',
    tag: 'A-NOTHING-AFTER-END',
    by: 'app',
    text: 'nothing may be sent after the final body event, except announced trailers',
  },
  'nothing-after-disconnect': {
    section: '3.2',
    tag: 'A-NOTHING-AFTER-DISCONNECT',
    by: 'app',
    text: 'nothing may be sent after receive resolved with http.disconnect',
  },
  'response-incomplete': {
    section: '3.2',
    tag: 'A-COMPLETE',
    by: 'app',
    text: 'the app must complete the response it started before its promise resolves',
  },
  'no-response': {
    section: '3.2',
    tag: 'A-COMPLETE',
    by: 'app',
    text: 'the app must send a response before its promise resolves',
  },

  // §5 extensions
  'extension-offered': {
    section: '5',
    tag: 'A-EXTENSION-OFFERED',
    by: 'app',
    text: 'the events of an extension need the extension in scope.extensions',
  },
  'trailers-announced': {
    section: '5',
    by: 'app',
    text: 'http.response.trailers needs a start with trailers: true',
  },
  'trailers-after-body': {
    section: '5',
    by: 'app',
    text: 'http.response.trailers must come after the final body event',
  },
  'file-path': { section: '5', by: 'app', text: 'path must be an absolute file path' },
  'file-range': {
    section: '5',
    by: 'app',
    text: 'offset and length must be non-negative integers when present',
  },
  'early-hints-before-start': {
    section: '5',
    by: 'app',
    text: 'http.response.early_hints must come before http.response.start',
  },
  'wait-until-task': { section: '5', by: 'app', text: 'tasks.waitUntil takes a promise (a thenable)' },

  // §4 lifespan
  'lifespan-receive-order': {
    section: '4',
    by: 'server',
    text: 'lifespan receive must resolve with lifespan.startup first, then lifespan.shutdown once startup completed',
  },
  'lifespan-startup-order': {
    section: '4',
    tag: 'A-LIFESPAN-ORDER',
    by: 'app',
    text: 'lifespan.startup.complete or .failed must be sent once, only after receiving lifespan.startup',
  },
  'lifespan-shutdown-order': {
    section: '4',
    tag: 'A-LIFESPAN-ORDER',
    by: 'app',
    text: 'lifespan.shutdown.complete or .failed must be sent once, only after receiving lifespan.shutdown',
  },
  'lifespan-after-failed': {
    section: '4',
    tag: 'A-LIFESPAN-ORDER',
    by: 'app',
    text: 'nothing may be sent after lifespan.startup.failed or lifespan.shutdown.failed',
  },
  'lifespan-failed-message': {
    section: '4',
    by: 'app',
    text: 'lifespan.startup.failed and lifespan.shutdown.failed must carry a string message',
  },
} as const satisfies Record<string, Rule>;

/** A rule's stable kebab-case id, e.g. `"status-range"`. */
export type RuleId = keyof typeof RULES;

/** Every rule id, in table order. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/**
 * Where a rule lives in the spec, as errors and docs quote it: `§3.2 [A-STATUS]`.
 *
 * @example
 * ```ts
 * specReference('status-range'); // "§3.2 [A-STATUS]"
 * ```
 */
export function specReference(id: RuleId): string {
  const rule: Rule = RULES[id];
  return rule.tag ? `§${rule.section} [${rule.tag}]` : `§${rule.section}`;
}
