// validate() holds an app's body to its own content-length ([A-CONTENT-LENGTH]), before the server sees it.
import { describe, expect, it } from 'vitest';
import { httpScope, rejectionOf } from './fakes.js';
import { httpCall, sending, start } from './rule-case.js';

const declaring = (length: string) => ({
  ...start,
  headers: [['content-length', length]] as [string, string][],
});

describe('validate: content-length-match', () => {
  it('flags a body that ends short of it, at the final body event', async () => {
    const error = await rejectionOf(
      httpCall(
        sending(
          declaring('10'),
          { type: 'http.response.body', body: 'abc', more: true },
          { type: 'http.response.body' },
        ),
      ),
    );
    expect(error).toMatchObject({ rule: 'content-length-match', by: 'app' });
    expect(error.message).toContain(
      'got the body is shorter than its content-length (declared 10 bytes, sent 3)',
    );
  });

  it('flags a content-length that is not a number of bytes, at the start', async () => {
    const error = await rejectionOf(
      httpCall(sending(declaring('3, 4'), { type: 'http.response.body', body: 'abc' })),
    );
    expect(error.message).toMatch(
      /^\[content-length-match\] http\.response\.start headers: .*got content-length must be a number of bytes, got "3, 4"$/,
    );
  });

  it('passes a body of that length in UTF-8 bytes, and any length on HEAD or 304, where none goes out', async () => {
    const caf = { type: 'http.response.body', body: 'caf', more: true } as const;
    await httpCall(sending(declaring('5'), caf, { type: 'http.response.body', body: 'é' }));
    await httpCall(sending(declaring('42'), { type: 'http.response.body' }), httpScope({ method: 'HEAD' }));
    await httpCall(sending({ ...declaring('42'), status: 304 }, { type: 'http.response.body' }));
  });
});
