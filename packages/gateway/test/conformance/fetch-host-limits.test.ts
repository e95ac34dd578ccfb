// What a Fetch host may do short of the full rule (spec §2, "Fetch hosts"): the kit reports it as
// "limited", only for a target that says it is a Fetch host, and only when the weaker rule holds.
import { describe, expect, it } from 'vitest';
import type { StartServer } from '../../src/conformance/index.js';
import { runConformance } from '../../src/conformance/index.js';
import type { App, HttpScope } from '../../src/index.js';
import { nodeServer } from './node-server.js';

/** A node:http server that shows the app the scope keys `bend` returns (as a Fetch host would). */
function serverShowing(bend: (scope: HttpScope) => Partial<HttpScope>): StartServer {
  return async (app: App) => {
    const bent: App = (scope, receive, send) => {
      if (scope.type !== 'http') return app(scope, receive, send);
      const changed = bend(scope);
      const shown = new Proxy(scope, {
        get: (target, key) => (key in changed ? Reflect.get(changed, key) : Reflect.get(target, key)),
      });
      return app(shown, receive, send);
    };
    return nodeServer(bent);
  };
}

/** Headers as Fetch's Headers gives them back: repeated names joined with ", ", names sorted. */
function joinedHeaders(scope: HttpScope): Pick<HttpScope, 'headers'> {
  const joined = new Map<string, string>();
  for (const [name, value] of scope.headers)
    joined.set(name, joined.has(name) ? `${joined.get(name)}, ${value}` : value);
  const headers = [...joined].sort(([a], [b]) => a.localeCompare(b));
  return { headers };
}

async function outcome(startServer: StartServer, id: string, fetchHost: boolean) {
  const report = await runConformance({ startServer, fetchHost }, { only: [id], timeout: 2_000 });
  return { ...report.results[0]!, limited: report.limited, ok: report.ok };
}

describe('the limits of Fetch hosts', () => {
  it('reports joined repeated headers as a limit of a Fetch host, and as a failure of any other server', async () => {
    const joined = serverShowing(joinedHeaders);
    expect(await outcome(joined, 'scope-headers', true)).toMatchObject({
      status: 'limited',
      message:
        'limit of Fetch hosts: repeated headers arrive joined with ", " and in sorted order (Fetch\'s Headers merges them)',
      limited: 1,
      ok: true,
    });
    expect(await outcome(joined, 'scope-headers', false)).toMatchObject({ status: 'failed', ok: false });
  });

  it('fails a Fetch host that loses more than the split: a value changed', async () => {
    const lowered = serverShowing((scope) => {
      const headers = joinedHeaders(scope).headers.map(
        ([name, value]) => [name, value.toLowerCase()] as const,
      );
      return { headers };
    });
    const result = await outcome(lowered, 'scope-headers', true);
    expect(result.status).toBe('failed');
    expect(result.message).toContain('Value Kept');
  });

  it('reports "1.1" for an HTTP/1.0 request as a limit of a Fetch host only', async () => {
    const alwaysOneOne = serverShowing(() => ({ httpVersion: '1.1' }));
    expect(await outcome(alwaysOneOne, 'scope-http-version', true)).toMatchObject({
      status: 'limited',
      message: 'limit of Fetch hosts: the host does not tell the HTTP version, so it is reported as "1.1"',
    });
    expect(await outcome(alwaysOneOne, 'scope-http-version', false)).toMatchObject({ status: 'failed' });
  });

  it('passes a Fetch host that carries the truth, and never reports it as limited', async () => {
    const truthful = serverShowing(() => ({}));
    expect(await outcome(truthful, 'scope-headers', true)).toMatchObject({ status: 'passed', limited: 0 });
    expect(await outcome(truthful, 'scope-http-version', true)).toMatchObject({
      status: 'passed',
      limited: 0,
    });
  });
});
