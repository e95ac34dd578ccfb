import type { Parameter, Text, Token, Wildcard } from 'path-to-regexp';
import { PathError, parse, pathToRegexp, type TokenData } from 'path-to-regexp';
import { explainPatternError } from './pattern-error.js';

/** A token of a pattern with its optional groups expanded: plain text, a `:param` or a `*wildcard`. */
export type FlatToken = Text | Parameter | Wildcard;

/**
 * One `/`-separated piece of a pattern variant, as the segment tree sees it. `complex` is anything the
 * tree cannot express (text and params mixed in a segment, a wildcard before the end); such variants are
 * matched by a regex instead.
 */
export type PatternSegment =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'wildcard'; readonly name: string }
  | { readonly kind: 'complex' };

/** One way a pattern can match once its optional groups are decided (`/{:lang/}docs` has two). */
export interface PatternVariant {
  /** The variant's tokens, adjacent texts merged. */
  readonly tokens: readonly FlatToken[];
  /** The segments after the leading `/`; `/` itself is one empty static segment. */
  readonly segments: readonly PatternSegment[];
  /** The variant's param names in the order they appear (the order the tree and a regex capture them). */
  readonly names: readonly string[];
  /** True when every segment is static: the variant is one fixed path. */
  readonly isStatic: boolean;
}

/** A route path parsed once, with everything the matcher and the URL builder need from it. */
export interface RoutePattern {
  /** The path as written. */
  readonly path: string;
  /** path-to-regexp's tokens for the whole path (groups kept), for building URLs. */
  readonly tokens: TokenData;
  /** Every param name of the path, in order of appearance. */
  readonly paramNames: readonly string[];
  /** Names outside any optional group: a URL cannot be built without them. */
  readonly requiredNames: ReadonlySet<string>;
  /** Names that are wildcards: their value is several segments. */
  readonly wildcardNames: ReadonlySet<string>;
  readonly variants: readonly PatternVariant[];
}

// The same bound path-to-regexp puts on the expansion of optional groups.
const MAX_VARIANTS = 256;

/** The options that make path-to-regexp match the way the segment tree does. */
export const REGEXP_OPTIONS = { sensitive: true, trailing: false, end: true } as const;

/**
 * Parses a route path with path-to-regexp (the one grammar of routes), checks it, and expands its optional
 * groups into variants the segment tree can insert. Throws a `TypeError` naming the path when it is
 * invalid: a syntax error, no leading `/`, or a param name used twice.
 *
 * @example
 * ```ts
 * const pattern = parseRoutePattern('/{:lang/}docs');
 * pattern.variants.map((v) => v.names); // [['lang'], []]
 * ```
 */
export function parseRoutePattern(path: string): RoutePattern {
  let tokens: TokenData;
  try {
    tokens = parse(path);
    // Checks what only the regex compiler checks (e.g. `/:a:b` has no text between the params).
    pathToRegexp(tokens, REGEXP_OPTIONS);
  } catch (error) {
    throw explainPatternError(path, error);
  }

  const paramNames: string[] = [];
  const requiredNames = new Set<string>();
  const wildcardNames = new Set<string>();
  collectNames(tokens.tokens, false, (token, optional) => {
    if (paramNames.includes(token.name)) {
      throw new TypeError(`route "${path}" uses param "${token.name}" twice`);
    }
    paramNames.push(token.name);
    if (!optional) requiredNames.add(token.name);
    if (token.type === 'wildcard') wildcardNames.add(token.name);
  });

  const variants: PatternVariant[] = [];
  expandGroups(tokens.tokens, [], (flat) => {
    if (variants.length >= MAX_VARIANTS) throw new PathError('Too many path combinations', path);
    variants.push(toVariant(mergeTexts(flat), path));
  });
  return { path, tokens, paramNames, requiredNames, wildcardNames, variants };
}

function collectNames(
  tokens: readonly Token[],
  optional: boolean,
  visit: (key: Parameter | Wildcard, optional: boolean) => void,
): void {
  for (const token of tokens) {
    if (token.type === 'group') collectNames(token.tokens, true, visit);
    else if (token.type !== 'text') visit(token, optional);
  }
}

/** Calls `emit` with every flat token sequence the groups allow, the group-included one first. */
function expandGroups(
  tokens: readonly Token[],
  prefix: FlatToken[],
  emit: (flat: FlatToken[]) => void,
): void {
  const index = tokens.findIndex((token) => token.type === 'group');
  if (index === -1) {
    emit([...prefix, ...(tokens as FlatToken[])]);
    return;
  }
  const head = [...prefix, ...(tokens.slice(0, index) as FlatToken[])];
  const group = tokens[index] as Extract<Token, { type: 'group' }>;
  const rest = tokens.slice(index + 1);
  expandGroups([...group.tokens, ...rest], head, emit);
  expandGroups(rest, head, emit);
}

function mergeTexts(tokens: readonly FlatToken[]): FlatToken[] {
  const merged: FlatToken[] = [];
  for (const token of tokens) {
    const last = merged[merged.length - 1];
    if (token.type === 'text' && last?.type === 'text') {
      merged[merged.length - 1] = { type: 'text', value: last.value + token.value };
    } else merged.push(token);
  }
  return merged;
}

function toVariant(tokens: FlatToken[], path: string): PatternVariant {
  const first = tokens[0];
  if (first?.type !== 'text' || !first.value.startsWith('/')) {
    throw new TypeError(`route "${path}" must start with "/" (in every optional form)`);
  }
  // Split into segments: each segment is the list of tokens between two slashes.
  const pieces: FlatToken[][] = [[]];
  for (const token of tokens) {
    if (token.type !== 'text') {
      pieces[pieces.length - 1]!.push(token);
      continue;
    }
    const texts = token.value.split('/');
    texts.forEach((text, i) => {
      if (i > 0) pieces.push([]);
      if (text) pieces[pieces.length - 1]!.push({ type: 'text', value: text });
    });
  }
  pieces.shift(); // the empty piece before the leading '/'
  const segments = pieces.map((piece, i) => classify(piece, i === pieces.length - 1));
  const names = tokens.filter((token) => token.type !== 'text').map((token) => token.name);
  return { tokens, segments, names, isStatic: segments.every((segment) => segment.kind === 'static') };
}

function classify(piece: readonly FlatToken[], last: boolean): PatternSegment {
  const [only, ...more] = piece;
  if (only === undefined) return { kind: 'static', text: '' };
  if (more.length > 0) return { kind: 'complex' };
  if (only.type === 'text') return { kind: 'static', text: only.value };
  if (only.type === 'param') return { kind: 'param', name: only.name };
  return last ? { kind: 'wildcard', name: only.name } : { kind: 'complex' };
}
