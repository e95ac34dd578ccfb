/** Imports a TypeScript module through tsx, which is an optional peer: JavaScript apps do not need it. */

/** The message for a `.ts` app when tsx is not installed. */
export function missingTsxMessage(path: string): string {
  return (
    `${path} is TypeScript, and loading TypeScript needs tsx, which is not installed: ` +
    'install it (npm install tsx), or compile your app to JavaScript and serve the .js file'
  );
}

/**
 * Imports the TypeScript module at `url` with tsx's `tsImport`, loading tsx only now. Resolves to null
 * when tsx itself cannot be found, so the caller can say what to install.
 *
 * @example
 * ```ts
 * const namespace = await importTypeScript(pathToFileURL('app.ts').href);
 * ```
 */
export async function importTypeScript(url: string): Promise<Record<string, unknown> | null> {
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
