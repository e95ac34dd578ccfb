/** `create-flagon`: writes a starter Flagon app (`npm create flagon@latest my-app` runs its CLI). */
export type { Starter, StarterOptions } from './create-starter.js';
export { createStarter, StarterError } from './create-starter.js';
export { packageName, starterManifest } from './starter-manifest.js';
