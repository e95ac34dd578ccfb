import type { UploadConfig } from './forms/upload-settings.js';
import type { SessionConfig } from './sessions/session-config.js';

// Apart from config.ts: the features' settings build on config.ts, and this gathers them.
/** The settings the framework itself reads (form and upload limits: docs/forms.md; sessions: `SessionConfig`). */
export interface BuiltinConfig extends UploadConfig, SessionConfig {
  /**
   * Debug mode: a 500 shows the error and its stack. Always a boolean: set from a string (the
   * environment), it must be `true`/`false`, `1`/`0`, `yes`/`no` or `on`/`off` (any case), else a `TypeError`.
   */
  DEBUG: boolean;
  /**
   * The request body limit in bytes (1 MiB by default); beyond it a request gets 413. A non-negative
   * integer, or `Infinity` for no limit; from a string (the environment), decimal digits only.
   */
  MAX_BODY_SIZE: number;
  /**
   * How deep arrays/objects may nest in a JSON request body (128 by default); deeper, `json()` answers
   * 400 before parsing. A non-negative integer, or `Infinity` (or 0) for no limit.
   */
  MAX_JSON_DEPTH: number;
}
