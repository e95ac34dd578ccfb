import { createTestClient } from '@flagon/framework/testing';
import type { App } from '@flagon/gateway';
import { LifespanStartupError } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { respond } from './apps.js';

/** An app with a lifespan: startup stores a greeting (or fails), shutdown records itself in `events`. */
function lifespanApp(events: string[], failStartup = false): App {
  return async (scope, receive, send) => {
    if (scope.type === 'lifespan') {
      await receive();
      if (failStartup) {
        await send({ type: 'lifespan.startup.failed', message: 'no database' });
        return;
      }
      scope.state.greeting = 'hello from startup';
      events.push('startup');
      await send({ type: 'lifespan.startup.complete' });
      await receive();
      events.push('shutdown');
      await send({ type: 'lifespan.shutdown.complete' });
      return;
    }
    await respond(send, 200, String(scope.state.greeting));
  };
}

describe('the test client lifespan', () => {
  it('open() runs startup, whose state requests see; close() runs shutdown', async () => {
    const events: string[] = [];
    const client = createTestClient(lifespanApp(events));
    await client.open();
    expect(events).toEqual(['startup']);
    expect(await (await client.get('/')).text()).toBe('hello from startup');
    await client.close();
    expect(events).toEqual(['startup', 'shutdown']);
  });

  it('starts with the first request when open() was not called', async () => {
    const events: string[] = [];
    const client = createTestClient(lifespanApp(events));
    expect(await (await client.get('/')).text()).toBe('hello from startup');
    expect(events).toEqual(['startup']);
    await client.close();
  });

  it('closes at the end of the block with `await using`', async () => {
    const events: string[] = [];
    {
      await using client = createTestClient(lifespanApp(events));
      await client.open();
    }
    expect(events).toEqual(['startup', 'shutdown']);
  });

  it('open() rejects with the message of a failed startup', async () => {
    const client = createTestClient(lifespanApp([], true));
    const failure = client.open();
    await expect(failure).rejects.toBeInstanceOf(LifespanStartupError);
    await expect(failure).rejects.toThrow('no database');
  });

  it('starts from the state option', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') throw new Error('no lifespan');
      await respond(send, 200, String(scope.state.region));
    };
    const client = createTestClient(app, { state: { region: 'eu' } });
    expect(await (await client.get('/')).text()).toBe('eu');
  });
});
