/**
 * Imports a TypeScript module: natively on Bun and Deno, else through tsx, which is an optional peer
 * (JavaScript apps do not need it).
 */

/** The message for a `.ts` app when tsx is not installed. */
export function missingTsxMessage(path: string): string {
  return (
    `${path} is TypeScript, and loading TypeScript needs tsx, which is not installed: ` +
    'install it (npm install tsx), or compile your app to JavaScript and serve the .js file'
  );
}

/**
 * Imports the TypeScript module at `url`: with `import()` on a runtime that runs TypeScript itself (Bun,
 * Deno: tsx's loader hooks are Node's and fail there), else with tsx's `tsImport`, loading tsx only now.
 * Resolves to null when tsx itself cannot be found, so the caller can say what to install.
 *
 * @example
 * ```ts
 * const namespace = await importTypeScript(pathToFileURL('app.ts').href);
 * ```
 */
export async function importTypeScript(url: string): Promise<Record<string, unknown> | null> {
  if (loadsTypeScriptNatively()) return import(url);
  let tsx: typeof import('tsx/esm/api');
  try {
    tsx = await import('tsx/esm/api');
  } catch (error) {
    if (isMissingTsx(error)) return null;
    throw error;
  }
  return tsx.tsImport(url, import.meta.url);
}

function isMissingTsx(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  return error.code === 'ERR_MODULE_NOT_FOUND' && /['"]tsx['"]/.test(error.message);
}

/**
 * Whether this runtime imports `.ts` modules itself: Bun and Deno do, with `.js` specifiers mapped to
 * their `.ts` files. Node's type stripping does not map them, so Node keeps tsx.
 *
 * @example
 * ```ts
 * loadsTypeScriptNatively(); // true under `bun` and `deno`, false under `node`
 * ```
 */
export function loadsTypeScriptNatively(): boolean {
  const versions: Record<string, string | undefined> = process.versions;
  return versions.bun !== undefined || versions.deno !== undefined;
}
