import type { output, ZodType } from 'zod';

/** An environment to read from: `process.env` or any record of strings. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/**
 * The app's configuration (Flask's `app.config`): the object given to `new Flagon({ config })`, plus
 * `DEBUG`, `MAX_BODY_SIZE` and `MAX_JSON_DEPTH`, plus loaders. Keys are plain properties, typed from what was given.
 *
 * @example
 * ```ts
 * const app = new Flagon({ config: { SECRET: 'dev' } });
 * app.config.SECRET; // string
 * app.config.fromEnv('FLAGON_', { FLAGON_SECRET: 'prod', FLAGON_DEBUG: 'true' });
 * ```
 */
export class Config {
  /**
   * Sets every entry of `values` (own enumerable keys) on the config; returns the config, typed with them.
   * All or nothing: when a checked setting (`DEBUG`, `MAX_BODY_SIZE`, `MAX_JSON_DEPTH`) refuses its
   * value, nothing is set.
   *
   * @example
   * ```ts
   * app.config.update({ MAX_BODY_SIZE: 10 * 1024 * 1024, UPLOAD_DIR: '/srv/uploads' });
   * ```
   */
  update<V extends object>(values: V): this & V {
    // All or nothing: a value a checked setting refuses throws before any key is set.
    Object.assign(this, checkedCopy(this, values as Record<string, unknown>));
    return this as this & V;
  }

  /**
   * Loads every variable of `env` (default `process.env`) whose name starts with `prefix`, the prefix
   * removed: `FLAGON_DEBUG=1` sets `DEBUG`. Without a schema each value is parsed as JSON when it can be
   * (`1` → 1, `true` → true, `{"a":1}` → an object) and kept as a string otherwise (Flask's rule), but
   * the checked built-in keys (`DEBUG`, `MAX_BODY_SIZE`, `MAX_JSON_DEPTH`) get the raw string and parse it strictly,
   * throwing a `TypeError` for a value they do not accept (`FLAGON_DEBUG=maybe`). With a
   * zod schema the raw strings are validated and coerced by it (use `z.coerce`), and the result is typed;
   * a failure throws an `Error` listing the bad variables.
   *
   * @example
   * ```ts
   * const config = app.config.fromEnv('FLAGON_', process.env, z.object({ PORT: z.coerce.number().default(8000) }));
   * config.PORT; // number
   * ```
   */
  fromEnv(prefix?: string, env?: EnvVars): this;
  fromEnv<Schema extends ZodType>(
    prefix: string | undefined,
    env: EnvVars | undefined,
    schema: Schema,
  ): this & output<Schema>;
  fromEnv(prefix = 'FLAGON_', env: EnvVars = processEnv(), schema?: ZodType): this {
    const raw: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
      if (value !== undefined && name.startsWith(prefix) && name.length > prefix.length) {
        raw[name.slice(prefix.length)] = value;
      }
    }
    if (schema === undefined) {
      const values: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw))
        values[key] = isChecked(this, key) ? value : parseLoose(value);
      return this.update(values);
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      const problems = result.error.issues.map(
        (issue) => `${prefix}${issue.path.join('.')}: ${issue.message}`,
      );
      throw new Error(`Invalid configuration from the environment:\n  ${problems.join('\n  ')}`);
    }
    return this.update(result.data as object);
  }
}

/**
 * Makes `key` of `config` a checked setting: an enumerable property whose every assignment (`update`,
 * `fromEnv`, `config.KEY = ...`) goes through `check`, which returns the value to keep or throws.
 *
 * @example
 * ```ts
 * defineChecked(config, 'DEBUG', false, toBoolean);
 * ```
 */
export function defineChecked<T>(
  config: Config,
  key: string,
  initial: T,
  check: (name: string, value: unknown) => T,
): void {
  const checks = checksOf.get(config) ?? new Map<string, (name: string, value: unknown) => unknown>();
  checksOf.set(config, checks);
  checks.set(key, check);
  let current = initial;
  Object.defineProperty(config, key, {
    enumerable: true,
    get: () => current,
    set: (value: unknown) => {
      current = check(key, value);
    },
  });
}

// Pydantic's lax boolean spellings, without its one-letter ones (`t`, `y`): a typo must not pass.
const BOOLEAN_STRINGS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['1', true],
  ['yes', true],
  ['on', true],
  ['false', false],
  ['0', false],
  ['no', false],
  ['off', false],
]);

/**
 * `value` as a boolean setting: a boolean as is, a string by its spelling (`true`/`false`, `1`/`0`,
 * `yes`/`no`, `on`/`off`, any case); anything else throws a `TypeError` naming `name` and the value,
 * as a truthiness test would turn `DEBUG=False` into debug mode.
 *
 * @example
 * ```ts
 * toBoolean('DEBUG', 'Off'); // false
 * toBoolean('DEBUG', 'maybe'); // throws TypeError
 * ```
 */
export function toBoolean(name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const parsed = typeof value === 'string' ? BOOLEAN_STRINGS.get(value.trim().toLowerCase()) : undefined;
  if (parsed === undefined) {
    throw new TypeError(
      `${name} must be a boolean (or one of the strings true/false, 1/0, yes/no, on/off), got ${show(value)}`,
    );
  }
  return parsed;
}

/**
 * `value` as a size in bytes: a non-negative safe integer or `Infinity` (no limit), or a string of
 * decimal digits (from the environment). Anything else throws a `TypeError` naming `name` and the
 * value: a `NaN` or `'1MB'` limit would compare false with every size and so remove the limit.
 *
 * @example
 * ```ts
 * toByteSize('MAX_BODY_SIZE', '2048'); // 2048
 * toByteSize('MAX_BODY_SIZE', '1MB'); // throws TypeError
 * ```
 */
export function toByteSize(name: string, value: unknown): number {
  return toLimit(name, value, 'a size in bytes (a non-negative integer, or Infinity for no limit)');
}

/**
 * `value` as a JSON nesting limit: a non-negative safe integer, `Infinity` or 0 (no limit), or a string
 * of decimal digits (from the environment). Anything else throws a `TypeError` naming `name` and the value.
 *
 * @example
 * ```ts
 * toDepthLimit('MAX_JSON_DEPTH', '64'); // 64
 * toDepthLimit('MAX_JSON_DEPTH', 'deep'); // throws TypeError
 * ```
 */
export function toDepthLimit(name: string, value: unknown): number {
  return toLimit(name, value, 'a nesting depth (a non-negative integer, or Infinity or 0 for no limit)');
}

/**
 * `value` as a count limit (how many files or fields): a non-negative safe integer or `Infinity` (no
 * limit), or a string of decimal digits. Anything else throws a `TypeError` naming `name` and the value.
 *
 * @example
 * ```ts
 * toCount('MAX_FILES', '5'); // 5
 * toCount('MAX_FILES', 'many'); // throws TypeError
 * ```
 */
export function toCount(name: string, value: unknown): number {
  return toLimit(name, value, 'a count (a non-negative integer, or Infinity for no limit)');
}

// A NaN or '1MB' limit would compare false with every size and so remove the limit: refused instead.
function toLimit(name: string, value: unknown, what: string): number {
  const limit = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (
    typeof limit !== 'number' ||
    !(Number.isSafeInteger(limit) || limit === Number.POSITIVE_INFINITY) ||
    limit < 0
  ) {
    throw new TypeError(`${name} must be ${what}, got ${show(value)}`);
  }
  return limit;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The checked settings of each config (see `defineChecked`), by key. */
const checksOf = new WeakMap<Config, Map<string, (name: string, value: unknown) => unknown>>();

/** Whether `key` is a checked setting of `config` (see `defineChecked`), which parses its own strings. */
function isChecked(config: Config, key: string): boolean {
  return checksOf.get(config)?.has(key) === true;
}

/** `values` with every checked setting's value checked (and converted): throws before anything is set. */
function checkedCopy(config: Config, values: Record<string, unknown>): Record<string, unknown> {
  const checks = checksOf.get(config);
  if (checks === undefined) return values;
  const copy: Record<string, unknown> = { ...values };
  for (const [key, check] of checks) if (Object.hasOwn(copy, key)) copy[key] = check(key, copy[key]);
  return copy;
}

function parseLoose(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function processEnv(): EnvVars {
  return (globalThis as { process?: { env?: EnvVars } }).process?.env ?? {};
}
