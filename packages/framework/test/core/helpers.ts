// Shared by the core tests: an app served by the in-memory transport, a logger that keeps its lines, a bare scope.
import type { HttpScope, Logger, MemoryTransport, MemoryTransportOptions, Receive } from '@flagon/gateway';
import { createMemoryTransport, SPEC_VERSION } from '@flagon/gateway';
import { afterEach } from 'vitest';
import type { Flagon } from '../../src/index.js';

const open: MemoryTransport[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((transport) => transport.close()));
});

/** The app behind a memory transport, closed after the test. */
export async function serve(
  app: Flagon<object, object, object>,
  options: MemoryTransportOptions = {},
): Promise<MemoryTransport> {
  const transport = createMemoryTransport(app, options);
  open.push(transport);
  await transport.open();
  return transport;
}

/** A logger that records `LEVEL message` lines (with each detail's message) for assertions. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (message: string, ...details: unknown[]) => {
      const extra = details.map((d) => (d instanceof Error ? ` ${d.message}` : ` ${String(d)}`)).join('');
      lines.push(`${level} ${message}${extra}`);
    };
  return { lines, debug: at('DEBUG'), info: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}

/** An http scope for `path` as a server would give it, with no headers. */
export function plainScope(path: string): HttpScope {
  return {
    type: 'http',
    gateway: { version: SPEC_VERSION },
    httpVersion: '1.1',
    method: 'GET',
    scheme: 'http',
    path,
    rawPath: path,
    queryString: '',
    rootPath: '',
    headers: [],
    client: null,
    server: null,
    state: {},
    extensions: {},
    signal: new AbortController().signal,
    drain: new AbortController().signal,
  };
}

/** A request without a body. */
export const noBody: Receive = async () => ({ type: 'http.request', body: new Uint8Array(), more: false });
