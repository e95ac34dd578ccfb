import { HTTPException } from '../errors.js';

/**
 * The 403 a request refused by CSRF protection gets, its message saying what was missing or wrong
 * (`CSRF token missing`, `CSRF token invalid`, `Origin https://evil.example does not match ...`).
 * An app may answer it with its own page: `app.errorHandler(CSRFError, ...)`.
 *
 * @example
 * ```ts
 * app.errorHandler(CSRFError, (c, error) => html(`<p>Refused: ${error.message}. Reload the form.</p>`));
 * ```
 */
export class CSRFError extends HTTPException {
  constructor(message: string) {
    super(403, message);
    this.name = 'CSRFError';
  }
}
