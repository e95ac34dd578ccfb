// Where the swagger-ui-dist package is, found at setup by Node's module resolution (through
// `process.getBuiltinModule`, never a static node: import: the framework must load on any runtime).

interface NodeModule {
  createRequire(from: string): { resolve(id: string): string };
}

const PACKAGE = 'swagger-ui-dist';
const MANIFEST = `${PACKAGE}/package.json`;

/**
 * The folder of the installed `swagger-ui-dist` package: looked up from the app's `root` first (the
 * app's own dependencies), then from the framework (where a package manager links an optional peer).
 * Throws an error saying how to install it when neither finds it.
 *
 * @example
 * ```ts
 * swaggerUiFolder(app.root); // '/srv/app/node_modules/swagger-ui-dist/'
 * ```
 */
export function swaggerUiFolder(appRoot: string | undefined): string {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = runtime?.getBuiltinModule?.('node:module') as NodeModule | undefined;
  if (nodeModule === undefined) {
    throw new Error(
      `openapi(): this runtime cannot look up the ${PACKAGE} package; pass its folder as swaggerUiFolder`,
    );
  }
  const bases = appRoot === undefined ? [] : [`${appRoot.replace(/[\\/]$/, '')}/package.json`];
  bases.push(import.meta.url);
  for (const base of bases) {
    try {
      const manifest = nodeModule.createRequire(base).resolve(MANIFEST);
      return manifest.slice(0, -'package.json'.length);
    } catch {
      // Not reachable from there: try the next place.
    }
  }
  throw new Error(
    `openapi(): the API docs page serves the ${PACKAGE} package, which is not installed: ` +
      `run "npm install ${PACKAGE}" (or pnpm/yarn add), or pass docsPath: false for the document alone`,
  );
}
