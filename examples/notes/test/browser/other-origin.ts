// The page of another site a logged-in user might visit: it posts a form to the notes app as soon as
// it loads, the textbook cross-site request forgery. It is served on 127.0.0.1 but opened as
// `localhost`, so to the browser it is another site (the app is `127.0.0.1`).
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running attacker page, and how to stop it. */
export interface OtherOrigin {
  /** `http://localhost:PORT/`: the page that posts to the app. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves a page that posts `fields` to `target` on load.
 *
 * @example
 * ```ts
 * const evil = await serveForgery('http://127.0.0.1:8000/notes/', { title: 'forged' });
 * await page.goto(evil.url);
 * ```
 */
export async function serveForgery(target: string, fields: Record<string, string>): Promise<OtherOrigin> {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join('');
  const page =
    '<!DOCTYPE html><title>You won a prize</title>' +
    `<form id="f" method="post" action="${target}">${inputs}</form>` +
    '<script>document.getElementById("f").submit()</script>';
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
