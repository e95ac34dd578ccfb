/**
 * The message a CLI shows for an error of Node's `util.parseArgs`, in the CLI's words: `unknown option
 * --foo`, `option --sort needs a value`, `option --help takes no value`; Node's own message (which
 * suggests `--` and has an unbalanced quote) otherwise.
 *
 * @example
 * ```ts
 * try { parseArgs({ args: ['--foo'], options: {} }); } catch (error) { argsErrorMessage(error); } // 'unknown option --foo'
 * ```
 */
export function argsErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /^Unknown option '([^']+)'/.exec(message)?.[1];
    if (option !== undefined) return `unknown option ${option}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // "Option '-h, --help' does not take an argument", "Option '--sort <value>' argument missing".
    const option = /^Option '(?:-\w, )?(-[^' ]+)/.exec(message)?.[1];
    if (option !== undefined && message.endsWith('argument missing')) return `option ${option} needs a value`;
    if (option !== undefined && message.includes('does not take an argument')) {
      return `option ${option} takes no value`;
    }
  }
  return message;
}

/** True for an error `util.parseArgs` throws for a wrong command line. */
export function isArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
