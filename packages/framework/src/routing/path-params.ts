// Types only. The recursion stays shallow on purpose (big apps hit "type instantiation is excessively
// deep" with routers that recurse per character over a whole path): the path is split on `/` into a union
// of segments, and each segment is scanned alone; every recursion is tail-recursive with an accumulator.

/** Characters that end a param name: path-to-regexp names are JavaScript identifiers (or quoted). */
type NameEnd =
  | '/'
  | '.'
  | '-'
  | ':'
  | '*'
  | '~'
  | ','
  | ';'
  | '='
  | '@'
  | '&'
  | '%'
  | '!'
  | '+'
  | '?'
  | '#'
  | "'"
  | '"'
  | '('
  | ')'
  | '['
  | ']'
  | '<'
  | '>'
  | '^'
  | '`'
  | '|'
  | ' ';

/** `\x` escapes a character: replace each escape by `/`, so an escaped `:` or `{` neither starts a param nor joins a name. */
type Unescape<S extends string, Done extends string = ''> = S extends `${infer Head}\\${string}`
  ? S extends `${Head}\\${infer _Escaped}${infer Tail}`
    ? Unescape<Tail, `${Done}${Head}/`>
    : `${Done}${S}`
  : `${Done}${S}`;

/**
 * Splits a path into its text outside optional groups and its text inside them: `[required, optional]`.
 * `Depth` counts open braces; pieces are joined with `/` so names never run into each other.
 */
type SplitGroups<
  S extends string,
  Depth extends unknown[] = [],
  Required extends string = '',
  Optional extends string = '',
> = S extends `${infer Before}{${infer After}`
  ? Before extends `${infer Inner}}${infer Outer}`
    ? CloseGroup<Inner, `${Outer}{${After}`, Depth, Required, Optional>
    : SplitGroups<
        After,
        [...Depth, unknown],
        Depth extends [] ? `${Required}/${Before}` : Required,
        Depth extends [] ? Optional : `${Optional}/${Before}`
      >
  : S extends `${infer Inner}}${infer Outer}`
    ? CloseGroup<Inner, Outer, Depth, Required, Optional>
    : Depth extends []
      ? [`${Required}/${S}`, Optional]
      : [Required, `${Optional}/${S}`];

/** `Inner` ends the innermost open group (so it is optional text); scanning goes on with `Rest`. */
type CloseGroup<
  Inner extends string,
  Rest extends string,
  Depth extends unknown[],
  Required extends string,
  Optional extends string,
> = SplitGroups<Rest, Depth extends [unknown, ...infer Outer] ? Outer : [], Required, `${Optional}/${Inner}`>;

/** The `/`-separated segments of `S`, as a union. */
type Segments<S extends string, Found extends string = never> = S extends `${infer Head}/${infer Tail}`
  ? Segments<Tail, Found | Head>
  : Found | S;

/** The leading identifier of `S` and what follows it: `[name, rest]`. */
type TakeName<S extends string, Name extends string = ''> = S extends `${infer Char}${infer Rest}`
  ? Char extends NameEnd
    ? [Name, S]
    : TakeName<Rest, `${Name}${Char}`>
  : [Name, ''];

/** The name right after a `:` or `*` (quoted or not), then the scan of the rest of the segment. */
type ScanName<S extends string, Names extends string> = S extends `"${infer Quoted}"${infer Rest}`
  ? ScanSegment<Rest, Names | Quoted>
  : TakeName<S> extends [infer Name extends string, infer Rest extends string]
    ? ScanSegment<Rest, Names | Name>
    : Names;

/** The param and wildcard names of one segment, e.g. `:name.:ext` → `'name' | 'ext'`. */
type ScanSegment<S extends string, Names extends string = never> = S extends `${infer Before}:${infer After}`
  ? Before extends `${infer _Text}*${infer Wild}`
    ? ScanName<`${Wild}:${After}`, Names>
    : ScanName<After, Names>
  : S extends `${string}*${infer Wild}`
    ? ScanName<Wild, Names>
    : Names;

/** The param names in text without groups or escapes. */
type NamesIn<S extends string> =
  Segments<S> extends infer Segment ? (Segment extends string ? ScanSegment<Segment> : never) : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ParamsOf<Parts extends [string, string]> = Simplify<
  { [K in NamesIn<Parts[0]>]: string } & {
    [K in Exclude<NamesIn<Parts[1]>, NamesIn<Parts[0]>>]?: string | undefined;
  }
>;

/**
 * The params a route path captures, as the router gives them to a handler: `:name` and `*name` (a
 * wildcard: its segments joined with `/`) are `string`; a param inside an optional group `{...}` is
 * optional (`string | undefined`); quoted names (`:"foo-bar"`) keep their quotes' content; escaped
 * characters (`\\:`) are text. A path only known as `string` gives a record of optional strings.
 *
 * @example
 * ```ts
 * type A = PathParams<'/users/:id/posts/:post'>; // { id: string; post: string }
 * type B = PathParams<'/files/*path'>; // { path: string }
 * type C = PathParams<'/{:lang/}docs'>; // { lang?: string | undefined }
 * type D = PathParams<'/about'>; // {}
 * ```
 */
export type PathParams<P extends string> = string extends P
  ? Record<string, string | undefined>
  : ParamsOf<SplitGroups<Unescape<P>>>;
