/** What went wrong in a template: its syntax, code it ran, or the data checked against its schema. */
export type TemplateErrorKind = 'syntax' | 'runtime' | 'data';

/** Where a template error happened. */
export interface TemplateErrorOptions {
  kind: TemplateErrorKind;
  /** The template's name with its extension, e.g. `notes/list.eta`. */
  template: string;
  /** The file it was read from (`undefined` for a data error, found before any file is read). */
  file?: string | undefined;
  /** The 1-based line in that file, when known. */
  line?: number | undefined;
  cause?: unknown;
}

/**
 * A template that could not be compiled or rendered. The message starts with `file:line` (the file
 * the template was read from) and shows the lines around the faulty one, so a debug 500 points at it.
 *
 * @example
 * ```ts
 * try { c.render('notes/list', data); } catch (error) {
 *   if (error instanceof TemplateError) console.log(error.file, error.line);
 * }
 * ```
 */
export class TemplateError extends Error {
  readonly kind: TemplateErrorKind;
  readonly template: string;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(message: string, options: TemplateErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TemplateError';
    this.kind = options.kind;
    this.template = options.template;
    this.file = options.file;
    this.line = options.line;
  }
}

/**
 * A template no folder has: the message names it and every path looked at, in lookup order.
 *
 * @example
 * ```ts
 * // TemplateNotFoundError: Template "notes/lsit.eta" not found; looked for:
 * //   /srv/app/templates/notes/lsit.eta
 * //   /srv/app/admin/templates/notes/lsit.eta
 * ```
 */
export class TemplateNotFoundError extends Error {
  /** The template's name with its extension. */
  readonly template: string;
  /** The paths looked at, in lookup order (empty when the app has no template folder). */
  readonly searched: readonly string[];

  constructor(template: string, searched: readonly string[]) {
    const where =
      searched.length === 0
        ? 'there is no template folder: give the app a root (new Flagon({ root: import.meta.dirname })) or a templateFolder'
        : `looked for:\n${searched.map((path) => `  ${path}`).join('\n')}`;
    super(`Template ${JSON.stringify(template)} not found; ${where}`);
    this.name = 'TemplateNotFoundError';
    this.template = template;
    this.searched = searched;
  }
}

/**
 * The lines around `line` of `source`, the faulty one marked, as eta shows them.
 *
 * @example
 * ```ts
 * excerpt('a\nb\nc', 2); // '    1| a\n >> 2| b\n    3| c'
 * ```
 */
export function excerpt(source: string, line: number): string {
  const lines = source.split('\n');
  const start = Math.max(line - 3, 0);
  const end = Math.min(lines.length, line + 2);
  return lines
    .slice(start, end)
    .map((text, i) => `${start + i + 1 === line ? ' >> ' : '    '}${start + i + 1}| ${text}`)
    .join('\n');
}
