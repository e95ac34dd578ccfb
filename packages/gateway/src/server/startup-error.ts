import { LifespanStartupError } from '../errors.js';
import { AppLoadError } from '../loader/index.js';
import type { Logger } from '../logger.js';

/**
 * Logs why a server could not start, in the words its user needs: the app's own message for a failed
 * lifespan startup, the loader's for an app that cannot be loaded, the system's for a port that cannot
 * be opened (no stack: the message says it all), and the stack for anything else. Returns the one-line
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
    logger.error(error.message);
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
