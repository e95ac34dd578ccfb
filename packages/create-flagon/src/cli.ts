/**
 * `create-flagon <directory> [--tarballs <dir>]`, run by `npm create flagon@latest my-app`: writes a
 * starter app and says what to run next.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createStarter, StarterError } from './create-starter.js';

const USAGE = `Usage: npm create flagon@latest <directory>
       create-flagon <directory> [--tarballs <dir>]

Writes a small Flagon app (a page, a JSON route with zod, a test) into a new or empty directory.

Options:
  --tarballs <dir>  install @flagon/framework and @flagon/gateway from the tarballs in <dir>
                    (made by pnpm release:pack) instead of the registry
  -h, --help        show this help
`;

function main(argv: string[]): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`create-flagon: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [directory, ...extra] = parsed.positionals;
  if (directory === undefined || extra.length > 0) {
    process.stderr.write(`create-flagon: give one directory to create the app in\n\n${USAGE}`);
    return 2;
  }
  try {
    const starter = createStarter({ directory, tarballs: parsed.values.tarballs });
    const cd = relative(process.cwd(), starter.directory) || '.';
    process.stdout.write(
      `Created ${starter.name} in ${starter.directory}\n\nNext:\n  cd ${cd}\n  npm install\n  npm test\n  npm start\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof StarterError)) throw error;
    process.stderr.write(`create-flagon: ${error.message}\n`);
    return 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { tarballs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}

process.exitCode = main(process.argv.slice(2));
