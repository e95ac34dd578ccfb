/** Writes a new Flagon app from the template shipped beside this package's code. */
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLAGON_PACKAGES, packageName, starterManifest } from './starter-manifest.js';

const TEMPLATE = fileURLToPath(new URL('../template/', import.meta.url));
const OWN_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** A starter that cannot be written; the message says why, and nothing was written. */
export class StarterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StarterError';
  }
}

/** What {@link createStarter} takes. */
export interface StarterOptions {
  /** Where to write the app: a new or empty directory. */
  readonly directory: string;
  /** A directory holding Flagon's packed tarballs, to install from instead of the registry. */
  readonly tarballs?: string;
}

/** What {@link createStarter} wrote. */
export interface Starter {
  /** The app's directory, absolute. */
  readonly directory: string;
  readonly name: string;
  /** Where each Flagon package will be installed from. */
  readonly flagon: Readonly<Record<string, string>>;
}

/**
 * Writes a small app into `directory`: `src/app.ts` (a page and a JSON route with zod), its test,
 * a tsconfig and `start`, `dev` and `test` scripts. A non-empty directory is refused untouched.
 *
 * @example
 * ```ts
 * const starter = createStarter({ directory: 'my-app' });
 * // then: cd my-app && npm install && npm test && npm start
 * ```
 */
export function createStarter(options: StarterOptions): Starter {
  const directory = resolve(options.directory);
  if (existsSync(directory) && readdirSync(directory).length > 0) {
    throw new StarterError(`${directory} is not empty: give a new directory, or an empty one`);
  }
  const flagon = flagonSources(options.tarballs);
  const name = packageName(basename(directory));
  cpSync(TEMPLATE, directory, { recursive: true });
  // npm leaves .gitignore files out of tarballs, so the template ships it without the dot.
  renameSync(join(directory, 'gitignore'), join(directory, '.gitignore'));
  writeFileSync(
    join(directory, 'package.json'),
    `${JSON.stringify(starterManifest(name, flagon), null, 2)}\n`,
  );
  return { directory, name, flagon };
}

/** `^<this version>` from the registry, or `file:` tarballs found in `tarballs`. */
function flagonSources(tarballs: string | undefined): Record<(typeof FLAGON_PACKAGES)[number], string> {
  const entries = FLAGON_PACKAGES.map((pkg) => {
    if (tarballs === undefined) return [pkg, `^${OWN_VERSION}`] as const;
    const dir = resolve(tarballs);
    const prefix = `${pkg.replace(/^@/, '').replace('/', '-')}-`;
    const found = existsSync(dir)
      ? readdirSync(dir).filter(
          (file) => file.startsWith(prefix) && file.endsWith('.tgz') && /^\d/.test(file.slice(prefix.length)),
        )
      : [];
    if (found.length !== 1) {
      const what = found.length === 0 ? 'no' : `${found.length}`;
      throw new StarterError(
        `${dir} has ${what} ${prefix}<version>.tgz; it needs exactly one (made by pnpm release:pack)`,
      );
    }
    return [pkg, `file:${join(dir, found[0]!)}`] as const;
  });
  return Object.fromEntries(entries) as Record<(typeof FLAGON_PACKAGES)[number], string>;
}
