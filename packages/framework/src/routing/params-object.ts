/** The params of a match: the route's param names, `undefined` for those an optional group left out. */
export type MatchedParams = Record<string, string | undefined>;

/** Builds the params object of one pattern variant from the values its match captured, in order. */
export type ParamsFactory = (values: readonly string[]) => MatchedParams;

// Params inherit nothing (a param may be called `constructor`), yet are not made by Object.create(null):
// V8 keeps those as slow dictionaries, which every read and JSON.stringify pays for. An object whose
// prototype is an empty null-prototype object gets a fast hidden class and still inherits no key.
const PARAMS_PROTOTYPE: object = Object.freeze(Object.create(null));

/**
 * The params of a match without any: shared, as it holds nothing (frozen, so it stays that way), and
 * with the same fast, key-less prototype as every other params object.
 *
 * @example
 * ```ts
 * const params = match.kind === 'found' ? match.params : NO_PARAMS;
 * ```
 */
export const NO_PARAMS: MatchedParams = Object.freeze(Object.create(PARAMS_PROTOTYPE));

/**
 * The factory of a variant's params: every name of the route (`routeNames`, `undefined` unless captured)
 * in route order, then the captured values of the variant's `captured` names; `null` for a route without
 * params, whose matches share {@link NO_PARAMS}.
 *
 * Each route gets a constructor written for its names, when the runtime allows code generation (as
 * find-my-way does for Fastify): its stores are then to fixed keys, each a single inline-cached write.
 * A shared loop would write a different key per route at one site, and V8's lookup for such a
 * megamorphic store costs more than the rest of a params match. Where `new Function` is refused (a
 * content security policy), the loop serves, with the same result.
 *
 * @example
 * ```ts
 * const make = paramsFactory(['id', 'post'], ['id', 'post'])!;
 * make(['42', '7']); // { id: '42', post: '7' }
 * ```
 */
export function paramsFactory(
  routeNames: readonly string[],
  captured: readonly string[],
): ParamsFactory | null {
  // No factory to call: a call site that meets many factories is not inlined, so one costs ~5 ns.
  if (routeNames.length === 0) return null;
  return compiledFactory(routeNames, captured) ?? loopFactory(routeNames, captured);
}

function compiledFactory(
  routeNames: readonly string[],
  captured: readonly string[],
): ParamsFactory | undefined {
  // Names go in as JSON string literals, so any name path-to-regexp accepts (`:"a b"`) is a safe key.
  const stores = routeNames.map((name) => {
    const index = captured.indexOf(name);
    return `this[${JSON.stringify(name)}] = ${index === -1 ? 'undefined' : `values[${index}]`};`;
  });
  const source = `function Params(values) { ${stores.join(' ')} }
Params.prototype = prototype;
return (values) => new Params(values);`;
  try {
    return new Function('prototype', source)(PARAMS_PROTOTYPE) as ParamsFactory;
  } catch {
    return undefined;
  }
}

function loopFactory(routeNames: readonly string[], captured: readonly string[]): ParamsFactory {
  // Every name first where an optional group left some out, so the keys keep the route's order.
  const prefill = captured.length < routeNames.length ? routeNames : [];
  return (values) => {
    const params: MatchedParams = Object.create(PARAMS_PROTOTYPE);
    for (const name of prefill) params[name] = undefined;
    for (let i = 0; i < captured.length; i++) params[captured[i]!] = values[i];
    return params;
  };
}
