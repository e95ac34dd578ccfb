import type { output, ZodType } from 'zod';

/** The settings the framework itself reads. */
export interface BuiltinConfig {
  /** Debug mode: a 500 shows the error and its stack. `FLAGON_DEBUG=1` / `true` turns it on. */
  DEBUG: boolean;
  /** The request body limit in bytes (1 MiB by default); beyond it a request gets 413. */
  MAX_BODY_SIZE: number;
}

/** An environment to read from: `process.env` or any record of strings. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The app's configuration (Flask's `app.config`): the object given to `new Flagon({ config })`, plus
 * `DEBUG` and `MAX_BODY_SIZE`, plus loaders. Keys are plain properties, typed from what was given.
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
   *
   * @example
   * ```ts
   * app.config.update({ MAX_BODY_SIZE: 10 * 1024 * 1024, UPLOAD_DIR: '/srv/uploads' });
   * ```
   */
  update<V extends object>(values: V): this & V {
    Object.assign(this, values);
    return this as this & V;
  }

  /**
   * Loads every variable of `env` (default `process.env`) whose name starts with `prefix`, the prefix
   * removed: `FLAGON_DEBUG=1` sets `DEBUG`. Without a schema each value is parsed as JSON when it can be
   * (`1` → 1, `true` → true, `{"a":1}` → an object) and kept as a string otherwise (Flask's rule). With a
   * zod schema the raw strings are validated and coerced by it (use `z.coerce`), and the result is typed;
   * a failure throws an `Error` listing the bad variables.
   *
   * @example
   * ```ts
   * const config = app.config.fromEnv('FLAGON_', process.env, z.object({ PORT: z.coerce.number().default(8000) }));
   * config.PORT; // number
   * ```
   */
  fromEnv(prefix?: string, env?: Env): this;
  fromEnv<Schema extends ZodType>(
    prefix: string | undefined,
    env: Env | undefined,
    schema: Schema,
  ): this & output<Schema>;
  fromEnv(prefix = 'FLAGON_', env: Env = processEnv(), schema?: ZodType): this {
    const raw: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
      if (value !== undefined && name.startsWith(prefix) && name.length > prefix.length) {
        raw[name.slice(prefix.length)] = value;
      }
    }
    if (schema === undefined) {
      for (const [key, value] of Object.entries(raw))
        (this as Record<string, unknown>)[key] = parseLoose(value);
      return this;
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

function parseLoose(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function processEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}
