// Which saves --reload acts on: the include and exclude globs, and the folders never watched.
import { describe, expect, it } from 'vitest';
import { reloadFilter } from '../../src/server/reload/reload-filter.js';

const ROOT = '/srv/site';
const at = (path: string) => `${ROOT}/${path}`;

describe('reloadFilter', () => {
  it('watches source files by default, and passes over dot files, backups, node_modules and .git', () => {
    const filter = reloadFilter({ dirs: [ROOT], include: [], exclude: [] });
    const watched = ['app.ts', 'src/routes/page.tsx', 'lib/util.mjs', 'package.json', 'a/b/c.cjs'];
    const passed = ['notes.txt', 'views/page.eta', '.env', 'app.ts~', 'src/.#app.ts', 'node_modules/x/i.js'];
    expect(watched.map((path) => filter.watchesFile(at(path)))).toEqual(watched.map(() => true));
    expect(passed.map((path) => filter.watchesFile(at(path)))).toEqual(passed.map(() => false));
    const folders = ['node_modules', 'src/node_modules', '.git', '.cache', 'src'];
    expect(folders.map((path) => filter.skipsFolder(at(path)))).toEqual([true, true, true, true, false]);
    expect(filter.skipsFolder(ROOT)).toBe(false);
    expect(filter.watchesFile('/elsewhere/app.ts')).toBe(false);
  });

  it('adds the user include and exclude globs: a name without /, or a path from the watched folder', () => {
    const filter = reloadFilter({
      dirs: [ROOT],
      include: ['*.eta', '.env', 'config/*.yaml'],
      exclude: ['generated/**', '*.test.ts', 'tmp'],
    });
    expect(filter.watchesFile(at('views/deep/page.eta'))).toBe(true);
    expect(filter.watchesFile(at('.env'))).toBe(true); // the user's include beats the default `.*`
    expect(filter.watchesFile(at('config/app.yaml'))).toBe(true);
    expect(filter.watchesFile(at('other/app.yaml'))).toBe(false);
    expect(filter.watchesFile(at('generated/routes.ts'))).toBe(false);
    expect(filter.watchesFile(at('src/app.test.ts'))).toBe(false);
    expect(filter.skipsFolder(at('tmp'))).toBe(true);
    expect(filter.skipsFolder(at('src/tmp'))).toBe(true);
  });

  it('watches a file given itself as a --reload-dir, and judges a path by the deepest folder it is under', () => {
    const filter = reloadFilter({
      dirs: [ROOT, '/etc/site/settings.ini', `${ROOT}/.config`],
      include: [],
      exclude: [],
    });
    expect(filter.watchesFile('/etc/site/settings.ini')).toBe(true);
    // Under /srv/site/.config (given on its own), the path is judged from there: app.json is a source.
    expect(filter.watchesFile(at('.config/app.json'))).toBe(true);
  });
});
