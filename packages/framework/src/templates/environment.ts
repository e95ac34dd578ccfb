import type { TemplateFunction } from 'eta/core';
import { Eta } from 'eta/core';
import { HTTPException } from '../errors.js';
import { compileTemplate } from './compile.js';
import { excerpt, TemplateError } from './errors.js';
import { escapeHtml } from './escape-html.js';
import type { TemplateSource } from './loader.js';
import { locateTemplate, readTemplate } from './loader.js';
import { templateName } from './template-name.js';

/** What the template environment reads from its app, live: debug mode and the folders. */
export interface TemplateHost {
  readonly debug: boolean;
  readonly templateFolder: string | undefined;
  /** @internal The blueprints, in registration order (nested ones included). */
  readonly blueprints: readonly { readonly templateFolder: string | undefined }[];
}

/** A compiled template and the file it came from. */
interface LoadedTemplate {
  readonly name: string;
  readonly source: TemplateSource;
  readonly fn: TemplateFunction;
  /** What the compiled function gets as `options`: its file, for `include()` and errors. */
  readonly options: { readonly filepath: string; readonly async: false };
}

// Names are checked and normalised once; a bound keeps names built from requests from piling up.
const MAX_CACHED_NAMES = 1000;

/**
 * The templates of one app (Flask's `jinja_env`): eta configured for HTML (autoescaping on), one
 * loader over the app's folder then its blueprints', and a cache of compiled templates. Outside
 * debug mode a template is read and compiled once; in debug mode its file is checked on every render
 * and compiled again when it changed.
 *
 * @example
 * ```ts
 * templateEnvironment(app).render('notes/list', { notes, urlFor });
 * ```
 */
export class TemplateEnvironment {
  private readonly host: TemplateHost;
  private readonly eta: Eta;
  private readonly byName = new Map<string, LoadedTemplate>();
  private readonly byFile = new Map<string, LoadedTemplate>();
  /** Canonical names by name as given, and by `from\0name` for a `./` or `../` name in template `from`. */
  private readonly names = new Map<string, string>();
  private readonly relativeNames = new Map<string, string>();

  constructor(host: TemplateHost) {
    this.host = host;
    // `debug` here is eta's: it records the line of each tag, so an error can name it. `cache` is off
    // because the environment keeps its own cache (eta's has no way to notice a changed file).
    this.eta = new Eta({
      autoEscape: true,
      escapeFunction: escapeHtml,
      debug: true,
      cache: false,
      useWith: false,
      varName: 'it',
    });
    // What `include()` and `layout()` inside a template call: the caller's file comes as `meta`.
    this.eta.render = ((name: string, data: object, meta?: { filepath?: string }) =>
      this.renderFrom(name, data, meta?.filepath)) as Eta['render'];
    this.eta.RuntimeErr = ((error: unknown, source: string, line: number, file: string): never => {
      throw runtimeError(error, source, line, file, this.byFile.get(file)?.name ?? file);
    }) as Eta['RuntimeErr'];
  }

  /**
   * Renders template `name` (`.eta` added when it has no extension) with `data` as `it`.
   *
   * @example
   * ```ts
   * env.render('index', { title: 'Home' }); // '<!DOCTYPE html>...'
   * ```
   */
  render(name: string, data: object): string {
    return this.renderFrom(name, data, undefined);
  }

  private renderFrom(name: string, data: object, fromFile: string | undefined): string {
    const from = fromFile === undefined ? undefined : this.byFile.get(fromFile);
    const template = this.load(this.canonicalName(name, from?.name));
    return template.fn.call(this.eta, data, template.options);
  }

  private canonicalName(name: string, from: string | undefined): string {
    // A canonical `from` holds no NUL, so the key splits one way only.
    const relative = from !== undefined && name.startsWith('.');
    const names = relative ? this.relativeNames : this.names;
    const key = relative ? `${from}\0${name}` : name;
    let canonical = names.get(key);
    if (canonical === undefined) {
      canonical = templateName(name, from);
      if (names.size < MAX_CACHED_NAMES) names.set(key, canonical);
    }
    return canonical;
  }

  private load(name: string): LoadedTemplate {
    const cached = this.byName.get(name);
    // Outside debug mode, the file system is not touched again once a template is compiled.
    if (cached !== undefined && !this.host.debug) return cached;
    const source = locateTemplate(name, this.folders());
    if (cached !== undefined && sameFile(cached.source, source)) return cached;
    const fn = compileTemplate(this.eta, readTemplate(source), name, source.file);
    const loaded: LoadedTemplate = { name, source, fn, options: { filepath: source.file, async: false } };
    this.byName.set(name, loaded);
    this.byFile.set(source.file, loaded);
    return loaded;
  }

  private folders(): string[] {
    const folders = [this.host.templateFolder, ...this.host.blueprints.map((b) => b.templateFolder)];
    return [...new Set(folders.filter((folder): folder is string => folder !== undefined))];
  }
}

function sameFile(a: TemplateSource, b: TemplateSource): boolean {
  return a.file === b.file && a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/** A throw inside a template, as a `TemplateError` naming its file and line; an inner template's error as is. */
function runtimeError(error: unknown, source: string, line: number, file: string, name: string): unknown {
  // Already located (an included template or the layout failed), or an HTTP answer (abort in a template).
  if (error instanceof TemplateError || error instanceof HTTPException) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TemplateError(
    `Error in template ${name} (${file}:${line}): ${message}\n${excerpt(source, line)}`,
    {
      kind: 'runtime',
      template: name,
      file,
      line,
      cause: error,
    },
  );
}

const environments = new WeakMap<TemplateHost, TemplateEnvironment>();

/**
 * The template environment of `app`, made on its first render.
 *
 * @example
 * ```ts
 * templateEnvironment(c.app).render('index', {});
 * ```
 */
export function templateEnvironment(app: TemplateHost): TemplateEnvironment {
  let environment = environments.get(app);
  if (environment === undefined) {
    environment = new TemplateEnvironment(app);
    environments.set(app, environment);
  }
  return environment;
}
