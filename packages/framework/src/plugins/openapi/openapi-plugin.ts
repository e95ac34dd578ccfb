import type { Flagon } from '../../app.js';
import type { Endpoint } from '../../endpoint.js';
import { HTTPException } from '../../errors.js';
import { Response } from '../../response.js';
import { JSON_CONTENT_TYPE } from '../../responses/json.js';
import { html } from '../../responses/text.js';
import { normalizePrefix } from '../../routing/url-prefix.js';
import { FolderRoot } from '../../static/safe-path.js';
import { sendFromFolder } from '../../static/send-file.js';
import type { Plugin } from '../plugin.js';
import { definePlugin } from '../plugin.js';
import { buildDocument } from './build-document.js';
import { DOCS_PAGE_SCRIPT, docsPageHtml, SWAGGER_UI_ASSETS } from './docs-page.js';
import type { OpenAPIDocument, OpenAPIInfo, OpenAPIServer } from './document-types.js';
import { swaggerUiFolder } from './swagger-ui-folder.js';

/** Options of {@link openapi}. */
export interface OpenAPIOptions {
  /** The document's `info`. Default: `{ title: 'API', version: '1.0.0' }`. */
  info?: OpenAPIInfo;
  /**
   * The document's `servers`. Default: none given, so clients use the document's own server; an app
   * mounted below a root path (`scope.rootPath`) gets `[{ url: rootPath }]`.
   */
  servers?: readonly OpenAPIServer[];
  /** Where the document is served. Default: `'/openapi.json'`. */
  path?: string;
  /**
   * Where the API docs page (Swagger UI, from the `swagger-ui-dist` package) is served, its script and
   * assets below it (`/docs/init.js`, `/docs/assets/...`); `false` for none. Default: `'/docs'`.
   */
  docsPath?: string | false;
  /**
   * The folder of the `swagger-ui-dist` package. Default: found by module resolution from the app's
   * `root`, then from the framework; setup fails with how to install it when it is not there.
   */
  swaggerUiFolder?: string;
}

const SCRIPT_CONTENT_TYPE = 'text/javascript; charset=utf-8';

/**
 * The OpenAPI 3.1 document of the app's routes, served as JSON at `path` (default `/openapi.json`), and
 * an interactive page to try the API at `docsPath` (default `/docs`) whose Swagger UI assets the app
 * serves itself from the `swagger-ui-dist` package (no CDN). The document is built at the first request
 * for it, once the routes are all there, from their zod schemas (`z.toJSONSchema`): the plugin's own
 * routes and static-file routes are left out. A global plugin: use it on the app.
 *
 * @example
 * ```ts
 * const app = new Flagon().use(openapi({ info: { title: 'Items', version: '1.2.0' } }));
 * app.get('/items/:id', { response: Item, name: 'get_item' }, (c) => find(c.params.id));
 * // GET /openapi.json: paths['/items/{id}'].get.operationId === 'get_item'; GET /docs: Swagger UI
 * ```
 */
export function openapi(options: OpenAPIOptions = {}): Plugin {
  const documentPath = normalizeRoutePath(options.path ?? '/openapi.json', 'path');
  const docsPath =
    options.docsPath === false ? false : normalizeRoutePath(options.docsPath ?? '/docs', 'docsPath');
  const info = options.info ?? { title: 'API', version: '1.0.0' };
  return definePlugin({
    name: 'openapi',
    global: true,
    setup(host) {
      let app: Flagon | undefined;
      host.withApp((found) => {
        app = found as Flagon;
      });
      const own = new Set<unknown>();
      const route = (path: string, name: string, handler: Parameters<typeof host.get>[2]): void => {
        own.add(handler);
        host.get(path, { name }, handler);
      };
      let document: OpenAPIDocument | undefined;
      // Serialized once per root path (the default `servers` names it).
      const bodies = new Map<string, string>();
      route(documentPath, 'openapi_document', (c) => {
        const rootPath = c.scope.rootPath;
        let body = bodies.get(rootPath);
        if (body === undefined) {
          document ??= buildDocument(documented(app!, own), { info, servers: options.servers });
          const servers = options.servers === undefined && rootPath !== '' ? [{ url: rootPath }] : undefined;
          body = JSON.stringify(servers === undefined ? document : { ...document, servers });
          bodies.set(rootPath, body);
        }
        return new Response(body, { contentType: JSON_CONTENT_TYPE });
      });
      if (docsPath === false) return;
      const assets = new FolderRoot(options.swaggerUiFolder ?? swaggerUiFolder(app?.root));
      route(docsPath, 'openapi_docs', (c) => {
        const base = c.scope.rootPath;
        return html(
          docsPageHtml(`${info.title}: API docs`, {
            document: base + documentPath,
            assets: `${base}${docsPath}/assets`,
            script: `${base}${docsPath}/init.js`,
          }),
        );
      });
      route(`${docsPath}/init.js`, 'openapi_docs_script', () => {
        return new Response(DOCS_PAGE_SCRIPT, { contentType: SCRIPT_CONTENT_TYPE });
      });
      route(`${docsPath}/assets/:file`, 'openapi_docs_asset', (c) => {
        const file = (c.params as { file: string }).file;
        if (!SWAGGER_UI_ASSETS.has(file)) throw new HTTPException(404);
        return sendFromFolder(assets, file, {});
      });
    },
  });
}

/** The app's routes the document describes: all but the plugin's own and static-file routes. */
function documented(app: Flagon, own: ReadonlySet<unknown>): Endpoint[] {
  return app.router
    .entries()
    .map((entry) => entry.value)
    .filter((endpoint) => !own.has(endpoint.handler) && !isStaticRoute(endpoint));
}

function isStaticRoute(endpoint: Endpoint): boolean {
  return endpoint.name === 'static' || endpoint.name.endsWith('.static');
}

function normalizeRoutePath(path: string, option: string): string {
  if (typeof path !== 'string' || !path.startsWith('/') || path === '/') {
    throw new TypeError(`openapi(): ${option} must be a path below "/", got ${JSON.stringify(path)}`);
  }
  return normalizePrefix(path);
}
