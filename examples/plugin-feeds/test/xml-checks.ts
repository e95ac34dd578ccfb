// The checks the documents must pass, by libxml2's xmllint (compiled to WebAssembly by the xmllint-wasm
// package, so no system xmllint is needed): sitemaps against the sitemaps.org 0.9 schema, feeds for
// well-formedness.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const fixtures = join(import.meta.dirname, 'fixtures');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const SCHEMAS = { urlset: read('sitemap.xsd'), sitemapindex: read('siteindex.xsd') };
const TYPES = { fileName: 'sitemap-types.xsd', contents: read('sitemap-types.xsd') };

/**
 * xmllint's complaints about `xml` as a sitemap (`urlset`) or a sitemap index, `[]` when it validates.
 *
 * @example
 * ```ts
 * expect(await schemaErrors(await res.text(), 'urlset')).toEqual([]);
 * ```
 */
export async function schemaErrors(xml: string, root: keyof typeof SCHEMAS): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: `${root}.xml`, contents: xml },
    schema: SCHEMAS[root],
    preload: TYPES,
  });
  return result.errors.map((error) => error.message);
}

/**
 * xmllint's complaints about `xml` as XML (well-formedness, namespaces), `[]` when it parses.
 *
 * @example
 * ```ts
 * expect(await wellFormednessErrors('<a>')).not.toEqual([]);
 * ```
 */
export async function wellFormednessErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'feed.xml', contents: xml }, normalization: 'format' });
  return result.errors.map((error) => error.message);
}
