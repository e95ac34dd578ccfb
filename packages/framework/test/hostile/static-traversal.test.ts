// Path traversal against the static folder and `sendFile({ root })`, over every transport: every target
// of the corpora (the hand-written one and the published lists' spellings), dotfiles and symlinks that
// lead out, is a 404 (or, for a URL no server decodes, the server's 400): never the planted secret, never a 500, never a stack.
import { describe, expect, it } from 'vitest';
import { Flagon, sendFile } from '../../src/index.js';
import { makeTree, SECRET, silent, TRANSPORTS } from '../static/fixture.js';
import { publishedTraversalTargets, traversalTargets } from './traversal-corpus.js';

const { appRoot } = makeTree();

function app(): Flagon {
  const flagon = new Flagon({ root: appRoot, logger: silent });
  // The same folder through sendFile, from a wildcard param and from a one-segment param.
  flagon.get('/files/*name', (c) => sendFile(c.params.name, { root: `${appRoot}/static` }));
  flagon.get('/one/:name', (c) => sendFile(c.params.name, { root: `${appRoot}/static` }));
  return flagon;
}

/** Targets under `prefix`: `secret.txt` is one folder above the served one (and two). */
function targets(prefix: string): string[] {
  return [
    ...traversalTargets(prefix),
    ...publishedTraversalTargets(prefix, 'secret.txt'),
    // A dotfile inside the folder, however spelled.
    `${prefix}/.env`,
    `${prefix}/%2eenv`,
    `${prefix}/css/../.env`,
    // Symlinks inside the folder that lead out of it: to a file, and to a folder above.
    `${prefix}/leak.txt`,
    `${prefix}/up/secret.txt`,
    `${prefix}/up/app/secret.txt`,
    `${prefix}/styles/../../secret.txt`,
    // Not files: the folder itself, a subfolder, an empty name.
    `${prefix}/css`,
    `${prefix}/css/`,
    `${prefix}/`,
  ];
}

describe.each(TRANSPORTS)('traversal of the static folder over %s', (transport, connect) => {
  const ask = connect(app());

  it('serves the public files the corpus is aimed beside', async () => {
    for (const path of [
      '/static/hello.txt',
      '/files/hello.txt',
      '/one/hello.txt',
      '/static/up/app/static/hello.txt',
    ]) {
      const res = await ask(path);
      expect([res.status, res.body.toString()], path).toEqual([200, 'hello, static']);
    }
  });

  // The static route on every transport; sendFile's routes resolve names the same way, so once suffices.
  const prefixes = transport === TRANSPORTS[0]![0] ? ['/static', '/files', '/one'] : ['/static'];
  it.each(prefixes)('answers 404 to every traversal target under %s', async (prefix) => {
    const all = targets(prefix);
    expect(all.length).toBeGreaterThan(250);
    const wrong: string[] = [];
    for (const target of all) {
      const res = await ask(target);
      const body = res.body.toString('latin1');
      // Overlong UTF-8 and `%u` escapes are no URL the server decodes: it answers 400 before the app runs.
      const expected = /%c0|%u/i.test(target) ? 400 : 404;
      if (
        res.status !== expected ||
        body.includes(SECRET) ||
        body.includes(appRoot) ||
        /\n\s+at /.test(body)
      ) {
        wrong.push(`${target} → ${res.status} ${body.slice(0, 80)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
