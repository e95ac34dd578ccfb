// The framework is a gateway app and nothing else: it must run under any server, so no file of it may
// import a server module (Node's networking, or our own reference server).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const srcDir = join(import.meta.dirname, '..', 'src');

const FORBIDDEN = new Set([
  'node:http',
  'node:https',
  'node:http2',
  'node:net',
  'node:cluster',
  'http',
  'https',
  'http2',
  'net',
  'cluster',
  '@flagon/gateway/server',
]);

/**
 * The forbidden modules `source` (the text of a file at `file`) imports, statically or dynamically,
 * by `import`, `export … from`, `import()` or `require()`. Comments and strings are not imports.
 * A relative import that leaves the framework's `src` is reported too: it would dodge package exports.
 */
function forbiddenImports(source: string, file: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((ref) => ref.fileName)
    .filter((specifier) => {
      if (FORBIDDEN.has(specifier) || specifier.startsWith('@flagon/gateway/server/')) return true;
      if (!specifier.startsWith('.')) return false;
      const target = resolve(dirname(file), specifier);
      return target !== srcDir && !target.startsWith(srcDir + sep);
    });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the import scanner', () => {
  const file = join(srcDir, 'sample.ts');

  it('reports every form of importing a server module', () => {
    const sample = [
      "import http from 'node:http';",
      "import { createServer } from 'https';",
      "import type { Socket } from 'node:net';",
      "export { serve } from '@flagon/gateway/server';",
      "import '@flagon/gateway/server/cli.js';",
      "const cluster = await import('cluster');",
      "const h2 = require('node:http2');",
    ].join('\n');
    expect(forbiddenImports(sample, file)).toEqual([
      'node:http',
      'https',
      'node:net',
      '@flagon/gateway/server',
      '@flagon/gateway/server/cli.js',
      'cluster',
      'node:http2',
    ]);
  });

  it('reports a relative import that reaches out of the framework source', () => {
    const sample = "import { serve } from '../../gateway/src/server/index.js';";
    expect(forbiddenImports(sample, file)).toEqual(['../../gateway/src/server/index.js']);
  });

  it('allows the gateway, its other subpaths, other node modules, and mentions in comments', () => {
    const sample = [
      "import type { App } from '@flagon/gateway';",
      "import { loadApp } from '@flagon/gateway/loader';",
      "import { readFile } from 'node:fs/promises';",
      "import { z } from 'zod';",
      "import { Router } from './routing/router.js';",
      "// import http from 'node:http';",
      "/** @example import { serve } from '@flagon/gateway/server'; */",
      'const text = "require(\'net\')";',
    ].join('\n');
    expect(forbiddenImports(sample, file)).toEqual([]);
  });
});

describe('the framework source', () => {
  const files = sourceFiles(srcDir);

  it('is scanned (the walk finds the entry point)', () => {
    expect(files).toContain(join(srcDir, 'index.ts'));
  });

  it('imports no server module', () => {
    const offenders = files.flatMap((file) =>
      forbiddenImports(readFileSync(file, 'utf8'), file).map(
        (specifier) => `${relative(srcDir, file)} imports ${specifier}`,
      ),
    );
    expect(offenders).toEqual([]);
  });
});
