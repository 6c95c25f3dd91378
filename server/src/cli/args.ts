// Command-line parsing shared by the subcommands: node:util parseArgs with
// usage errors as a type of their own (exit status 2), value checks, and the
// options every command that walks paths takes.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { EmbeddedOptions } from '../core/embedded/hosts';

/** A mistake in the command line: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Options of every command that walks paths (`check`, `fix`). */
export const PATH_OPTIONS = {
  exclude: { type: 'string', multiple: true },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  'no-docs': { type: 'boolean' },
  'no-python-strings': { type: 'boolean' },
} as const satisfies OptionsConfig;

export const PATH_OPTIONS_HELP = `  --exclude GLOB     leave out matching files and folders (repeatable); a glob
                     without '/' matches names, one with '/' paths below PATH
  --no-docs          leave out C/C++ code blocks of .rst and .md files
  --no-python-strings
                     leave out C in string literals of .py files
  -v, --verbose      say which files and folders are skipped, and why
  -h, --help         show this help`;

/** parseArgs in strict mode, positionals allowed; unknown or malformed options become UsageError. */
export function parseCommandLine<const O extends OptionsConfig>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify a positional argument.*$/s, '') : String(err));
  }
}

/** `value` if it is one of `allowed`, else a UsageError naming the flag. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  return found;
}

/** Which embedded C the path options leave in (`--no-docs`, `--no-python-strings`). */
export function embeddedFrom(values: { 'no-docs'?: boolean; 'no-python-strings'?: boolean }): EmbeddedOptions {
  return { docs: !values['no-docs'], pythonStrings: !values['no-python-strings'] };
}

/** The paths to walk: the positionals, or the current folder. */
export function pathsOrCwd(positionals: readonly string[]): string[] {
  return positionals.length ? [...positionals] : ['.'];
}

/**
 * A subcommand's arguments, or the exit status it ends with: a usage error
 * is printed with the usage (2), `--help` prints the usage (0).
 */
export function parseOrExit<T>(command: string, usage: string, argv: readonly string[], parse: (argv: readonly string[]) => T | 'help'): { args: T } | { exitCode: number } {
  let parsed: T | 'help';
  try {
    parsed = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`multiphase ${command}: ${err.message}\n\n${usage}\n`);
    return { exitCode: 2 };
  }
  if (parsed === 'help') {
    process.stdout.write(`${usage}\n`);
    return { exitCode: 0 };
  }
  return { args: parsed };
}
