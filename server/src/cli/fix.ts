// `multiphase fix`: convert every single-phase module that can be converted
// safely, in place (atomically: temporary file, then rename, mode kept), or
// print the unified diff with --diff. One line per module on stdout. The
// conversion itself is in the analysis bundle (convertSource.ts), loaded
// only once a file holds a module word.
import { isAbsolute } from 'node:path';
import { DEFAULT_CONVERSION_OPTIONS, OPTION_VALUES, versionHex, type ConversionOptions } from '../core/convert/options';
import { languageForPath } from '../core/grammars';
import { hasMultiPhaseInit } from '../core/settings';
import { bytesMayHoldFindings } from '../core/prefilter';
import { embeddedFrom, oneOf, parseCommandLine, pathsOrCwd, PATH_OPTIONS, PATH_OPTIONS_HELP, UsageError } from './args';
import { decodeSource, readSourceBytes } from '../files/sources';
import { editableRoots, placeEdit } from '../files/links';
import { describeError, isSystemError, readOnlyReason, roundTripForm, writeAtomically } from '../files/rewrite';
import { walkSources } from '../files/walk';
import { IncludedSources } from '../files/includedSources';
import { bytesMayEmbed, hostEnabled, hostKindForPath, type EmbeddedOptions } from '../core/embedded/hosts';
import { loadAnalysis } from './loadAnalysis';

export const FIX_USAGE = `usage: multiphase fix [options] [PATH...]

Convert the single-phase modules in the C/C++ sources under each PATH
(default: .) to multi-phase init (PEP 489), in place; also those in C/C++ code
blocks of .rst/.md files and in string literals of .py files. Modules that cannot be
converted safely are left alone, with the reason, and so are modules silenced
by a \`// multiphase: ignore\` comment (as for check). A source file that a
file under PATH includes (a module template: #include "hash_template.c"),
beside it or below its folder, is converted with it, in place.

options:
  --rules                         also apply the smaller rules' fixes (add a missing Py_mod_gil or
                                  Py_mod_multiple_interpreters slot, negative m_size of a multi-phase
                                  def to 0, drop a release of the module in exec, import_array1(-1))
  --diff                          print a unified diff, write nothing
  --force                         also rewrite read-only files (skipped with a note otherwise)
  --min-python 3.X                oldest Python the code must build on (3.5 or later, default ${DEFAULT_CONVERSION_OPTIONS.minimumPythonVersion});
                                  decides which newer C-API calls the rewrite may use (slot
                                  guards stay: a build-defined Py_LIMITED_API still needs them)
  --gil VALUE                     Py_mod_gil: ${OPTION_VALUES.gil.join(', ')} (default ${DEFAULT_CONVERSION_OPTIONS.gil})
  --multiple-interpreters VALUE   Py_mod_multiple_interpreters: ${OPTION_VALUES.multipleInterpreters.join(', ')}
                                  (default ${DEFAULT_CONVERSION_OPTIONS.multipleInterpreters})
  --guard VALUE                   re-import behaviour: ${OPTION_VALUES.reinitGuard.join(', ')} (default ${DEFAULT_CONVERSION_OPTIONS.reinitGuard});
                                  always is the deprecated name of error
  --keep-python2                  keep a Python 2 init (Py_InitModule, then the exec function) instead
                                  of removing the Python 2 code the conversion touches
${PATH_OPTIONS_HELP}

A symbolic link whose target lies outside the PATHs (for a PATH that is a
file: outside its folder) is skipped with a note; a link whose target is
inside is converted at its target and stays a link. A read-only file (no
write permission for you, or none for anyone) is skipped with a note unless
--force is given.

exit status: 0 every module found was converted, 1 something was refused or
skipped (read-only, link outside), 2 usage error, or a path that could not be
read or written, 3 the converter failed (internal error, printed on stderr)`;

interface FixArgs {
  paths: string[];
  rules: boolean;
  diff: boolean;
  force: boolean;
  verbose: boolean;
  exclude: string[];
  options: ConversionOptions;
  embedded: EmbeddedOptions;
}

const FIX_OPTIONS = {
  ...PATH_OPTIONS,
  rules: { type: 'boolean' },
  diff: { type: 'boolean' },
  force: { type: 'boolean' },
  'min-python': { type: 'string' },
  gil: { type: 'string' },
  'multiple-interpreters': { type: 'string' },
  guard: { type: 'string' },
  'keep-python2': { type: 'boolean' },
} as const;

export function parseFixArgs(argv: readonly string[]): FixArgs | 'help' {
  const { values, positionals } = parseCommandLine(argv, FIX_OPTIONS);
  if (values.help) return 'help';
  const defaults = DEFAULT_CONVERSION_OPTIONS;
  const minimum = values['min-python'] ?? defaults.minimumPythonVersion;
  if (versionHex(minimum) === undefined) throw new UsageError(`--min-python must look like 3.8 (got '${minimum}')`);
  if (!hasMultiPhaseInit(minimum)) throw new UsageError(`--min-python must be 3.5 or later: multi-phase init (PEP 489) does not exist in ${minimum.trim()}`);
  return {
    paths: pathsOrCwd(positionals),
    rules: Boolean(values.rules),
    diff: Boolean(values.diff),
    force: Boolean(values.force),
    verbose: Boolean(values.verbose),
    exclude: values.exclude ?? [],
    embedded: embeddedFrom(values),
    options: {
      minimumPythonVersion: minimum.trim(),
      gil: oneOf('--gil', values.gil ?? defaults.gil, OPTION_VALUES.gil),
      multipleInterpreters: oneOf('--multiple-interpreters', values['multiple-interpreters'] ?? defaults.multipleInterpreters, OPTION_VALUES.multipleInterpreters),
      reinitGuard: oneOf('--guard', values.guard ?? defaults.reinitGuard, OPTION_VALUES.reinitGuard),
      keepPython2: Boolean(values['keep-python2']),
    },
  };
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
  const walked = [
    ...walkSources(args.paths, {
      exclude: args.exclude,
      embedded: args.embedded,
      onError: (path, message) => {
        unreadable = true;
        note(`multiphase fix: ${path}: ${message}`);
      },
      onSkip: args.verbose ? (path, reason) => note(`${path}: skipped (${reason})`) : undefined,
    }),
  ];
  // A source file another one includes (a template) is converted where it is, after the
  // files walked; the includes are found in the bytes read for the conversion (one read per file).
  const includes = new IncludedSources(walked);
  const files = [...walked];
  const roots = editableRoots(args.paths);
  let failed = false;
  let refused = false;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const lang = languageForPath(file);
    const read = readSourceBytes(file);
    // Only the files walked are searched for includes, as check does (parallel.ts): one level.
    if (read.kind === 'bytes' && i < walked.length) files.push(...includes.take(file, read.content));
    // No module word in its bytes: nothing to convert, so no decode, no parse, no note.
    const host = lang ? undefined : hostKindForPath(file);
    if (read.kind === 'bytes' && !(host ? bytesMayEmbed(read.content) : bytesMayHoldFindings(read.content))) continue;
    const source = read.kind === 'bytes' ? decodeSource(read.content) : read;
    if (source.kind === 'error') {
      unreadable = true;
      note(`multiphase fix: ${file}: ${source.message}`);
      continue;
    }
    if (source.kind === 'skipped' || !(lang || (host && hostEnabled(host, args.embedded)))) {
      if (source.kind === 'skipped') note(`note: ${file}: skipped (${source.reason})`);
      continue;
    }
    const includer = includes.includedBy.get(file);
    if (includer) note(`note: ${file}: converted with ${includer}, which includes it`);
    if (source.encoding === 'latin1') note(`note: ${file}: not valid UTF-8; read and written as Latin-1`);
    const { text, results, silenced, silencedNote, applied } = await loadAnalysis().convertSource(source.text, lang ? { lang } : { host: host! }, args.options, args.rules);
    for (const module of silenced) process.stdout.write(`${file}: ${module}: left alone: ${silencedNote}\n`);
    // Converted modules are only reported once their text is written (or shown as a diff).
    const outcome = text === source.text ? 'unchanged' : saveConversion(file, source.text, text, args, roots);
    if (outcome === 'failed') unreadable = true;
    const saved = outcome === 'unchanged' || outcome === 'saved';
    for (const result of results) {
      if (!result.ok) {
        process.stdout.write(`${file}: ${result.module}: refused ${result.refusal}\n`);
        if (result.internalError) process.stderr.write(`multiphase fix: ${file}: ${result.module}: internal error: ${result.internalError.stack ?? result.internalError.message}\n`);
        failed ||= result.internalError !== undefined;
      } else if (saved) {
        process.stdout.write(`${file}: ${result.module}: converted\n`);
        for (const line of result.notes ?? []) process.stdout.write(`${file}: ${result.module}: note: ${line}\n`);
      }
      refused ||= !result.ok || !saved;
    }
    if (saved) for (const fix of applied) process.stdout.write(`${file}: ${fix.module ?? '-'}: fixed ${fix.code}: ${fix.title}\n`);
    refused ||= applied.length > 0 && !saved;
  }
  if (failed) return 3;
  if (unreadable) return 2;
  return refused ? 1 : 0;
}

/**
 * Write (or with --diff print) a file's converted text, unless the link or
 * read-only rule says to leave it: 'skipped' and 'failed' are said on stderr.
 */
function saveConversion(file: string, before: string, after: string, args: FixArgs, roots: readonly string[]): 'saved' | 'skipped' | 'failed' {
  const note = (line: string): void => void process.stderr.write(`${line}\n`);
  const place = placeEdit(file, roots, 'the paths given');
  if (!place.ok) {
    note(`note: ${file}: skipped (${place.reason})`);
    return 'skipped';
  }
  try {
    const readOnly = args.force ? undefined : readOnlyReason(place.real);
    if (readOnly) {
      note(`note: ${file}: skipped (${readOnly}; --force rewrites it)`);
      return 'skipped';
    }
    if (args.diff) {
      const [from, to] = isAbsolute(file) ? [file, file] : [`a/${file}`, `b/${file}`];
      process.stdout.write(loadAnalysis().createTwoFilesPatch(from, to, before, after));
      return 'saved';
    }
    const form = roundTripForm(place.real, before);
    if (!form) {
      note(`multiphase fix: ${file}: not rewritten: its bytes would not survive a rewrite (not UTF-8 or Latin-1 text)`);
      return 'skipped';
    }
    writeAtomically(place.real, after, form);
    return 'saved';
  } catch (err) {
    // A system error (the folder refuses the temporary file, the file went away) is this file's; anything else is ours.
    if (!isSystemError(err)) throw err;
    note(`multiphase fix: ${file}: not written: ${describeError(err)}`);
    return 'failed';
  }
}
