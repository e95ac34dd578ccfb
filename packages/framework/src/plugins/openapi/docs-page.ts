import { escapeHtml } from '../../responses/error.js';

/** The files of swagger-ui-dist the page loads: the only ones served from the package's folder. */
export const SWAGGER_UI_ASSETS: ReadonlySet<string> = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

/** Where the page finds what it loads, as URLs the browser can follow (the app's root path included). */
export interface DocsPageUrls {
  readonly document: string;
  /** The assets' URL prefix: `<assets>/swagger-ui.css`. */
  readonly assets: string;
  readonly script: string;
}

/**
 * The API docs page: Swagger UI's stylesheet and bundle, served by the app, and a script of the app's
 * (no inline script, so a strict `Content-Security-Policy` allows it) that starts it on the document,
 * whose URL it reads from the page.
 *
 * @example
 * ```ts
 * docsPageHtml('Items API', { document: '/openapi.json', assets: '/docs/assets', script: '/docs/init.js' });
 * ```
 */
export function docsPageHtml(title: string, urls: DocsPageUrls): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(`${urls.assets}/swagger-ui.css`)}">
<link rel="icon" type="image/png" href="${escapeHtml(`${urls.assets}/favicon-32x32.png`)}" sizes="32x32">
</head>
<body>
<div id="swagger-ui" data-openapi-url="${escapeHtml(urls.document)}"></div>
<script src="${escapeHtml(`${urls.assets}/swagger-ui-bundle.js`)}"></script>
<script src="${escapeHtml(urls.script)}"></script>
</body>
</html>
`;
}

/**
 * The script that starts Swagger UI on the page's document. `validatorUrl: null`: Swagger UI would
 * otherwise send the document to a public validator service for its badge.
 */
export const DOCS_PAGE_SCRIPT = `'use strict';
window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-openapi-url'),
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;
