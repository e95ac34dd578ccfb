// The public surface: what each entry point exports, with no name meaning two things across them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as root from '@flagon/framework';
import * as routing from '@flagon/framework/routing';
import * as testing from '@flagon/framework/testing';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { publishedManifest } from '../../../scripts/release/manifest.js';

const pkgDir = join(import.meta.dirname, '..');
const ENTRIES = {
  '.': 'src/index.ts',
  './testing': 'src/testing/index.ts',
  './routing': 'src/routing/index.ts',
  './auth': 'src/plugins/auth/index.ts',
  './cors': 'src/plugins/cors/index.ts',
  './openapi': 'src/plugins/openapi/index.ts',
  './compression': 'src/plugins/compression/index.ts',
  './rate-limit': 'src/plugins/rate-limit/index.ts',
  './request-id': 'src/plugins/request-id/index.ts',
  './security-headers': 'src/plugins/security-headers/index.ts',
};

/** Every name (value or type) each entry point re-exports: they are lists of `export { ... } from`. */
function exportedNames(): Record<string, string[]> {
  const names: Record<string, string[]> = {};
  for (const [entry, file] of Object.entries(ENTRIES)) {
    const source = ts.createSourceFile(
      file,
      readFileSync(join(pkgDir, file), 'utf8'),
      ts.ScriptTarget.Latest,
    );
    names[entry] = source.statements.flatMap((statement) => {
      if (!ts.isExportDeclaration(statement)) return [];
      const clause = statement.exportClause;
      if (clause === undefined || !ts.isNamedExports(clause))
        throw new Error(`${file}: export * hides names`);
      return clause.elements.map((element) => element.name.text);
    });
  }
  return names;
}

describe('the public API', () => {
  it('keeps the test client and the router out of the root, each behind its subpath', () => {
    expect(Object.keys(root)).not.toEqual(expect.arrayContaining(['createTestClient']));
    for (const name of ['createTestClient', 'CookieJar', 'TestResponse', 'Router', 'Scaffold']) {
      expect(root, name).not.toHaveProperty(name);
    }
    expect(typeof testing.createTestClient).toBe('function');
    expect(typeof routing.Router).toBe('function');
  });

  it('names the HTTP error HTTPException, with HTTPError the same class for one version', () => {
    expect(root.HTTPError).toBe(root.HTTPException);
    const error = new root.HTTPError(404);
    expect([error instanceof root.HTTPException, error.name, error.message]).toEqual([
      true,
      'HTTPException',
      'Not Found',
    ]);
  });

  it('exports no internals, no clashing names, and the same entries when published', {
    timeout: 60_000,
  }, () => {
    const names = exportedNames();
    for (const internal of ['Endpoint', 'RouteMatch', 'Scaffold', 'Router', 'Env', 'RouteDefinition']) {
      expect(names['.'], internal).not.toContain(internal);
    }
    expect(names['./routing']).not.toContain('RouteDefinition');
    // A name exported by two entry points must be the very same thing (a type the router and app share).
    for (const entry of ['./testing', './cors', './request-id', './security-headers']) {
      const clashes = names[entry]!.filter((name) => names['.']!.includes(name));
      expect(clashes, entry).toEqual([]);
    }
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    const published = publishedManifest(manifest, new Map([['@flagon/gateway', manifest.version]]));
    expect(Object.keys(published.exports ?? {})).toEqual(Object.keys(manifest.exports));
    for (const [entry, file] of Object.entries(ENTRIES)) expect(manifest.exports[entry]).toBe(`./${file}`);
  });
});
