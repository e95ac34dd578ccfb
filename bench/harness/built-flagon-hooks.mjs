// A resolve hook: `@flagon/gateway` and `@flagon/framework` (and their subpaths) are resolved from the
// staged build instead of the workspace's TypeScript source; every other import as usual.
import { pathToFileURL } from 'node:url';

let stagedParent;

export function initialize(folder) {
  stagedParent = pathToFileURL(`${folder.replace(/\/$/, '')}/resolve-from.js`).href;
}

export function resolve(specifier, context, nextResolve) {
  if (/^@flagon\/(gateway|framework)(\/|$)/.test(specifier)) {
    return nextResolve(specifier, { ...context, parentURL: stagedParent });
  }
  return nextResolve(specifier, context);
}
