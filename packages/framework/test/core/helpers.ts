// Shared by the core tests: an app served by the in-memory transport, and a logger that keeps its lines.
import type { Logger, MemoryTransport, MemoryTransportOptions } from '@flagon/gateway';
import { createMemoryTransport } from '@flagon/gateway';
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
