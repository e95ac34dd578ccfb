import type { Config } from '../config.js';
import { defineChecked, toByteSize, toCount } from '../config.js';

const MiB = 1024 * 1024;

/**
 * What a form body is parsed under: its limits (sizes in bytes, counts in parts; `Infinity` switches one
 * off), where a file starts going to disk, and which folder takes it.
 */
export interface UploadSettings {
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
  /** The folder of the temp files (`UPLOAD_TEMP_DIR`; unset: the OS temp folder). On the destination's disk, `moveTo` is a rename. */
  tempDir: string | undefined;
}

/** The settings that are limits (numbers). */
export type UploadLimitName = Exclude<keyof UploadSettings, 'tempDir'>;

/** The route option `uploads`: any of the {@link UploadSettings}, over the app's config for that route. */
export type UploadOptions = Partial<UploadSettings>;

/** The config keys of the upload settings, with their defaults (see {@link UploadSettings}). */
export interface UploadConfig {
  MAX_FORM_SIZE: number;
  MAX_FILE_SIZE: number;
  MAX_FILES: number;
  MAX_FORM_FIELDS: number;
  MAX_FORM_FIELD_SIZE: number;
  UPLOAD_SPOOL_THRESHOLD: number;
  UPLOAD_TEMP_DIR: string | undefined;
}

type Check = (name: string, value: unknown) => unknown;

/** Each setting: its config key, default, and how a value is checked. */
const SETTINGS: readonly {
  key: keyof UploadSettings;
  config: keyof UploadConfig;
  initial: unknown;
  check: Check;
}[] = [
  { key: 'maxSize', config: 'MAX_FORM_SIZE', initial: 10 * MiB, check: toByteSize },
  { key: 'maxFileSize', config: 'MAX_FILE_SIZE', initial: 10 * MiB, check: toByteSize },
  { key: 'maxFiles', config: 'MAX_FILES', initial: 10, check: toCount },
  { key: 'maxFields', config: 'MAX_FORM_FIELDS', initial: 1000, check: toCount },
  { key: 'maxFieldSize', config: 'MAX_FORM_FIELD_SIZE', initial: MiB, check: toByteSize },
  { key: 'spoolThreshold', config: 'UPLOAD_SPOOL_THRESHOLD', initial: MiB, check: toByteSize },
  { key: 'tempDir', config: 'UPLOAD_TEMP_DIR', initial: undefined, check: toFolder },
];

function toFolder(name: string, value: unknown): string | undefined {
  if (value === undefined || (typeof value === 'string' && value !== '')) return value;
  throw new TypeError(`${name} must be a folder path, got ${JSON.stringify(value)}`);
}

/** The config key that sets `limit` app-wide (for error messages: `uploads.maxFiles / MAX_FILES`). */
export function configKeyOf(limit: UploadLimitName): keyof UploadConfig {
  return SETTINGS.find((entry) => entry.key === limit)!.config;
}

/**
 * The settings when no app is there to configure them (a `Request` made by hand): every limit at its
 * default, and no spooling, as no request ends to remove a temp file.
 */
export const STANDALONE_SETTINGS: Readonly<UploadSettings> = Object.freeze({
  ...Object.fromEntries(SETTINGS.map((entry) => [entry.key, entry.initial])),
  spoolThreshold: Number.POSITIVE_INFINITY,
} as UploadSettings);

/**
 * Adds the upload settings to an app's config as checked keys (a bad value throws when set).
 *
 * @example
 * ```ts
 * defineUploadConfig(config); // config.MAX_FILES === 10
 * ```
 */
export function defineUploadConfig(config: Config): void {
  for (const { config: key, initial, check } of SETTINGS) defineChecked(config, key, initial, check);
}

/**
 * Throws a `TypeError` when a route's `uploads` option holds an unknown key or a value it cannot take.
 *
 * @example
 * ```ts
 * checkUploadOptions('route "/upload"', { maxFiles: 2 });
 * ```
 */
export function checkUploadOptions(owner: string, options: UploadOptions | undefined): void {
  if (options === undefined) return;
  for (const [key, value] of Object.entries(options)) {
    const entry = SETTINGS.find((setting) => setting.key === key);
    if (entry === undefined) throw new TypeError(`${owner}: unknown uploads option "${key}"`);
    entry.check(`${owner}: uploads.${key}`, value);
  }
}

/**
 * The settings of one request: the route's `uploads` option over the app's config.
 *
 * @example
 * ```ts
 * uploadSettings(app.config, { maxFiles: 1 }).maxFiles; // 1
 * ```
 */
export function uploadSettings(config: UploadConfig, route: UploadOptions | undefined): UploadSettings {
  const settings: Record<string, unknown> = {};
  for (const { key, config: name } of SETTINGS) settings[key] = route?.[key] ?? config[name];
  return settings as unknown as UploadSettings;
}
