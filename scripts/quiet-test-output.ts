// A green run reads green: a test whose code prints a stack trace or a server log line fails, showing
// what it printed (give servers a captured or silent logger; see packages/gateway/test/node/helpers.ts).
import { format } from 'node:util';
import { afterEach, beforeEach } from 'vitest';

/** A stack frame (`    at fn (file:1:2)`) or a line of Flagon's logger or access log. */
const NOISE =
  /^\s+at .*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$|\[flagon\] (DEBUG|INFO|WARN|ERROR) |^\S+ - - \[[^\]]+\] "/m;

let printed = '';

for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    printed += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk as Uint8Array);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

// Vitest's console does not go through process.stdout: watch it on its own.
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  const print = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    printed += `${format(...args)}\n`;
    print(...args);
  };
}

beforeEach(() => {
  printed = '';
});

afterEach(() => {
  const noise = printed;
  printed = '';
  if (NOISE.test(noise)) {
    throw new Error(`this test printed a stack trace or log lines; capture them instead:\n${noise}`);
  }
});
