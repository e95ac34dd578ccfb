/**
 * The contenders: one server file each under `bench/contenders/`, started as its own process.
 */
import { fileURLToPath } from 'node:url';

/** The contenders' ids, in the order the report lists them (the limit first). */
export const CONTENDER_IDS = ['node-http', 'flagon-gateway', 'flagon', 'fastify', 'hono', 'express'] as const;
export type ContenderId = (typeof CONTENDER_IDS)[number];

/** A contender: its id, how reports name it, its server file and the packages whose versions matter. */
export interface Contender {
  readonly id: ContenderId;
  readonly label: string;
  readonly file: string;
  readonly packages: readonly string[];
}

const file = (name: string) => fileURLToPath(new URL(`../contenders/${name}.ts`, import.meta.url));

/** Every contender, in report order. */
export const CONTENDERS: readonly Contender[] = [
  { id: 'node-http', label: 'node:http (bare)', file: file('node-http'), packages: [] },
  {
    id: 'flagon-gateway',
    label: 'Flagon gateway app',
    file: file('flagon-gateway'),
    packages: ['@flagon/gateway'],
  },
  {
    id: 'flagon',
    label: 'Flagon framework',
    file: file('flagon'),
    packages: ['@flagon/framework', '@flagon/gateway'],
  },
  { id: 'fastify', label: 'Fastify', file: file('fastify'), packages: ['fastify'] },
  { id: 'hono', label: 'Hono', file: file('hono'), packages: ['hono', '@hono/node-server'] },
  { id: 'express', label: 'Express', file: file('express'), packages: ['express'] },
];

/** The contenders the ratios are taken against. */
export const BASELINES = { limit: 'node-http', framework: 'fastify' } as const satisfies Record<
  string,
  ContenderId
>;
