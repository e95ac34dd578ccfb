/** The class an app makes its contexts with: `Context`, or the app's subclass once plugins add names to `c`. */
export type ContextClass = new (
  // biome-ignore lint/suspicious/noExplicitAny: a class of any constructor arguments, as `class extends` needs.
  ...args: any[]
) => { readonly endpoint: { readonly name: string } | undefined };

/** Where each app's added names live, and which plugin added each (for the error when one is not set). */
const providers = new WeakMap<ContextClass, Map<string, string>>();

/**
 * The context class to use once `name` is added to `c` by `plugin`: `current` itself when it is already
 * an app's own subclass, else a new subclass of it. On the prototype, `name` is a getter that throws
 * (the value, set per request by {@link setContextVar}, shadows it): reading it where the plugin did
 * not run is a mistake the error names.
 *
 * @example
 * ```ts
 * app.contextClass = withContextVar(app.contextClass, 'user', 'auth');
 * ```
 */
export function withContextVar(current: ContextClass, name: string, plugin: string): ContextClass {
  let owned = providers.get(current);
  if (owned?.has(name) !== true && (name in current.prototype || name === 'constructor'))
    throw new Error(`Plugin "${plugin}" cannot add c.${name}: the context already has it`);
  let cls = current;
  if (owned === undefined) {
    cls = class PluginContext extends current {};
    owned = new Map();
    providers.set(cls, owned);
  }
  if (!owned.has(name)) {
    owned.set(name, plugin);
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: InstanceType<ContextClass>) {
        const where =
          this.endpoint === undefined ? 'a request no route serves' : `route "${this.endpoint.name}"`;
        throw new Error(
          `c.${name} is not set for ${where}: plugin "${plugin}" sets it for the routes of the app or blueprint it is used on, in a before hook that has not run here`,
        );
      },
    });
  }
  return cls;
}

/**
 * Sets `c[name]` for this request, shadowing the prototype's getter.
 *
 * @example
 * ```ts
 * setContextVar(c, 'user', await loadUser(c));
 * ```
 */
export function setContextVar(c: object, name: string, value: unknown): void {
  Object.defineProperty(c, name, { value, writable: true, enumerable: true, configurable: true });
}
