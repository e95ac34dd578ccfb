import type { ContextClass } from './context-vars.js';
import { setContextVar, withContextVar } from './context-vars.js';

// Structural views of the app and a blueprint, so the plugin machinery needs nothing from the core.
interface PluginScaffold {
  before(hook: (c: object) => unknown): unknown;
}
interface PluginApp extends PluginScaffold {
  contextClass: ContextClass;
}
interface PluginBlueprint extends PluginScaffold {
  readonly name: string;
  onRegister(fn: (app: PluginApp) => void): unknown;
}
type Host = { kind: 'app'; scaffold: PluginApp } | { kind: 'blueprint'; scaffold: PluginBlueprint };
/** A plugin as the machinery sees it (`Plugin` in plugin.ts, whose types reach into the core). */
interface AnyPlugin {
  readonly name: string;
  readonly requires: readonly string[];
  readonly duplicates: 'refuse' | 'ignore';
  readonly global: boolean;
  setup(host: never): void;
}

/** The names of the plugins used on each app and blueprint. */
const usedOn = new WeakMap<object, Set<string>>();

/**
 * True when a plugin named `name` was used on `scaffold` (an app or a blueprint).
 *
 * @example
 * ```ts
 * if (!pluginUsed(app, 'auth')) app.use(auth({ loadUser }));
 * ```
 */
export function pluginUsed(scaffold: object, name: string): boolean {
  return usedOn.get(scaffold)?.has(name) === true;
}

/**
 * Runs `plugin`'s setup on an app or a blueprint, after the checks the types make at compile time:
 * a second use (refused unless the plugin allows it), a global plugin on a blueprint, and a missing
 * required plugin (on a blueprint, checked again when it is registered, as the app may have it).
 *
 * @example
 * ```ts
 * usePlugin({ kind: 'app', scaffold: app }, requestId());
 * ```
 */
export function usePlugin(host: Host, plugin: AnyPlugin): void {
  const where = host.kind === 'app' ? 'the app' : `blueprint "${host.scaffold.name}"`;
  const used = usedOn.get(host.scaffold) ?? new Set<string>();
  if (used.has(plugin.name)) {
    if (plugin.duplicates === 'ignore') return;
    throw new Error(`Plugin "${plugin.name}" is already used on ${where}`);
  }
  if (plugin.global && host.kind === 'blueprint')
    throw new Error(`Plugin "${plugin.name}" works on the whole app: use it on the app, not on ${where}`);
  const missing = plugin.requires.filter((name) => !used.has(name));
  if (host.kind === 'app') refuseMissing(plugin, missing, where);
  else if (missing.length > 0) {
    host.scaffold.onRegister((app) => {
      refuseMissing(
        plugin,
        missing.filter((name) => !pluginUsed(app, name)),
        `${where} or its app`,
      );
    });
  }
  used.add(plugin.name);
  usedOn.set(host.scaffold, used);
  plugin.setup(pluginHost(host, plugin.name) as never);
}

function refuseMissing(plugin: AnyPlugin, missing: readonly string[], where: string): void {
  if (missing.length === 0) return;
  const names = missing.map((name) => `"${name}"`).join(', ');
  throw new Error(`Plugin "${plugin.name}" requires ${names}, not used on ${where} before it`);
}

/** The host a plugin's setup gets: the app or blueprint itself (routes, hooks) plus the plugin tools. */
function pluginHost(host: Host, plugin: string): object {
  const scaffold = host.scaffold;
  const withApp = (fn: (app: PluginApp) => void): void => {
    if (host.kind === 'app') fn(host.scaffold);
    else host.scaffold.onRegister(fn);
  };
  const tools = {
    kind: host.kind,
    provide(name: string, value: (c: never) => unknown): void {
      withApp((app) => {
        app.contextClass = withContextVar(app.contextClass, name, plugin);
      });
      scaffold.before((c) => {
        const produced = value(c as never);
        if (!(produced instanceof Promise)) return setContextVar(c, name, produced);
        return produced.then((resolved) => setContextVar(c, name, resolved));
      });
    },
    decorate(name: string, value: unknown): void {
      if (name in scaffold) throw new Error(`Plugin "${plugin}" cannot add "${name}": it is already there`);
      Object.defineProperty(scaffold, name, { value, enumerable: true });
    },
    withApp,
  };
  // The scaffold's own methods (get, before, register...) act on it, as `this` reaches its fields.
  return Object.assign(Object.create(scaffold) as object, tools);
}
