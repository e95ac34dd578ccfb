// The templates' escape: Flagon's own, faster than eta's, and so it must escape exactly what eta's does.
import { createTestClient } from '@flagon/framework/testing';
import { Eta } from 'eta/core';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/templates/escape-html.js';
import { appWith } from './helpers.js';

const etaEscape = new Eta().config.escapeFunction;

const SAMPLES: unknown[] = [
  '',
  'plain text',
  '&',
  '<script>alert("x")</script>',
  `it's "quoted" & <tagged> & more`,
  '&amp; already escaped once',
  '<<>>""\'\'&&',
  'ünïcødé ✓ <b>',
  'tail <',
  42,
  0,
  null,
  undefined,
  true,
  { toString: () => '<obj>' },
];

describe('escapeHtml', () => {
  it("escapes every sample exactly as eta's own escape does", () => {
    expect(SAMPLES.map((sample) => escapeHtml(sample))).toEqual(SAMPLES.map((sample) => etaEscape(sample)));
  });

  it('escapes each of the five characters, and leaves the rest as it is', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
  });

  it('is what <%= %> writes in a rendered page', async () => {
    const { app } = appWith({ 'p.eta': '<p title="<%= it.v %>"><%= it.v %></p>' });
    app.get('/', (c) => c.render('p', { v: `"><script>alert('x')</script>` }));
    const body = await (await createTestClient(app).get('/')).text();
    const escaped = '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;';
    expect(body).toBe(`<p title="${escaped}">${escaped}</p>`);
  });
});
