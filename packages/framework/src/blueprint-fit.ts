import type { AppEnv, SessionOf, VarsOf } from './types.js';

/** The keys a type names itself, without those an index signature stands for (`Record<string, unknown>`). */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/**
 * True when `Host` gives what `Need` asks: assignable, and every key `Need` names also named by `Host`.
 * An open record (an app without type arguments) names none, so it cannot promise `user?: User`.
 */
type Provides<Host, Need> = [Host] extends [Need]
  ? [Exclude<NamedKeys<Need>, NamedKeys<Host>>] extends [never]
    ? true
    : false
  : false;

/** The part of the host's types that falls short of what a blueprint declared it needs, or `never`. */
type Shortfall<Host extends AppEnv, Need extends AppEnv> =
  Provides<Host['g'], Need['g']> extends false
    ? 'g'
    : Provides<Host['config'], Need['config']> extends false
      ? 'config'
      : Provides<Host['state'], Need['state']> extends false
        ? 'state'
        : Provides<SessionOf<Host>, SessionOf<Need>> extends false
          ? 'session'
          : Provides<VarsOf<Host>, VarsOf<Need>> extends false
            ? 'plugin additions (c.*)'
            : never;

/** The part of the host's types that falls short of what `Need` asks, or `never` (plugins use it too). */
export type { Shortfall };

/**
 * Accepts a blueprint exactly when the host (an app or an outer blueprint) provides what the blueprint's
 * type arguments say it needs: the host's `g`, `config`, `state`, session and plugin additions each have at least the
 * blueprint's keys, of its types. More is fine (an app with `{ DB_URL, SECRET }` takes a blueprint that
 * needs `{ DB_URL }`); less is a compile error naming the part that falls short.
 *
 * @example
 * ```ts
 * type Ok = BlueprintFit<{ g: {}; config: { DB_URL: string; SECRET: string }; state: {} }, { g: {}; config: { DB_URL: string }; state: {} }>; // unknown
 * ```
 */
export type BlueprintFit<Host extends AppEnv, Need extends AppEnv> = [Shortfall<Host, Need>] extends [never]
  ? unknown
  : { readonly 'the app lacks what this blueprint needs': Shortfall<Host, Need> };
