// Methods and statuses are literal unions: a typo is a compile error, not a route that never matches.
import { abort, Flagon } from '@flagon/framework';
import { describe, expect, it } from 'vitest';

describe('literal methods and statuses', () => {
  it('refuses an unknown method, a status outside 200-599 and abort() of a success', () => {
    const app = new Flagon();
    app.route('/things', { methods: ['PUT', 'PATCH', 'QUERY'] }, () => 'ok');
    // @ts-expect-error: 'GTE' is not a method
    app.route('/typo', { methods: ['GTE'] }, () => 'never');
    app.post('/made', { status: 201 }, () => ({ made: true }));
    // @ts-expect-error: 999 is not a status
    expect(() => app.post('/odd', { status: 999 }, () => 'x')).toThrow(RangeError);
    expect(() => abort(404)).toThrow('Not Found');
    // @ts-expect-error: abort() is for errors, 4xx and 5xx
    expect(() => abort(200)).toThrow();
  });
});
