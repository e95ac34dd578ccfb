/**
 * `flagon`: the framework's command line (`bin/flagon.js` runs this module). `flagon routes app.ts`
 * lists an app's routes; `flagon --help` says more.
 */
import { runCli } from './cli/run-cli.js';

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
// Exit explicitly: the app module may have opened handles (a pool, a timer) on import.
process.stdout.write('', () => process.exit(code));
