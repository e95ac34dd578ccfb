// The kit itself: it must fail servers that break a rule (saying which and why), skip what a server does
// not offer, and report through any runner. The broken servers are toNodeHandler with the server's side
// of the call bent by a wrapper around the app the kit hands over.
import { describe, expect, it, vi } from 'vitest';
import type { CheckResult, ConformanceCheck, StartServer, TestRunner } from '../../src/conformance/index.js';
import { defineConformanceSuite, Mailbox, runConformance } from '../../src/conformance/index.js';
import type { App, HttpScope, HttpSendEvent, Send } from '../../src/index.js';
import { nodeServer } from './node-server.js';

/** A server whose side of each http call is bent by `bend` (it gets the kit's app and returns what runs). */
function brokenServer(bend: (app: App) => App): StartServer {
  return (app) => nodeServer(bend(app));
}

/** A server that shows the app a different scope: `change` maps each key's value. */
function withScope(change: (scope: HttpScope, key: PropertyKey) => unknown): StartServer {
  return brokenServer((app) => (scope, receive, send) => {
    if (scope.type !== 'http') return app(scope, receive, send);
    const bent = new Proxy(scope, { get: (target, key) => change(target, key) });
    return app(bent, receive, send);
  });
}

/** A server whose send is replaced by `bend(original)`. */
function withSend(bend: (send: Send) => Send): StartServer {
  return brokenServer(
    (app) => (scope, receive, send) => app(scope, receive, scope.type === 'http' ? bend(send) : send),
  );
}

async function resultOf(startServer: StartServer, id: string, timeout = 2_000): Promise<CheckResult> {
  const report = await runConformance({ startServer }, { only: [id], timeout });
  expect(report.results).toHaveLength(1);
  return report.results[0]!;
}

describe('the conformance kit fails a server that breaks a rule', () => {
  it('quotes the validate() rule a bad scope breaks', async () => {
    const lowercaseMethod = withScope((scope, key) =>
      key === 'method' ? scope.method.toLowerCase() : Reflect.get(scope, key),
    );
    const result = await resultOf(lowercaseMethod, 'scope-basics');
    expect(result).toMatchObject({ id: 'scope-basics', status: 'failed' });
    expect(result.message).toMatch(
      /^\[method-token\] scope: method must be an uppercase HTTP token .*, got "patch"$/,
    );
  });

  it('says which headers came out wrong', async () => {
    const reversed = withScope((scope, key) =>
      key === 'headers' ? [...scope.headers].reverse() : Reflect.get(scope, key),
    );
    const result = await resultOf(reversed, 'scope-headers');
    expect(result.status).toBe('failed');
    expect(result.message).toContain("'x-dup'");
  });

  it('catches a server that holds streamed chunks back until the response ends', async () => {
    const holding = withSend((send) => {
      const held: HttpSendEvent[] = [];
      return async (event) => {
        if (event.type === 'http.response.body' && event.more) {
          held.push(event);
          return;
        }
        for (const chunk of held.splice(0)) await send(chunk);
        await send(event);
      };
    });
    const streamed = await resultOf(holding, 'response-streamed', 1_000);
    expect(streamed).toMatchObject({ status: 'failed' });
    expect(streamed.message).toMatch(/^timed out after 1000 ms waiting for "client-has-first-chunk"/);
    const backpressure = await resultOf(holding, 'response-backpressure');
    expect(backpressure.message).toMatch(
      /^send resolved for \d+ bytes the client never read: no backpressure/,
    );
  });

  it('catches a server that handles sends out of the order they were called in', async () => {
    // Each body event waits before it is handled, the final one least: it overtakes the chunks before it.
    const reordering = withSend((send) => async (event) => {
      if (event.type === 'http.response.body')
        await new Promise((resolve) => setTimeout(resolve, event.more ? 20 : 1));
      return send(event);
    });
    const result = await resultOf(reordering, 'response-send-order');
    expect(result.status).toBe('failed');
    // The final chunk went out first and ended the response: the chunks before it came too late.
    expect(result.message).toMatch(/\+ 'three'\n- 'one;two;three'/);
  });

  it('catches a server that ends a response as complete after the app failed', async () => {
    const papering = brokenServer((app) => async (scope, receive, send) => {
      let started = false;
      const tracking: Send = (event) => {
        if (event.type === 'http.response.start') started = true;
        return send(event);
      };
      try {
        await app(scope, receive, tracking);
      } catch (error) {
        if (!started) throw error;
        await send({ type: 'http.response.body', body: '' }); // ends the chunked body as if all went well
      }
    });
    const result = await resultOf(papering, 'error-after-start');
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/^the truncated response looked complete/);
  });

  it('fails an extension the server claims but does not honour', async () => {
    const droppingTrailers = withSend(
      (send) => (event) => send(event.type === 'http.response.trailers' ? { ...event, headers: [] } : event),
    );
    const result = await resultOf(droppingTrailers, 'extension-trailers');
    expect(result.status).toBe('failed');
    expect(result.message).toContain('abc123');
  });
});

describe('the conformance kit skips what a server does not offer', () => {
  it('skips an extension check when scope.extensions lacks it, naming the extension', async () => {
    const noExtensions = withScope((scope, key) => (key === 'extensions' ? {} : Reflect.get(scope, key)));
    const report = await runConformance(
      { name: 'bare', startServer: noExtensions },
      {
        only: [
          'extension-trailers',
          'extension-file',
          'extension-early-hints',
          'extension-tasks',
          'scope-basics',
        ],
      },
    );
    expect(report.results.map((result) => [result.id, result.status, result.message])).toEqual([
      ['scope-basics', 'passed', expect.any(String)],
      ['extension-trailers', 'skipped', 'the server does not offer the trailers extension'],
      ['extension-file', 'skipped', 'the server does not offer the file extension'],
      ['extension-early-hints', 'skipped', 'the server does not offer the earlyHints extension'],
      ['extension-tasks', 'skipped', 'the server does not offer the tasks extension'],
    ]);
    expect(report).toMatchObject({ name: 'bare', passed: 1, failed: 0, skipped: 4, ok: true });
  });

  it('skips the drain checks for a server without drain()', async () => {
    const result = await resultOf(nodeServer, 'drain-notice');
    expect(result).toMatchObject({ status: 'skipped', message: 'the server has no drain()' });
  });
});

describe('runConformance and defineConformanceSuite', () => {
  const hanging: ConformanceCheck = {
    id: 'hangs',
    spec: '§0',
    rule: 'an interaction that waits for a note nobody posts',
    app: () => async () => {},
    interact: async ({ start, mailbox }) => {
      await start();
      await mailbox.next('never');
    },
  };

  it('fails a check that runs out of time, says what it waited for, and closes its server', async () => {
    const close = vi.fn(async () => {});
    const startServer: StartServer = async () => ({ url: 'http://127.0.0.1:1', close });
    const report = await runConformance({ startServer }, { checks: [hanging], timeout: 100 });
    expect(report.results).toEqual([
      {
        id: 'hangs',
        spec: '§0',
        rule: 'an interaction that waits for a note nobody posts',
        status: 'failed',
        message: 'timed out after 100 ms waiting for "never"',
      },
    ]);
    expect(report.ok).toBe(false);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('refuses an unknown check id rather than running nothing', async () => {
    await expect(runConformance({ startServer: nodeServer }, { only: ['no-such-check'] })).rejects.toThrow(
      'no conformance check with id no-such-check',
    );
  });

  it('registers one test per check, failing with the reason and skipping through the runner context', async () => {
    const tests = new Map<string, (...args: unknown[]) => Promise<void>>();
    const suites: string[] = [];
    const runner: TestRunner = {
      describe: (name, body) => {
        suites.push(name);
        body();
      },
      it: (name, test) => {
        tests.set(name, test);
      },
    };
    const passing: ConformanceCheck = { ...hanging, id: 'passes', interact: async () => {} };
    const skipping: ConformanceCheck = {
      ...hanging,
      id: 'skips',
      interact: async ({ skip }) => skip('not here'),
    };
    defineConformanceSuite({ name: 'fake', startServer: nodeServer }, runner, {
      checks: [passing, skipping, hanging],
      timeout: 100,
    });
    expect(suites).toEqual(['gateway conformance: fake']);
    expect([...tests.keys()]).toEqual([
      'passes (§0): an interaction that waits for a note nobody posts',
      'skips (§0): an interaction that waits for a note nobody posts',
      'hangs (§0): an interaction that waits for a note nobody posts',
    ]);
    const [passes, skips, hangs] = [...tests.values()];
    await expect(passes!()).resolves.toBeUndefined();
    const skip = vi.fn();
    await skips!({ skip });
    expect(skip).toHaveBeenCalledWith('not here');
    await expect(hangs!()).rejects.toThrow('timed out after 100 ms waiting for "never"');
  });
});

describe('Mailbox', () => {
  it('hands notes to waiters in order, remembers the latest, and logs what came when', async () => {
    const mailbox = new Mailbox();
    const first = mailbox.next('a');
    mailbox.post('a', 1);
    mailbox.post('b');
    mailbox.post('a', 2);
    expect(await first).toBe(1);
    expect(await mailbox.next('a')).toBe(2);
    expect(mailbox.latest('a')).toBe(2);
    expect(mailbox.log).toEqual(['a', 'b', 'a']);
  });

  it('rejects waits once closed, naming the key', async () => {
    const mailbox = new Mailbox();
    const pending = mailbox.next('reply');
    expect(mailbox.pendingKeys).toEqual(['reply']);
    mailbox.close(new Error('the check is over'));
    await expect(pending).rejects.toThrow('the check is over (while waiting for "reply")');
    await expect(mailbox.next('other')).rejects.toThrow('(while waiting for "other")');
  });
});
