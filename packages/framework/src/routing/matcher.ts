import { pathToRegexp, TokenData } from 'path-to-regexp';
import type { Leaf } from './method-table.js';
import { MethodTable } from './method-table.js';
import type { PatternVariant } from './route-pattern.js';
import { REGEXP_OPTIONS } from './route-pattern.js';

/** A pattern variant the tree cannot express, matched by path-to-regexp's regex for it. */
interface RegexRoute<T> {
  readonly regexp: RegExp;
  readonly table: MethodTable<T>;
}

/** A static child of a tree node: the segment's text and the node it leads to. */
interface StaticEdge<T> {
  readonly text: string;
  /** The segment's first UTF-16 unit: most candidates of the right length differ there already. */
  readonly first: number;
  readonly node: TreeNode<T>;
}

/**
 * A node of the segment tree: the place reached after matching some leading segments. Children are
 * tried in priority order: static, regex routes without a wildcard, param, regex routes with a
 * wildcard, trailing wildcard.
 */
interface TreeNode<T> {
  /**
   * The static children by the length of their segment: a lookup compares the few of the right length
   * in place (`startsWith`), where a `Map` would need each segment sliced out and hashed first.
   */
  statics: Array<StaticEdge<T>[] | undefined> | undefined;
  mixed: RegexRoute<T>[] | undefined;
  param: TreeNode<T> | undefined;
  spanning: RegexRoute<T>[] | undefined;
  wildcard: MethodTable<T> | undefined;
  /** Routes that end at this node. */
  end: MethodTable<T> | undefined;
}

/** What one lookup found besides the leaf; reused between lookups, read right after each. */
export interface Lookup {
  /** The captured param values of the leaf found, in the order its pattern variant captures them. */
  readonly values: string[];
  /** The methods of routes whose pattern matched the path but not the method; undefined if none did. */
  allowed: Set<string> | undefined;
}

function newNode<T>(): TreeNode<T> {
  return {
    statics: undefined,
    mixed: undefined,
    param: undefined,
    spanning: undefined,
    wildcard: undefined,
    end: undefined,
  };
}

/**
 * All routes compiled into one matcher: fully static paths in a `Map`, the others in a segment tree
 * (static children compared in place, then a param child, then a trailing wildcard), so a lookup costs
 * O(path segments), not O(routes). Variants the tree cannot express (`/file.:ext`, `/*path/edit`) hang
 * as regexes on the node of their longest expressible prefix, so they are tried only there.
 * A lookup walks the tree depth-first and backtracks, so the first route in priority order that serves
 * the method wins; routes that match the path with other methods are collected for a 405.
 *
 * @example
 * ```ts
 * const matcher = new Matcher<string>();
 * for (const variant of parseRoutePattern('/users/:id').variants) {
 *   matcher.insert(variant, ['GET'], { route, params: paramsFactory(['id'], variant.names) });
 * }
 * const lookup = { values: [], allowed: undefined };
 * matcher.find('GET', '/users/3', lookup); // leaf, and lookup.values is ['3']
 * ```
 */
export class Matcher<T> {
  readonly #statics = new Map<string, MethodTable<T>>();
  readonly #root: TreeNode<T> = newNode();
  // The state of the lookup in progress: lookups are synchronous, so one set of scratch fields serves all.
  #method = '';
  #path = '';
  #lookup: Lookup = { values: [], allowed: undefined };
  /** The values of the params passed so far, by depth (sliced only where a param matched). */
  readonly #captured: string[] = [];

  /** Adds one variant of a route's pattern, served for `methods`. */
  insert(variant: PatternVariant, methods: readonly string[], leaf: Leaf<T>): void {
    if (variant.isStatic) {
      const path = variant.tokens.map((token) => (token.type === 'text' ? token.value : '')).join('');
      valueIn(this.#statics, path, () => new MethodTable<T>()).add(methods, leaf);
      return;
    }
    let node = this.#root;
    for (const segment of variant.segments) {
      if (segment.kind === 'static') {
        node = staticChildIn(node, segment.text);
      } else if (segment.kind === 'param') {
        node.param ??= newNode();
        node = node.param;
      } else if (segment.kind === 'wildcard') {
        node.wildcard ??= new MethodTable();
        node.wildcard.add(methods, leaf);
        return;
      } else {
        const spans = variant.tokens.some((token) => token.type === 'wildcard');
        const list = (spans ? node.spanning : node.mixed) ?? [];
        if (spans) node.spanning = list;
        else node.mixed = list;
        regexTableIn(list, variant).add(methods, leaf);
        return;
      }
    }
    node.end ??= new MethodTable();
    node.end.add(methods, leaf);
  }

  /**
   * The leaf of the first route, in priority order, whose pattern matches `path` and that serves
   * `method`; fills `lookup` (its values, and the allowed methods of routes that matched otherwise).
   */
  find(method: string, path: string, lookup: Lookup): Leaf<T> | undefined {
    this.#method = method;
    this.#path = path;
    this.#lookup = lookup;
    lookup.allowed = undefined;
    const table = this.#statics.get(path);
    if (table !== undefined) {
      const leaf = this.#arrive(table, 0);
      if (leaf !== undefined) return leaf;
    }
    if (path.charCodeAt(0) !== 47 /* '/' */) return undefined;
    return this.#walk(this.#root, 1, 0);
  }

  /** Matches the segment starting at `pos` against the children of `node`; `depth` params are captured. */
  #walk(node: TreeNode<T>, pos: number, depth: number): Leaf<T> | undefined {
    const path = this.#path;
    let end = path.indexOf('/', pos);
    if (end === -1) end = path.length;
    const last = end === path.length;
    let leaf: Leaf<T> | undefined;

    const child = node.statics === undefined ? undefined : staticChild(node.statics, path, pos, end);
    if (child !== undefined) {
      leaf = last ? this.#arrive(child.end, depth) : this.#walk(child, end + 1, depth);
      if (leaf !== undefined) return leaf;
    }
    if (node.mixed !== undefined) {
      leaf = this.#tryRegexes(node.mixed);
      if (leaf !== undefined) return leaf;
    }
    if (node.param !== undefined && end > pos) {
      this.#captured[depth] = path.slice(pos, end);
      leaf = last ? this.#arrive(node.param.end, depth + 1) : this.#walk(node.param, end + 1, depth + 1);
      if (leaf !== undefined) return leaf;
    }
    if (node.spanning !== undefined) {
      leaf = this.#tryRegexes(node.spanning);
      if (leaf !== undefined) return leaf;
    }
    if (node.wildcard !== undefined && pos < path.length) {
      this.#captured[depth] = path.slice(pos);
      return this.#arrive(node.wildcard, depth + 1);
    }
    return undefined;
  }

  /** The path matched up to a place holding `table`: its leaf for the method, with the captured values. */
  #arrive(table: MethodTable<T> | undefined, depth: number): Leaf<T> | undefined {
    if (table === undefined) return undefined;
    const leaf = this.#serve(table);
    if (leaf === undefined) return undefined;
    const values = this.#lookup.values;
    // Setting length is a runtime call even when it does not change; the same route keeps the same count.
    if (values.length !== depth) values.length = depth;
    for (let i = 0; i < depth; i++) values[i] = this.#captured[i]!;
    return leaf;
  }

  #tryRegexes(routes: readonly RegexRoute<T>[]): Leaf<T> | undefined {
    for (const route of routes) {
      const match = route.regexp.exec(this.#path);
      if (match === null) continue;
      const leaf = this.#serve(route.table);
      if (leaf === undefined) continue;
      const values = this.#lookup.values;
      if (values.length !== match.length - 1) values.length = match.length - 1;
      for (let i = 1; i < match.length; i++) values[i - 1] = match[i] ?? '';
      return leaf;
    }
    return undefined;
  }

  /** The leaf of `table` for the lookup's method; otherwise notes the methods `table` does serve. */
  #serve(table: MethodTable<T>): Leaf<T> | undefined {
    const leaf = table.lookup(this.#method);
    if (leaf === undefined) {
      this.#lookup.allowed ??= new Set();
      table.collectAllowed(this.#lookup.allowed);
    }
    return leaf;
  }
}

/** The child of `node` for the static segment `text`, found by comparing in place (see `TreeNode.statics`). */
function staticChild<T>(
  statics: ReadonlyArray<StaticEdge<T>[] | undefined>,
  path: string,
  pos: number,
  end: number,
): TreeNode<T> | undefined {
  const edges = statics[end - pos];
  if (edges === undefined) return undefined;
  if (end === pos) return edges[0]!.node; // the one empty segment: a pattern's trailing slash
  const first = path.charCodeAt(pos);
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i]!;
    if (edge.first === first && path.startsWith(edge.text, pos)) return edge.node;
  }
  return undefined;
}

/** The child of `node` for the static segment `text`, added if it is not there yet. */
function staticChildIn<T>(node: TreeNode<T>, text: string): TreeNode<T> {
  node.statics ??= [];
  node.statics[text.length] ??= [];
  const edges = node.statics[text.length]!;
  let edge = edges.find((candidate) => candidate.text === text);
  if (edge === undefined) {
    edge = { text, first: text.charCodeAt(0), node: newNode<T>() };
    edges.push(edge);
  }
  return edge.node;
}

function valueIn<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** The table of the regex route for `variant` in `list`: variants with the same regex share one. */
function regexTableIn<T>(list: RegexRoute<T>[], variant: PatternVariant): MethodTable<T> {
  const { regexp } = pathToRegexp(new TokenData([...variant.tokens]), REGEXP_OPTIONS);
  let route = list.find((candidate) => candidate.regexp.source === regexp.source);
  if (route === undefined) {
    route = { regexp, table: new MethodTable() };
    list.push(route);
  }
  return route.table;
}
