import type { Config } from '../config.js';
import { defineChecked, toByteSize, toCount } from '../config.js';

const MiB = 1024 * 1024;

/**
 * The limits a form body is parsed under, and where a file starts going to disk. Sizes are bytes,
 * counts are parts; `Infinity` switches a limit off.
 */
export interface UploadLimits {
  /** The whole form body (`MAX_FORM_SIZE`, 10 MiB): past it, 413. Replaces `MAX_BODY_SIZE` for forms. */
  maxSize: number;
  /** One file (`MAX_FILE_SIZE`, 10 MiB): past it, 413. */
  maxFileSize: number;
  /** How many files (`MAX_FILES`, 10): past it, 400. */
  maxFiles: number;
  /** How many non-file fields (`MAX_FORM_FIELDS`, 1000): past it, 400. */
  maxFields: number;
  /** One non-file field's value (`MAX_FORM_FIELD_SIZE`, 1 MiB): past it, 413. */
  maxFieldSize: number;
  /** A file larger than this (`UPLOAD_SPOOL_THRESHOLD`, 1 MiB) is streamed to a temp file; smaller ones stay in memory. */
  spoolThreshold: number;
}

/** The route option `uploads`: any of the {@link UploadLimits}, overriding the app's config for that route. */
export type UploadOptions = Partial<UploadLimits>;

/** The config keys of the upload limits, with their defaults (see {@link UploadLimits}). */
export interface UploadConfig {
  MAX_FORM_SIZE: number;
  MAX_FILE_SIZE: number;
  MAX_FILES: number;
  MAX_FORM_FIELDS: number;
  MAX_FORM_FIELD_SIZE: number;
  UPLOAD_SPOOL_THRESHOLD: number;
}

/** Each limit: its config key, default, and whether it is a size (else a count). */
const LIMITS: readonly {
  key: keyof UploadLimits;
  config: keyof UploadConfig;
  initial: number;
  size: boolean;
}[] = [
  { key: 'maxSize', config: 'MAX_FORM_SIZE', initial: 10 * MiB, size: true },
  { key: 'maxFileSize', config: 'MAX_FILE_SIZE', initial: 10 * MiB, size: true },
  { key: 'maxFiles', config: 'MAX_FILES', initial: 10, size: false },
  { key: 'maxFields', config: 'MAX_FORM_FIELDS', initial: 1000, size: false },
  { key: 'maxFieldSize', config: 'MAX_FORM_FIELD_SIZE', initial: MiB, size: true },
  { key: 'spoolThreshold', config: 'UPLOAD_SPOOL_THRESHOLD', initial: MiB, size: true },
];

/** The config key that sets `limit` app-wide (for error messages: `uploads.maxFiles / MAX_FILES`). */
export function configKeyOf(limit: keyof UploadLimits): keyof UploadConfig {
  return LIMITS.find((entry) => entry.key === limit)!.config;
}

/**
 * The defaults when no app is there to configure them (a `Request` made by hand): every limit at its
 * default, and no spooling, as no request ends to remove a temp file.
 */
export const STANDALONE_LIMITS: Readonly<UploadLimits> = Object.freeze({
  ...Object.fromEntries(LIMITS.map((entry) => [entry.key, entry.initial])),
  spoolThreshold: Number.POSITIVE_INFINITY,
} as UploadLimits);

/**
 * Adds the upload settings to an app's config as checked keys (a bad value throws when set).
 *
 * @example
 * ```ts
 * defineUploadConfig(config); // config.MAX_FILES === 10
 * ```
 */
export function defineUploadConfig(config: Config): void {
  for (const { config: key, initial, size } of LIMITS)
    defineChecked(config, key, initial, size ? toByteSize : toCount);
}

/**
 * Throws a `TypeError` when a route's `uploads` option holds an unknown key or a value no limit takes.
 *
 * @example
 * ```ts
 * checkUploadOptions('route "/upload"', { maxFiles: 2 });
 * ```
 */
export function checkUploadOptions(owner: string, options: UploadOptions | undefined): void {
  if (options === undefined) return;
  for (const [key, value] of Object.entries(options)) {
    const entry = LIMITS.find((limit) => limit.key === key);
    if (entry === undefined) throw new TypeError(`${owner}: unknown uploads option "${key}"`);
    (entry.size ? toByteSize : toCount)(`${owner}: uploads.${key}`, value);
  }
}

/**
 * The limits of one request: the route's `uploads` option over the app's config.
 *
 * @example
 * ```ts
 * uploadLimits(app.config, { maxFiles: 1 }).maxFiles; // 1
 * ```
 */
export function uploadLimits(config: UploadConfig, route: UploadOptions | undefined): UploadLimits {
  const limits = {} as UploadLimits;
  for (const { key, config: name } of LIMITS) limits[key] = route?.[key] ?? config[name];
  return limits;
}
