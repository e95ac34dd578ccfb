/**
 * Mounting routes and blueprints into an app's route table: prefixes and names joined, hooks chained,
 * Flask's endpoint-name rule kept. It works on structural views, so it stays outside the core's circle.
 */
import { toByteSize } from './config.js';
import type { Endpoint, RouteSpec, StoredHandler } from './endpoint.js';
import type { HookSet } from './hooks.js';
import { mergeHookSet } from './hooks.js';
import { checkParamsSchema } from './params-schema-check.js';
import type { Router } from './routing/index.js';
import { normalizePrefix } from './routing/url-prefix.js';

/** What mounting writes to: an app's router, the names in use and its app-wide hooks. */
export interface RouteTable {
  readonly router: Router<Endpoint>;
  /** The app's own hooks, where blueprints' app-wide hooks (`beforeApp` & co) are merged. */
  readonly appHooks: HookSet;
  /** The blueprints mounted, nested ones included, in order (the app's `blueprints`). */
  readonly blueprints: MountableBlueprint[];
  readonly endpointHandlers: Map<string, StoredHandler>;
  readonly blueprintNames: Set<string>;
}

/** What mounting reads of a blueprint. */
export interface MountableBlueprint {
  readonly name: string;
  readonly prefix: string;
  readonly csrf: boolean | undefined;
  readonly specs: readonly RouteSpec[];
  readonly mounts: readonly { readonly blueprint: MountableBlueprint; readonly prefix: string | undefined }[];
  readonly hooks: HookSet;
  readonly appHooks: HookSet;
  readonly registerCallbacks: readonly ((app: never) => void)[];
  markRegistered(): void;
}

/** Where a blueprint is mounted: its prefix and full name, the hook chain around it, its ancestors. */
export interface BlueprintPlace {
  readonly prefix: string;
  readonly name: string;
  readonly outer: readonly HookSet[];
  readonly within: readonly MountableBlueprint[];
  readonly outerCsrf: boolean | undefined;
}

/**
 * Mounts `blueprint` and its nested blueprints into `table`, then runs its `onRegister` callbacks with
 * `app`. A blueprint inside itself, or a second blueprint of the same name, is refused.
 *
 * @example
 * ```ts
 * mountBlueprint(table, app, admin, { prefix: '/admin', name: 'admin', outer: [app.hooks], within: [], outerCsrf: undefined });
 * ```
 */
export function mountBlueprint(
  table: RouteTable,
  app: unknown,
  blueprint: MountableBlueprint,
  place: BlueprintPlace,
): void {
  const { within, name } = place;
  if (within.includes(blueprint)) {
    const cycle = [...within.slice(within.indexOf(blueprint)), blueprint].map((b) => b.name).join(' → ');
    throw new Error(`Blueprint "${blueprint.name}" is registered inside itself (${cycle})`);
  }
  if (table.blueprintNames.has(name)) throw new Error(`A blueprint named "${name}" is already registered`);
  table.blueprintNames.add(name);
  blueprint.markRegistered();
  table.blueprints.push(blueprint);
  mergeHookSet(table.appHooks, blueprint.appHooks);
  const hooks = [...place.outer, blueprint.hooks];
  const base = normalizePrefix(place.prefix);
  const csrf = blueprint.csrf ?? place.outerCsrf;
  for (const spec of blueprint.specs) mountRoute(table, spec, `${base}${spec.path}`, name, hooks, csrf);
  for (const child of blueprint.mounts) {
    mountBlueprint(table, app, child.blueprint, {
      prefix: `${base}${normalizePrefix(child.prefix ?? child.blueprint.prefix)}`,
      name: `${name}.${child.blueprint.name}`,
      outer: hooks,
      within: [...within, blueprint],
      outerCsrf: csrf,
    });
  }
  for (const registered of blueprint.registerCallbacks) registered(app as never);
}

/**
 * Mounts one route of the blueprint named `blueprint` (`''`: the app's own) under `path`; its CSRF
 * setting is its own, else its blueprint's (`blueprintCsrf`).
 *
 * @example
 * ```ts
 * mountRoute(table, spec, '/users/:id', '', [app.hooks], undefined);
 * ```
 */
export function mountRoute(
  table: RouteTable,
  spec: RouteSpec,
  path: string,
  blueprint: string,
  hooks: readonly HookSet[],
  blueprintCsrf: boolean | undefined,
): void {
  const name = blueprint === '' ? spec.name : `${blueprint}.${spec.name}`;
  const existing = table.endpointHandlers.get(name);
  // Flask's rule: several routes may share an endpoint name only when they share its handler.
  if (existing !== undefined && existing !== spec.handler) {
    throw new Error(
      `Endpoint name "${name}" is already used by another handler; give this route { name: '...' }`,
    );
  }
  if (spec.maxBodySize !== undefined) toByteSize(`The maxBodySize of route "${name}"`, spec.maxBodySize);
  checkParamsSchema(spec.schemas?.params, path, name);
  const csrf = spec.csrf ?? blueprintCsrf;
  const endpoint: Endpoint = { ...spec, path, name, blueprint, hooks, csrf, label: `handler "${name}"` };
  table.router.add({ methods: spec.methods, path, name, value: endpoint });
  table.endpointHandlers.set(name, spec.handler);
}
