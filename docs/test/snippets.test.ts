// Every ```ts block in docs/*.md is a promise to readers: it must type-check and run as written.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const docsDir = join(import.meta.dirname, '..');
const outDir = join(docsDir, '.snippets');
const tsc = join(docsDir, '..', 'node_modules', '.bin', 'tsc');

interface Snippet {
  doc: string;
  line: number;
  file: string;
}

/** The ```ts blocks of a markdown text, with the line each starts on. */
function extractTsBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```ts') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]?.trim() !== '```') end++;
    blocks.push({ line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

function writeSnippets(): Snippet[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const snippets: Snippet[] = [];
  const docs = readdirSync(docsDir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  for (const doc of [...docs, '../README.md']) {
    for (const block of extractTsBlocks(readFileSync(join(docsDir, doc), 'utf8'))) {
      const file = join(outDir, `${doc.replace(/^\.\.\//, '').replace(/\.md$/, '')}.L${block.line}.ts`);
      // `export {}` makes each block a module, so top-level await and local names stay local.
      writeFileSync(file, `${block.code}\nexport {};\n`);
      snippets.push({ doc, line: block.line, file });
    }
  }
  writeFileSync(
    join(outDir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../tsconfig.base.json',
      compilerOptions: { noEmit: true, allowImportingTsExtensions: true },
      include: ['*.ts'],
    }),
  );
  return snippets;
}

const snippets = writeSnippets();

/**
 * Runs `run` with what it prints (a server's "Listening on" and access log, as a reader running the
 * snippet would see) kept back, and shown only if it fails: a green run reads green.
 */
async function printedBy(run: () => Promise<unknown>): Promise<void> {
  const printed: string[] = [];
  const keep = (chunk: unknown) => {
    printed.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(keep),
    vi.spyOn(process.stderr, 'write').mockImplementation(keep),
    ...(['log', 'info', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args) => keep(args.join(' '))),
    ),
  ];
  try {
    await run();
  } catch (error) {
    throw new Error(`the snippet failed; it printed:\n${printed.join('')}`, { cause: error });
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('extractTsBlocks', () => {
  it('finds ts blocks and skips other languages and info strings', () => {
    const md = 'x\n```ts\nconst a = 1;\n```\n```js no-run\nnope\n```\n```ts\nconst b = 2;\n```\n';
    expect(extractTsBlocks(md)).toEqual([
      { line: 3, code: 'const a = 1;' },
      { line: 9, code: 'const b = 2;' },
    ]);
  });
});

describe('docs snippets', () => {
  beforeAll(() => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  it('type-check', { timeout: 120_000 }, async () => {
    const result = await promisify(execFile)(tsc, ['-p', join(outDir, 'tsconfig.json')]).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('');
  });

  it('use no `using` declarations, which Node 20 (the version the docs promise) cannot parse', () => {
    // The runner transpiles snippets, so they would pass here and fail for a reader on plain Node.
    const using = snippets.filter((snippet) =>
      /\b(await\s+)?using\s+[\w$]+\s*=/.test(readFileSync(snippet.file, 'utf8')),
    );
    expect(using.map((snippet) => `${snippet.doc}:${snippet.line}`)).toEqual([]);
  });

  for (const snippet of snippets) {
    it(`${snippet.doc}:${snippet.line} runs`, async () => {
      await printedBy(() => import(pathToFileURL(snippet.file).href));
    });
  }
});
