import type { FlagonOptions } from './app-options.js';
import type { BuiltinConfig } from './builtin-config.js';
import { Config, defineChecked, toBoolean, toByteSize, toDepthLimit } from './config.js';
import { envDefaults } from './env-defaults.js';
import { defineUploadConfig } from './forms/upload-settings.js';
import { DEFAULT_MAX_JSON_DEPTH } from './http/json-depth.js';
import { DEFAULT_MAX_BODY_SIZE } from './request.js';
import { setUpSessions } from './sessions/install.js';

/**
 * A new app's config: the checked built-in keys, the session settings (which turn sessions and CSRF on
 * in `app` once there is a key), then the environment's defaults, `options.config`, `debug` and
 * `maxBodySize`, in that order.
 *
 * @example
 * ```ts
 * const config = appConfig(app, { config: { GREETING: 'Hello' }, debug: true });
 * ```
 */
export function appConfig(
  app: Parameters<typeof setUpSessions>[0],
  options: FlagonOptions<object, object>,
): Config & BuiltinConfig {
  const config = new Config() as Config & BuiltinConfig;
  // Checked on every assignment (options, `update`, `fromEnv`, `config.DEBUG = ...`), so a bad value
  // fails at configuration time instead of turning debug on or the body limit off.
  defineChecked(config, 'DEBUG', false, toBoolean);
  defineChecked(config, 'MAX_BODY_SIZE', DEFAULT_MAX_BODY_SIZE, toByteSize);
  defineChecked(config, 'MAX_JSON_DEPTH', DEFAULT_MAX_JSON_DEPTH, toDepthLimit);
  defineUploadConfig(config);
  // SECRET_KEY & co.; a key (now or set later) or a store turns sessions and CSRF protection on.
  setUpSessions(app, config, { store: options.sessionStore, schema: options.session });
  // FLAGON_DEBUG and FLAGON_MAX_BODY_SIZE, for what the code leaves unset: the CLI and servers pass them.
  config.update(envDefaults(options));
  config.update(options.config ?? {});
  if (options.debug !== undefined) config.DEBUG = options.debug;
  if (options.maxBodySize !== undefined) config.MAX_BODY_SIZE = options.maxBodySize;
  return config;
}
