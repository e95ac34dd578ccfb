// What loading the framework loads: its runtime import graph, followed into @flagon/gateway, reaches no
// server module. architecture.test.ts checks the framework's own imports; a server module behind one of
// the gateway's entry points (its root re-exports the Node bridge) is only seen by following them.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');
const PACKAGES: Record<string, string> = {
  '@flagon/framework': join(repo, 'packages', 'framework'),
  '@flagon/gateway': join(repo, 'packages', 'gateway'),
};
const SERVER_MODULES = new Set(['http', 'https', 'http2', 'net', 'cluster']);
const gatewayServerDir = join(PACKAGES['@flagon/gateway']!, 'src', 'server') + sep;

/** The modules `file` loads when it runs: `import type` and `export type` load nothing, all else does. */
function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A workspace file for `specifier` imported from `from`, or `null` for a module outside the workspace. */
function resolveInWorkspace(specifier: string, from: string): string | null {
  if (specifier.startsWith('.')) return resolve(dirname(from), specifier).replace(/\.js$/, '.ts');
  const name = Object.keys(PACKAGES).find((pkg) => specifier === pkg || specifier.startsWith(`${pkg}/`));
  if (name === undefined) return null;
  const dir = PACKAGES[name]!;
  const exports = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports as Record<
    string,
    string
  >;
  const target = exports[`.${specifier.slice(name.length)}`];
  if (target === undefined) throw new Error(`${specifier} is not exported by ${name}`);
  return join(dir, target);
}

/** Every server module the runtime graph from `entries` reaches, each with the chain of files to it. */
function serverModulesReached(entries: string[]): string[] {
  const parent = new Map<string, string | null>(entries.map((entry) => [entry, null]));
  const queue = [...entries];
  const reached: string[] = [];
  const chain = (file: string): string => {
    const steps: string[] = [];
    for (let at: string | null = file; at !== null; at = parent.get(at) ?? null) {
      steps.unshift(relative(repo, at));
    }
    return steps.join(' -> ');
  };
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (file.startsWith(gatewayServerDir)) {
      reached.push(chain(file));
      continue;
    }
    for (const specifier of runtimeSpecifiers(file)) {
      const target = resolveInWorkspace(specifier, file);
      if (target === null) {
        if (SERVER_MODULES.has(specifier.replace(/^node:/, '')))
          reached.push(`${chain(file)} -> ${specifier}`);
        continue;
      }
      if (parent.has(target)) continue;
      parent.set(target, file);
      queue.push(target);
    }
  }
  return reached;
}

const framework = (path: string) => join(PACKAGES['@flagon/framework']!, 'src', path);

describe('the runtime import graph', () => {
  it('is followed through package entries and re-exports (the gateway root reaches node:http)', () => {
    const reached = serverModulesReached([join(PACKAGES['@flagon/gateway']!, 'src', 'index.ts')]);
    expect(reached.some((chain) => chain.endsWith('-> node:http'))).toBe(true);
  });

  it('of every framework entry point reaches no server module, through the gateway or otherwise', () => {
    const entries = [
      'index.ts',
      'testing/index.ts',
      'routing/index.ts',
      'plugins/auth/index.ts',
      'plugins/cors/index.ts',
      'plugins/openapi/index.ts',
      'plugins/compression/index.ts',
      'plugins/rate-limit/index.ts',
      'plugins/request-id/index.ts',
      'plugins/security-headers/index.ts',
    ].map(framework);
    expect(serverModulesReached(entries)).toEqual([]);
  });
});
