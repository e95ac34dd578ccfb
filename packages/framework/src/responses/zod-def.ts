/** The internal definition zod 4 keeps on every schema (`schema.def`), as far as the writers read it. */
export interface ZodDef {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly check: string } } }[];
  readonly [key: string]: unknown;
}

/**
 * The zod definition of `schema`, read by the response writers to compile a schema once.
 *
 * @example
 * ```ts
 * defOf(z.string()).type; // 'string'
 * ```
 */
export function defOf(schema: unknown): ZodDef {
  return (schema as { def: ZodDef }).def;
}
