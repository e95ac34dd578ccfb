// Each package's bin runs its TypeScript source in the workspace and its built dist/ once packed: chosen
// by whether src/ is there, so a `pnpm build` (which adds dist/ beside src/) changes nothing it runs.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publicPackages, ROOT } from '../../scripts/release/workspace.js';
import { mustRun } from '../consumer/commands.js';

const scratch = mkdtempSync(join(tmpdir(), 'flagon-bins-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(
  publicPackages().flatMap((pkg) =>
    Object.values((pkg.manifest.bin ?? {}) as Record<string, string>).map((bin) => ({ pkg, bin })),
  ),
)('$bin of $pkg.manifest.name', ({ pkg, bin }) => {
  it('runs src/ when it is there, even beside a dist/, and dist/ when src/ is not', async () => {
    const dir = join(scratch, basename(pkg.dir));
    cpSync(join(pkg.dir, bin), join(dir, bin));
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    // As in the package: an ES module package, with tsx resolvable beside it.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: pkg.manifest.name, type: 'module' }));
    symlinkSync(join(ROOT, 'node_modules', 'tsx'), join(dir, 'node_modules', 'tsx'));
    const entry = /new URL\('\.\.\/src\/(.+)\.ts'/.exec(readFileSync(join(pkg.dir, bin), 'utf8'))?.[1];
    expect(entry, 'the bin names its source entry').toBeDefined();
    for (const [tree, file, text] of [
      ['src', `${entry}.ts`, 'source'],
      ['dist', `${entry}.js`, 'dist'],
    ] as const) {
      mkdirSync(dirname(join(dir, tree, file)), { recursive: true });
      const typed = tree === 'src' ? ': string' : '';
      writeFileSync(join(dir, tree, file), `const ran${typed} = '${text}';\nconsole.log(ran);\n`);
    }
    expect(await mustRun(process.execPath, [join(dir, bin)], dir)).toBe('source\n');
    rmSync(join(dir, 'src'), { recursive: true });
    expect(await mustRun(process.execPath, [join(dir, bin)], dir)).toBe('dist\n');
  });
});
