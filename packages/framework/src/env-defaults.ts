import type { FlagonOptions } from './app-options.js';
import type { BuiltinConfig } from './builtin-config.js';
import { toBoolean, toByteSize } from './config.js';

/** The environment variables a new app reads by itself, and the built-in setting each one gives. */
const ENV_SETTINGS = [
  { variable: 'FLAGON_DEBUG', key: 'DEBUG', option: 'debug', check: toBoolean },
  { variable: 'FLAGON_MAX_BODY_SIZE', key: 'MAX_BODY_SIZE', option: 'maxBodySize', check: toByteSize },
] as const;

/**
 * The built-in settings the environment gives a new app (`FLAGON_DEBUG`, `FLAGON_MAX_BODY_SIZE`), for
 * those `options` leaves unset (`debug`/`maxBodySize` or the same key in `config`): under any server or
 * CLI, `FLAGON_DEBUG=1` turns debug mode on without the app calling `config.fromEnv()`. A value the
 * setting refuses throws a `TypeError` naming the variable.
 *
 * @example
 * ```ts
 * envDefaults({ debug: true }); // {} even with FLAGON_DEBUG=0: the code's choice stands
 * ```
 */
export function envDefaults(options: FlagonOptions<object, object>): Partial<BuiltinConfig> {
  const explicit = (options.config ?? {}) as Record<string, unknown>;
  const found: Record<string, unknown> = {};
  for (const { variable, key, option, check } of ENV_SETTINGS) {
    if (options[option] !== undefined || Object.hasOwn(explicit, key)) continue;
    const raw = readEnv(variable);
    if (raw !== undefined && raw !== '') found[key] = check(variable, raw);
  }
  return found as Partial<BuiltinConfig>;
}

/**
 * One environment variable, read on any runtime: `process.env` on Node and Bun (and Deno's Node
 * compatibility); `undefined` where there is none, or where reading it is not allowed (Deno without
 * `--allow-env` throws).
 */
function readEnv(name: string): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    return undefined;
  }
}
