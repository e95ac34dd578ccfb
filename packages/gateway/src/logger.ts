/** The levels a server logs at, most verbose first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where servers and transports write what happened. Anything with these four methods will do. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/**
 * A logger that writes `LEVEL message` lines to a stream (stderr by default), dropping levels below `level`.
 *
 * @example
 * ```ts
 * const log = createLogger('info');
 * log.debug('not shown');
 * log.info('listening'); // "[flagon] INFO listening"
 * ```
 */
export function createLogger(level: LogLevel = 'info', write: (line: string) => void = writeStderr): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const at = (name: Exclude<LogLevel, 'silent'>) => {
    if (LOG_LEVELS.indexOf(name) < threshold) return () => {};
    const tag = name.toUpperCase();
    return (message: string, ...details: unknown[]) => {
      const extra = details.map((d) => (d instanceof Error ? `\n${d.stack ?? d.message}` : ` ${String(d)}`));
      write(`[flagon] ${tag} ${message}${extra.join('')}\n`);
    };
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger that drops everything. */
export const silentLogger: Logger = createLogger('silent');

// Runtime-neutral: Node, Bun and Deno have process.stderr; anything else falls back to the console.
function writeStderr(line: string): void {
  const stderr = (globalThis as { process?: { stderr?: { write(s: string): unknown } } }).process?.stderr;
  if (stderr) stderr.write(line);
  else console.error(line.trimEnd());
}
