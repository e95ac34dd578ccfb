/**
 * `@flagon/gateway/loader`: loads an app module from a `<module>[:<export>]` spec. Kept apart from the
 * server so a CLI can load apps without importing any server code.
 */

export { argsErrorMessage, isArgsError } from './args-error.js';
export type { LoadedApp } from './load-app.js';
export { AppLoadError, loadApp, parseAppSpec } from './load-app.js';
