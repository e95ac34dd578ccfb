/**
 * The `query` and `list` scenarios: a catalogue of 100 products, a page of it chosen by a validated
 * query (`?limit=10&offset=0&sort=name`), and the whole of it written through a response schema. Every
 * contender calls the same {@link catalogPage}, so the only difference is how each one validates the
 * query and writes the list.
 */
import { z } from 'zod';

/** One product of the catalogue, keys in the order every contender writes them. */
export const catalogItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sku: z.string(),
  price: z.number(),
  available: z.boolean(),
  tags: z.array(z.string()),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;

/** The list answers: an array of products. */
export const catalogListSchema = z.array(catalogItemSchema);

/** The orders a page can be sorted in. */
export const SORT_KEYS = ['name', 'price'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The largest page a client may ask for. */
export const MAX_LIMIT = 100;

/**
 * The query of `GET /items`: strings in the URL, numbers and a sort key out. Fastify gets the same rules
 * as JSON Schema ({@link catalogQueryJsonSchema}); bare node:http and Express check them by hand
 * ({@link parseCatalogQuery}).
 */
export const catalogQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.enum(SORT_KEYS).default('name'),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

/** {@link catalogQuerySchema} as JSON Schema, for Fastify's Ajv (which coerces query strings itself). */
export const catalogQueryJsonSchema = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 20 },
    offset: { type: 'integer', minimum: 0, default: 0 },
    sort: { type: 'string', enum: [...SORT_KEYS], default: 'name' },
  },
} as const;

/** {@link catalogListSchema} as JSON Schema, for Fastify's fast-json-stringify. */
export const catalogListJsonSchema: Record<string, unknown> = (() => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(catalogListSchema, { target: 'draft-7' });
  return schema;
})();

/** How many products the catalogue has. */
export const CATALOG_SIZE = 100;

const NOUNS = ['bottle', 'kettle', 'lamp', 'chair', 'mug', 'desk', 'pan', 'shelf', 'clock', 'rug'];
const ADJECTIVES = ['Steel', 'Oak', 'Linen', 'Copper', 'Glass', 'Wool', 'Stone', 'Brass', 'Cork', 'Clay'];
const TAGS = ['kitchen', 'living', 'office', 'outdoor', 'gift', 'sale'];

function product(id: number): CatalogItem {
  // Names out of id order, so sorting by name really reorders the catalogue.
  const adjective = ADJECTIVES[(id * 7) % ADJECTIVES.length]!;
  const noun = NOUNS[id % NOUNS.length]!;
  return {
    id,
    name: `${adjective} ${noun} ${String(id).padStart(3, '0')}`,
    sku: `${noun.slice(0, 3).toUpperCase()}-${String(1000 + id)}`,
    price: Math.round(((id * 37) % 200) * 100 + 99) / 100,
    available: id % 3 !== 0,
    tags: [TAGS[id % TAGS.length]!, TAGS[(id + 2) % TAGS.length]!],
  };
}

/** The whole catalogue, in id order: the `list` scenario's answer. */
export const CATALOG: CatalogItem[] = Array.from({ length: CATALOG_SIZE }, (_, i) => product(i + 1));

// Sorted once: the scenario measures validation and serialization, not a sort per request.
const SORTED: Readonly<Record<SortKey, readonly CatalogItem[]>> = {
  name: [...CATALOG].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  price: [...CATALOG].sort((a, b) => a.price - b.price || a.id - b.id),
};

/**
 * The page of the catalogue a validated query asks for: a new array, as a database query would return.
 *
 * @example
 * ```ts
 * catalogPage({ limit: 10, offset: 0, sort: 'name' }).length; // 10
 * ```
 */
export function catalogPage(query: CatalogQuery): CatalogItem[] {
  return SORTED[query.sort].slice(query.offset, query.offset + query.limit);
}

/**
 * The query checked by hand, as an app without a validation library does it: `null` when any value is
 * out of its range (the caller answers 400).
 *
 * @example
 * ```ts
 * parseCatalogQuery((name) => new URLSearchParams('limit=10').get(name)); // { limit: 10, offset: 0, sort: 'name' }
 * ```
 */
export function parseCatalogQuery(get: (name: string) => string | null | undefined): CatalogQuery | null {
  const limit = integerParam(get('limit'), 20);
  const offset = integerParam(get('offset'), 0);
  const sort = get('sort') ?? 'name';
  if (limit === null || limit < 1 || limit > MAX_LIMIT || offset === null || offset < 0) return null;
  if (sort !== 'name' && sort !== 'price') return null;
  return { limit, offset, sort };
}

function integerParam(value: string | null | undefined, fallback: number): number | null {
  if (value === null || value === undefined) return fallback;
  if (!/^-?\d{1,9}$/.test(value)) return null;
  return Number(value);
}

/** The `query` scenario's request, and a request every contender must reject with a 4xx. */
export const CATALOG_QUERY = 'limit=10&offset=0&sort=name';
export const INVALID_CATALOG_QUERY = 'limit=0&offset=-1&sort=colour';
