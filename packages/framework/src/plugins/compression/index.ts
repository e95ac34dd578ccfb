export { isCompressible } from './compressible.js';
export type { CompressionOptions } from './compression.js';
export { compression } from './compression.js';
export type { Encoding } from './negotiate.js';
export { chooseEncoding } from './negotiate.js';
