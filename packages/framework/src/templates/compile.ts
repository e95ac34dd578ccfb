import type { Eta, TemplateFunction } from 'eta/core';
import { EtaParseError } from 'eta/core';
import { excerpt, TemplateError } from './errors.js';

/**
 * Compiles template `name` (read from `file`) into a function, or throws a `TemplateError` naming the
 * file and the line at fault. eta reports a broken tag with its line but not the file, and a syntax
 * error in the code inside tags with neither: that line is found by compiling ever longer prefixes
 * of the template (only when compiling failed).
 *
 * @example
 * ```ts
 * const fn = compileTemplate(eta, '<p><%= it.name %></p>', 'hello.eta', '/srv/app/templates/hello.eta');
 * ```
 */
export function compileTemplate(eta: Eta, source: string, name: string, file: string): TemplateFunction {
  let code: string;
  try {
    code = eta.compileToString(source, { filepath: file });
  } catch (error) {
    if (!(error instanceof EtaParseError)) throw error;
    const line = Number(/ at line (\d+)/.exec(error.message)?.[1]) || undefined;
    // eta's first line: "unclosed tag at line 2 col 5:"; the line goes in front, as for other errors.
    const what = (error.message.split('\n')[0] ?? '').replace(/ at line \d+ col (\d+):?$/, ' (column $1)');
    throw syntaxError(source, name, file, line, what, error);
  }
  try {
    return new Function(eta.config.varName, 'options', code) as TemplateFunction;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const line = faultyLine(eta, source);
    const what =
      line === undefined
        ? `${error.message} (a block opened in the template is never closed)`
        : error.message;
    throw syntaxError(source, name, file, line, what, error);
  }
}

function syntaxError(
  source: string,
  name: string,
  file: string,
  line: number | undefined,
  what: string,
  cause: unknown,
): TemplateError {
  const at = line === undefined ? file : `${file}:${line}`;
  const context = line === undefined ? '' : `\n${excerpt(source, line)}`;
  return new TemplateError(`Syntax error in template ${name} (${at}): ${what}${context}`, {
    kind: 'syntax',
    template: name,
    file,
    line,
    cause,
  });
}

// A prefix is followed by an unterminated template literal, which swallows the rest of the code:
// a prefix merely unfinished (`if (x) {`) then fails at the end ("Unexpected end of input" in V8,
// "...end of script" in JavaScriptCore) or on the literal, while a faulty one fails before.
const CUT_SHORT = /end of (input|script)|unexpected end|template/i;

/** The line of the first tag whose code makes the template's code invalid, not merely unfinished. */
function faultyLine(eta: Eta, source: string): number | undefined {
  const ast = eta.parse(source);
  for (let end = 1; end <= ast.length; end++) {
    const block = ast[end - 1];
    if (typeof block === 'string') continue;
    try {
      new Function(eta.config.varName, 'options', `${eta.compileBody(ast.slice(0, end))}\n\``);
    } catch (error) {
      if (error instanceof SyntaxError && !CUT_SHORT.test(error.message)) return block?.lineNo;
    }
  }
  return undefined;
}
