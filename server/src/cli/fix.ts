// `multiphase fix`: convert every single-phase module that can be converted
// safely, in place (atomically: temporary file, then rename, mode kept), or
// print the unified diff with --diff. One line per module on stdout.
import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { convertFileText } from '../core/convert/file';
import { DEFAULT_CONVERSION_OPTIONS, OPTION_VALUES, versionHex, type ConversionOptions } from '../core/convert/options';
import { languageForPath } from '../core/grammars';
import { initParser } from '../core/parser';
import { oneOf, parseCommandLine, pathsOrCwd, PATH_OPTIONS, PATH_OPTIONS_HELP, UsageError } from './args';
import { readSource } from '../files/sources';
import { walkSources } from '../files/walk';

export const FIX_USAGE = `usage: multiphase fix [options] [PATH...]

Convert the single-phase modules in the C/C++ sources under each PATH
(default: .) to multi-phase init (PEP 489), in place. Modules that cannot be
converted safely are left alone, with the reason.

options:
  --diff                          print a unified diff, write nothing
  --min-python 3.X                oldest Python the code must build on (default ${DEFAULT_CONVERSION_OPTIONS.minimumPythonVersion});
                                  version guards for slots it already has are dropped
  --gil VALUE                     Py_mod_gil: ${OPTION_VALUES.gil.join(', ')} (default ${DEFAULT_CONVERSION_OPTIONS.gil})
  --multiple-interpreters VALUE   Py_mod_multiple_interpreters: ${OPTION_VALUES.multipleInterpreters.join(', ')}
                                  (default ${DEFAULT_CONVERSION_OPTIONS.multipleInterpreters})
  --guard VALUE                   once-per-process guard: ${OPTION_VALUES.reinitGuard.join(', ')} (default ${DEFAULT_CONVERSION_OPTIONS.reinitGuard})
${PATH_OPTIONS_HELP}

exit status: 0 every module found was converted, 1 something was refused,
2 usage error or unreadable path`;

interface FixArgs {
  paths: string[];
  diff: boolean;
  verbose: boolean;
  exclude: string[];
  options: ConversionOptions;
}

const FIX_OPTIONS = {
  ...PATH_OPTIONS,
  diff: { type: 'boolean' },
  'min-python': { type: 'string' },
  gil: { type: 'string' },
  'multiple-interpreters': { type: 'string' },
  guard: { type: 'string' },
} as const;

export function parseFixArgs(argv: readonly string[]): FixArgs | 'help' {
  const { values, positionals } = parseCommandLine(argv, FIX_OPTIONS);
  if (values.help) return 'help';
  const defaults = DEFAULT_CONVERSION_OPTIONS;
  const minimum = values['min-python'] ?? defaults.minimumPythonVersion;
  if (versionHex(minimum) === undefined) throw new UsageError(`--min-python must look like 3.8 (got '${minimum}')`);
  return {
    paths: pathsOrCwd(positionals),
    diff: Boolean(values.diff),
    verbose: Boolean(values.verbose),
    exclude: values.exclude ?? [],
    options: {
      minimumPythonVersion: minimum.trim(),
      gil: oneOf('--gil', values.gil ?? defaults.gil, OPTION_VALUES.gil),
      multipleInterpreters: oneOf('--multiple-interpreters', values['multiple-interpreters'] ?? defaults.multipleInterpreters, OPTION_VALUES.multipleInterpreters),
      reinitGuard: oneOf('--guard', values.guard ?? defaults.reinitGuard, OPTION_VALUES.reinitGuard),
    },
  };
}

interface ByteForm {
  encoding: BufferEncoding;
  /** The file starts with a UTF-8 byte-order mark the decoded text lacks. */
  bom: boolean;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * How to write text so the file's bytes come back exactly as read, so a
 * rewrite changes only what the conversion changed.
 */
function roundTripForm(path: string, text: string): ByteForm | undefined {
  const raw = readFileSync(path);
  if (Buffer.from(text, 'utf8').equals(raw)) return { encoding: 'utf8', bom: false };
  if (Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]).equals(raw)) return { encoding: 'utf8', bom: true };
  if (Buffer.from(text, 'latin1').equals(raw)) return { encoding: 'latin1', bom: false };
  return undefined;
}

/** Write through a temporary file in the same directory, then rename over the original. */
function writeAtomically(path: string, text: string, form: ByteForm): void {
  const mode = statSync(path).mode & 0o7777;
  const temp = join(dirname(path), `.${basename(path)}.multiphase-${process.pid}.tmp`);
  try {
    const bytes = Buffer.from(text, form.encoding);
    writeFileSync(temp, form.bom ? Buffer.concat([UTF8_BOM, bytes]) : bytes, { mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created.
    }
    throw err;
  }
}

let pipeHandled = false;

/** `multiphase fix --diff | head`: a closed pipe ends the output, not the process with a stack trace. */
function quietOnClosedPipe(): void {
  if (pipeHandled) return;
  pipeHandled = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

export async function runFix(argv: readonly string[]): Promise<number> {
  quietOnClosedPipe();
  let args: FixArgs | 'help';
  try {
    args = parseFixArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`multiphase fix: ${err.message}\n\n${FIX_USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${FIX_USAGE}\n`);
    return 0;
  }
  const note = (line: string): void => void process.stderr.write(`${line}\n`);
  let unreadable = false;
  const files = [
    ...walkSources(args.paths, {
      exclude: args.exclude,
      onError: (path, message) => {
        unreadable = true;
        note(`multiphase fix: ${path}: ${message}`);
      },
      onSkip: args.verbose ? (path, reason) => note(`${path}: skipped (${reason})`) : undefined,
    }),
  ];
  await initParser();
  let refused = false;
  for (const file of files) {
    const lang = languageForPath(file);
    const source = readSource(file);
    if (source.kind === 'error') {
      unreadable = true;
      note(`multiphase fix: ${file}: ${source.message}`);
      continue;
    }
    if (source.kind === 'skipped' || !lang) {
      if (source.kind === 'skipped') note(`note: ${file}: skipped (${source.reason})`);
      continue;
    }
    if (source.encoding === 'latin1') note(`note: ${file}: not valid UTF-8; read and written as Latin-1`);
    const { text, results } = convertFileText(source.text, lang, args.options);
    for (const result of results) {
      if (result.ok) {
        process.stdout.write(`${file}: ${result.module}: converted\n`);
        for (const line of result.notes ?? []) process.stdout.write(`${file}: ${result.module}: note: ${line}\n`);
      }
      else process.stdout.write(`${file}: ${result.module}: refused: ${result.reasons.join('; ')}\n`);
      refused ||= !result.ok;
    }
    if (text === source.text) continue;
    if (args.diff) {
      const [before, after] = isAbsolute(file) ? [file, file] : [`a/${file}`, `b/${file}`];
      process.stdout.write(createTwoFilesPatch(before, after, source.text, text));
      continue;
    }
    const form = roundTripForm(file, source.text);
    if (form) writeAtomically(file, text, form);
    else {
      note(`multiphase fix: ${file}: not rewritten: its bytes would not survive a rewrite (not UTF-8 or Latin-1 text)`);
      refused = true;
    }
  }
  if (unreadable) return 2;
  return refused ? 1 : 0;
}
