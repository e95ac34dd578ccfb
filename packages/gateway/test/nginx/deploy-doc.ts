// The nginx site and the gateway's command lines, read from docs/deploy.md: the tests run what the page
// says, with only addresses and paths replaced, so the page and the tests cannot drift apart.
import { readFileSync } from 'node:fs';
import { ROOT } from '../server/cli-process.js';

/** The first line of the site's block in the doc: how the tests find it among the other blocks. */
const SITE_MARKER = '# /etc/nginx/sites-available/flagon';
/** The socket the doc's unit and site use. */
export const DOC_SOCKET = '/run/flagon/flagon.sock';

/** docs/deploy.md as it is on disk now. */
export function deployDoc(): string {
  return readFileSync(`${ROOT}docs/deploy.md`, 'utf8');
}

/** The fenced blocks of `lang` in a markdown text, in order. */
export function fencedBlocks(markdown: string, lang: string): string[] {
  const blocks: string[] = [];
  const pattern = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  for (const match of markdown.matchAll(pattern)) blocks.push(match[1]!);
  return blocks;
}

/** The site config (the nginx block that starts with {@link SITE_MARKER}). */
export function siteConfig(markdown: string): string {
  const site = fencedBlocks(markdown, 'nginx').find((block) => block.startsWith(SITE_MARKER));
  if (site === undefined) throw new Error(`docs/deploy.md has no nginx block starting "${SITE_MARKER}"`);
  return site;
}

/**
 * The `upstream flagon { ... }` block of the doc's nginx block that names `address`: the site's own,
 * the TCP one, or the several hosts' one.
 */
export function upstreamNaming(markdown: string, address: string): string {
  for (const block of fencedBlocks(markdown, 'nginx')) {
    const upstream = /^upstream flagon \{\n[\s\S]*?^\}$/m.exec(block)?.[0];
    if (upstream?.includes(`server ${address}`)) return upstream;
  }
  throw new Error(`docs/deploy.md has no upstream naming ${address}`);
}

/** `text` with every `from` replaced by `to`; throws when `from` is not there (the doc changed). */
export function replaceAll(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`expected "${from}" in:\n${text}`);
  return text.split(from).join(to);
}

/** The site, its upstream swapped for `upstream` (another block of the doc, its addresses replaced). */
export function withUpstream(site: string, upstream: string): string {
  const own = /^upstream flagon \{\n[\s\S]*?^\}$/m.exec(site)?.[0];
  if (own === undefined) throw new Error(`no upstream block in the site:\n${site}`);
  return site.replace(own, upstream);
}

/** The arguments after `serve app.ts` of the unit's `ExecStart=` line. */
export function unitServeArgs(markdown: string): string[] {
  const line = /^ExecStart=\S*flagon-gateway serve app\.ts (.+)$/m.exec(markdown)?.[1];
  if (line === undefined)
    throw new Error('docs/deploy.md has no ExecStart=... flagon-gateway serve app.ts line');
  return line.split(/\s+/);
}

/**
 * The arguments after `serve <app>` of the doc's shell command line (continued lines joined) that
 * contains `marker`, e.g. `commandServeArgs(doc, 'app.ts', '--bind 127.0.0.1:8000')`.
 */
export function commandServeArgs(markdown: string, app: string, marker: string): string[] {
  const prefix = `flagon-gateway serve ${app} `;
  for (const block of fencedBlocks(markdown, 'sh')) {
    for (const line of block.replace(/\\\n\s*/g, '').split('\n')) {
      const at = line.indexOf(prefix);
      if (at !== -1 && line.includes(marker))
        return line
          .slice(at + prefix.length)
          .trim()
          .split(/\s+/);
    }
  }
  throw new Error(`docs/deploy.md has no "${prefix.trim()}" command with ${marker}`);
}
