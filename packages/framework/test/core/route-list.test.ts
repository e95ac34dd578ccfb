// app.routes(): the public route table plugins and `flagon routes` read.
import { Blueprint, Flagon } from '@flagon/framework';
import { describe, expect, it } from 'vitest';

describe('app.routes()', () => {
  it('lists the app routes and nested blueprints with full paths and names, in registration order', () => {
    const inner = new Blueprint('inner', { prefix: '/inner' });
    inner.post('/items', { name: 'create' }, () => 'created');
    const outer = new Blueprint('outer', { prefix: '/outer' });
    outer.get('/:id', { name: 'show' }, (c) => c.params.id);
    outer.register(inner);
    const app = new Flagon();
    app.get('/', { name: 'home' }, () => 'home');
    app.route('/both', { methods: ['GET', 'PUT'], name: 'both' }, () => 'both');
    app.register(outer, { prefix: '/o' });

    expect(app.routes().map(({ methods, path, name }) => ({ methods, path, name }))).toEqual([
      { methods: ['GET'], path: '/', name: 'home' },
      { methods: ['GET', 'PUT'], path: '/both', name: 'both' },
      { methods: ['GET'], path: '/o/:id', name: 'outer.show' },
      { methods: ['POST'], path: '/o/inner/items', name: 'outer.inner.create' },
    ]);
  });

  it('is empty for an app without routes', () => {
    expect(new Flagon().routes()).toEqual([]);
  });
});
