/**
 * The contenders: one server file each under `bench/contenders/`, started as its own process.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_FLAGON_ENV, BUILT_FLAGON_PRELOAD } from './built-flagon.js';

/** The contenders' ids, in the order the report lists them (the limit first). */
export const CONTENDER_IDS = [
  'node-http',
  'flagon-gateway',
  'flagon',
  'fastify',
  'hono',
  'express',
  'flagon-fetch',
  'flagon-bun',
  'hono-bun',
] as const;
/**
 * The contenders of the worker table (`pnpm bench --workers`), kept out of the default run: more than one
 * process each, so they need both cores, which the default run's pinning keeps apart.
 */
export const WORKER_CONTENDER_IDS = ['node-cluster', 'flagon-workers-1', 'flagon-workers-2'] as const;
export type ContenderId = (typeof CONTENDER_IDS)[number] | (typeof WORKER_CONTENDER_IDS)[number];

/** A contender: its id, how reports name it, its server file and the packages whose versions matter. */
export interface Contender {
  readonly id: ContenderId;
  readonly label: string;
  readonly file: string;
  readonly packages: readonly string[];
  /** The runtime its process runs on: Node unless it says Bun (which cannot be measured in-process). */
  readonly runtime?: 'bun';
  /** The contender on the same runtime and server it is compared with (the Fetch family: Hono). */
  readonly rival?: ContenderId;
  /**
   * Served by the reference server's real CLI with `--workers N`: `file` is then the app module it
   * serves (`file:benchApp`), and the process started is the supervisor.
   */
  readonly cliWorkers?: number;
  /** Runs as more than one process (a supervisor or cluster primary and its workers): it gets every core. */
  readonly multiProcess?: true;
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
  // The Fetch family: Flagon through `toFetchHandler` against Hono on the same server.
  {
    id: 'flagon-fetch',
    label: 'Flagon via Fetch (node-server)',
    file: file('flagon-fetch'),
    packages: ['@flagon/framework', '@flagon/gateway', '@hono/node-server'],
    rival: 'hono',
  },
  {
    id: 'flagon-bun',
    label: 'Flagon via Fetch (Bun.serve)',
    file: file('flagon-bun'),
    packages: ['@flagon/framework', '@flagon/gateway', '@oven/bun-linux-x64'],
    runtime: 'bun',
    rival: 'hono-bun',
  },
  {
    id: 'hono-bun',
    label: 'Hono (Bun.serve)',
    file: file('hono-bun'),
    packages: ['hono', '@oven/bun-linux-x64'],
    runtime: 'bun',
  },
];

/** The worker table's own contenders, in report order (the table also has node-http and flagon). */
export const WORKER_CONTENDERS: readonly Contender[] = [
  {
    id: 'node-cluster',
    label: 'node:http on node:cluster, 2 workers',
    file: file('node-cluster'),
    packages: [],
    multiProcess: true,
  },
  ...[1, 2].map(
    (count): Contender => ({
      id: count === 1 ? 'flagon-workers-1' : 'flagon-workers-2',
      label: `Flagon framework, flagon-gateway --workers ${count}`,
      file: file('flagon-app'),
      packages: ['@flagon/framework', '@flagon/gateway'],
      cliWorkers: count,
      multiProcess: true,
    }),
  ),
];

/** Every contender, the worker table's included. */
export const ALL_CONTENDERS: readonly Contender[] = [...CONTENDERS, ...WORKER_CONTENDERS];

/** The contenders the in-process run can measure: Node's HTTP objects need a Node process. */
export const IN_PROCESS_CONTENDERS: readonly Contender[] = CONTENDERS.filter(
  (contender) => contender.runtime !== 'bun',
);

/**
 * The command that runs a contender's server file: Node through tsx, or the Bun binary from
 * `@oven/bun-linux-x64` (a devDependency of the bench), which runs TypeScript itself.
 *
 * @example
 * ```ts
 * const [command, args] = runtimeCommand(contender); // [process.execPath, ['--import', 'tsx', file]]
 * ```
 */
export function runtimeCommand(contender: Contender): [command: string, args: string[]] {
  if (contender.runtime === 'bun') return [BUN_BINARY, [contender.file]];
  if (contender.cliWorkers !== undefined) {
    // What a user runs; quiet, so it prints only its `Listening on` line (to stderr).
    const serve = ['serve', `${contender.file}:benchApp`, '--workers', String(contender.cliWorkers)];
    const flags = ['--host', '127.0.0.1', '--port', '0', '--no-access-log', '--log-level', 'warn'];
    return [process.execPath, [...builtFlagonArgs(), gatewayCli(), ...serve, ...flags]];
  }
  return [process.execPath, [...nodeLoaderArgs(), contender.file]];
}

/**
 * The loader flags of a Node contender process: tsx for the contender's own file, and, once `pnpm bench`
 * staged the built packages, the hook resolving `@flagon/*` to them (`built-flagon.ts`).
 *
 * @example
 * ```ts
 * spawn(process.execPath, [...nodeLoaderArgs(), file]);
 * ```
 */
export function nodeLoaderArgs(): string[] {
  return ['--import', 'tsx', ...builtFlagonArgs()];
}

function builtFlagonArgs(): string[] {
  return process.env[BUILT_FLAGON_ENV] ? ['--import', BUILT_FLAGON_PRELOAD] : [];
}

/** The reference CLI: the staged build's when there is one (its workers inherit the preload), else the workspace's. */
function gatewayCli(): string {
  const built = process.env[BUILT_FLAGON_ENV];
  return built ? join(built, 'node_modules/@flagon/gateway/dist/server/cli.js') : GATEWAY_CLI;
}

const GATEWAY_CLI = fileURLToPath(new URL('../../packages/gateway/bin/flagon-gateway.js', import.meta.url));

const BUN_BINARY = fileURLToPath(new URL('../node_modules/@oven/bun-linux-x64/bin/bun', import.meta.url));

/** The contenders the ratios are taken against. */
export const BASELINES = { limit: 'node-http', framework: 'fastify' } as const satisfies Record<
  string,
  ContenderId
>;
