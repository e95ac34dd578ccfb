// A runtime the matrix cannot run is reported with the reason, never taken for one that passed.
import { describe, expect, it } from 'vitest';
import { findRuntime } from './runtimes.js';

describe('findRuntime', () => {
  it('says a binary that is not installed is missing, and which package brings it', () => {
    expect(findRuntime('bun', { command: '/nonexistent/bun' })).toEqual({
      name: 'Bun',
      missing: '/nonexistent/bun is not installed (pnpm install installs the @oven/bun-linux-x64 package)',
    });
  });

  it('says a binary of the wrong version is missing, with the version it printed', () => {
    const found = findRuntime('node24', { command: process.execPath });
    expect(found).toEqual({
      name: 'Node 24',
      missing: `${process.execPath} is ${process.version}, not /^v24\\./`,
    });
  });

  it('says a binary that fails to start is missing, with the failure', () => {
    const found = findRuntime('deno', { command: '/bin/false' });
    expect(found).toMatchObject({
      name: 'Deno',
      missing: expect.stringMatching(/^\/bin\/false --version failed: /),
    });
  });

  it('finds the Node running the tests, with its version', () => {
    expect(findRuntime('node20')).toMatchObject({
      name: 'Node 20',
      command: process.execPath,
      version: process.version,
    });
  });
});
