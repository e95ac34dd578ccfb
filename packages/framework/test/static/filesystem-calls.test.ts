// What a static file costs the filesystem per request in the framework: one realpath of the file and one
// stat (the folder's own realpath looked up once and kept), no second stat to measure it, no whole read.
// In memory only: over a socket the server's own file send stats the file again (node/file-slice.ts),
// which is the server's cost, not the app's.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ stat: 0, realpath: 0, readFile: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const counted = {
    ...fs,
    stat: ((...args: Parameters<typeof fs.stat>) => {
      calls.stat++;
      return fs.stat(...args);
    }) as typeof fs.stat,
    realpath: ((...args: Parameters<typeof fs.realpath>) => {
      calls.realpath++;
      return fs.realpath(...args);
    }) as typeof fs.realpath,
    readFile: ((...args: Parameters<typeof fs.readFile>) => {
      calls.readFile++;
      return fs.readFile(...args);
    }) as typeof fs.readFile,
  };
  return { ...counted, default: counted };
});

const { Flagon } = await import('../../src/index.js');
const { BIG, makeTree, silent, TRANSPORTS } = await import('./fixture.js');

const { appRoot } = makeTree();

describe.each(TRANSPORTS.slice(0, 2))('filesystem calls per static request over %s', (_name, connect) => {
  const ask = connect(new Flagon({ root: appRoot, logger: silent }));
  beforeEach(() => {
    calls.stat = 0;
    calls.realpath = 0;
    calls.readFile = 0;
  });

  it('are one realpath and one stat, the folder resolved once, the file never read whole', async () => {
    for (let i = 0; i < 3; i++) expect((await ask('/static/big.bin')).body.length).toBe(BIG.length);
    // The folder's realpath is kept from the first request this app served (in this test or before).
    expect(calls.stat).toBe(3);
    expect(calls.realpath === 3 || calls.realpath === 4).toBe(true);
    expect(calls.readFile).toBe(0);
    calls.realpath = 0;
    calls.stat = 0;
    await ask('/static/hello.txt', { range: 'bytes=0-1' });
    expect([calls.stat, calls.realpath]).toEqual([1, 1]);
  });
});
