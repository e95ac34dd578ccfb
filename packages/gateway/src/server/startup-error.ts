import { LifespanStartupError } from '../errors.js';
import { AppLoadError } from '../loader/index.js';
import type { Logger } from '../logger.js';

/**
 * Logs why a server could not start, in the words its user needs: the app's own message for a failed
 * lifespan startup, the loader's for an app that cannot be loaded (followed by the stack of what the
 * module or factory threw, at every log level), the system's for a port that cannot be opened (no
 * stack: the message says it all), and the stack for anything else. Returns the one-line
 * message, for a supervisor to repeat.
 *
 * @example
 * ```ts
 * try { await serve(app); } catch (error) { logStartupError(logger, error); process.exit(1); }
 * ```
 */
export function logStartupError(logger: Logger, error: unknown): string {
  if (error instanceof LifespanStartupError) {
    const message = `Lifespan startup failed: ${error.message}`;
    logger.error(message);
    return message;
  }
  if (error instanceof AppLoadError) {
    // What the module threw, with its stack: the file:line of a throw at import, or of a syntax error,
    // is what the person at the terminal needs next; the loader's message alone loses it.
    if (error.cause instanceof Error) logger.error(error.message, error.cause);
    else logger.error(error.message);
    return error.message;
  }
  if (isSystemError(error)) {
    const message = `Cannot start the server: ${error.message}`; // e.g. EADDRINUSE
    logger.error(message);
    return message;
  }
  logger.error('Cannot start the server', error);
  return `Cannot start the server: ${error instanceof Error ? error.message : String(error)}`;
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
