// A route pattern that does not parse is refused where it is declared, with the file and line, and with
// the syntax Flagon routes take, rather than path-to-regexp's bare message and link.
import { describe, expect, it } from 'vitest';
import { Blueprint, Flagon } from '../../src/index.js';
import { Router } from '../../src/routing/index.js';

const HERE = /\(declared at [^)]*pattern-errors\.test\.ts:\d+:\d+\)$/;

describe('a route pattern that does not parse', () => {
  it('names the pattern, the supported syntax and where it was declared, on the app', () => {
    const app = new Flagon();
    let message = '';
    try {
      app.get('/users/:id?', () => 'user');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^route "\/users\/:id\?" is not a valid pattern: Unexpected \? at index 10. Route syntax /,
    );
    expect(message).toContain('"{/:id}" an optional part');
    expect(message).toContain('"*rest" a wildcard');
    expect(message).not.toContain('git.new');
    expect(message).toMatch(HERE);
  });

  it('is refused on the blueprint route, not when the blueprint is registered', () => {
    const admin = new Blueprint('admin', { prefix: '/admin' });
    expect(() => admin.post('/files/(.*)', () => 'x')).toThrow(HERE);
    expect(() => admin.route('/{x', () => 'x')).toThrow(
      /^route "\/\{x" is not a valid pattern: Unexpected end at index 3/,
    );
  });

  it('is explained by the Router used on its own, without a call site', () => {
    expect(() => new Router().add({ methods: ['GET'], path: '/:id+', value: 1 })).toThrow(
      /^route "\/:id\+" is not a valid pattern: Unexpected \+ at index 4\. Route syntax/,
    );
  });
});
