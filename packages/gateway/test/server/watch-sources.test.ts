// The --reload watcher in this process: a burst of saves is one change, and ignored paths are no change.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceWatcher } from '../../src/server/reload/watch-sources.js';
import { describeChanges, watchSources } from '../../src/server/reload/watch-sources.js';
import { captureLogger, eventually } from '../node/helpers.js';

let watcher: SourceWatcher | null = null;
let folder = '';
afterEach(async () => {
  await watcher?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('watchSources', () => {
  it('reports a burst of saves once, after the debounce, and never a node_modules, .git or non-source file', async () => {
    folder = mkdtempSync(join(tmpdir(), 'flagon-watch-'));
    for (const dir of ['src', 'node_modules/dep', '.git']) mkdirSync(join(folder, dir), { recursive: true });
    const batches: string[][] = [];
    const logger = captureLogger();
    watcher = await watchSources(
      { dirs: [folder], include: [], exclude: [] },
      (files) => batches.push([...files].sort()),
      logger,
      300,
    );
    writeFileSync(join(folder, 'node_modules/dep/index.js'), '1');
    writeFileSync(join(folder, '.git/HEAD'), 'ref');
    writeFileSync(join(folder, 'notes.txt'), 'text');
    writeFileSync(join(folder, 'app.ts'), 'export {}');
    writeFileSync(join(folder, 'src/routes.ts'), 'export {}');
    await eventually(() => batches.length > 0);
    // Another save, well after the first burst was reported: a batch of its own.
    writeFileSync(join(folder, 'app.ts'), 'export const x = 1;');
    await eventually(() => batches.length > 1);
    expect(batches).toEqual([
      [join(folder, 'app.ts'), join(folder, 'src/routes.ts')],
      [join(folder, 'app.ts')],
    ]);
    expect(logger.lines).toEqual([]);
  });
});

describe('describeChanges', () => {
  it('names up to three files, from the current directory when under it, then how many more', () => {
    const files = ['/srv/a.ts', '/srv/lib/b.ts', '/elsewhere/c.ts', '/srv/d.ts', '/srv/e.ts'];
    expect(describeChanges(files.slice(0, 1), '/srv')).toBe('a.ts');
    expect(describeChanges(files, '/srv')).toBe('a.ts, lib/b.ts, /elsewhere/c.ts and 2 more');
  });
});
