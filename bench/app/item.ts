/**
 * The validation scenario: a 1 KiB JSON item checked against one schema. Zod is the source; Fastify gets
 * the same rules as JSON Schema (generated from it), so each framework validates in its strongest way.
 */
import { z } from 'zod';

/** The schema of an item. Unknown keys are dropped, in zod and in Fastify's Ajv alike. */
export const itemSchema = z.object({
  name: z.string().min(1).max(200),
  sku: z.string().regex(/^[A-Z]{3}-[0-9]{4}$/),
  price: z.number().min(0),
  quantity: z.number().int().min(0).max(100_000),
  available: z.boolean(),
  tags: z.array(z.string().min(1).max(40)).max(20),
  dimensions: z.object({ width: z.number().min(0), height: z.number().min(0), depth: z.number().min(0) }),
  description: z.string().max(4000),
});

/** An item as the schema outputs it. */
export type Item = z.infer<typeof itemSchema>;

/** The item schema as draft-07 JSON Schema, for Fastify's Ajv (body) and fast-json-stringify (reply). */
export const itemJsonSchema: Record<string, unknown> = (() => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(itemSchema, { target: 'draft-7' });
  return schema;
})();

/** The size of the request body the scenario sends, in bytes. */
export const ITEM_BODY_BYTES = 1024;

const base: Item = {
  name: 'Stainless steel water bottle',
  sku: 'BTL-0042',
  price: 24.5,
  quantity: 310,
  available: true,
  tags: ['kitchen', 'outdoor', 'steel', 'bpa-free', 'dishwasher-safe', 'gift'],
  dimensions: { width: 7.5, height: 26, depth: 7.5 },
  description: '',
};

const FILLER =
  'Double-walled and vacuum insulated, it keeps drinks cold for a day and hot for twelve hours. ';

/**
 * The item the scenario posts: keys in schema order, padded so that its JSON is exactly
 * {@link ITEM_BODY_BYTES} bytes. A valid item comes back unchanged, so the expected answer is this JSON.
 *
 * @example
 * ```ts
 * Buffer.byteLength(JSON.stringify(sampleItem)); // 1024
 * ```
 */
export const sampleItem: Item = (() => {
  const missing = ITEM_BODY_BYTES - Buffer.byteLength(JSON.stringify(base));
  return { ...base, description: FILLER.repeat(Math.ceil(missing / FILLER.length)).slice(0, missing) };
})();

/** An item every contender must reject (negative price, bad SKU): proof that each one validates. */
export const invalidItem = { ...sampleItem, price: -1, sku: 'nope' };
