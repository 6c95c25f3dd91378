// `multiphase check`: walk paths, analyse each C/C++ file, print findings.
// Never crashes on a file: anything it cannot read or analyse becomes a note
// on stderr, and the run goes on.
import { embeddedFrom, oneOf, parseCommandLine, parseOrExit, pathsOrCwd, PATH_OPTIONS, PATH_OPTIONS_HELP } from './args';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatStats, formatTextFindings, formatTextSummary } from './format/text';
import { analyzeFiles } from './parallel';
import { failsCheck, type CheckReport } from './report';
import { isAbsolute } from 'node:path';
import { VERSION } from './version';
import { ResultCache } from './resultCache';
import { analysisBundlePath } from './loadAnalysis';
import { collectSources } from '../files/walk';
import { IncludedSources } from '../files/includedSources';
import type { EmbeddedOptions } from '../core/embedded/hosts';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const CHECK_USAGE = `usage: multiphase check [options] [PATH...]

Report Python C-extension modules that still use single-phase init, and other
PEP 489 problems, in the C/C++ sources under each PATH (default: .).
Checks .c .h .cc .cpp .cxx .hpp .c.src, the C/C++ code blocks of .rst and .md
files and the C in string literals of .py files; honours .gitignore; skips
build, virtualenv and node_modules folders. A source file that another one
includes (a module template: #include "hash_template.c") is checked with it.

options:
  --format FORMAT    text (default), json or sarif
  --stats            print files, bytes and time
  --exit-zero        exit 0 even when there are findings (usage errors still exit 2)
  --no-cache         neither reuse nor keep results between runs (see below)
${PATH_OPTIONS_HELP}

Results are kept in $MULTIPHASE_CACHE_DIR, else $XDG_CACHE_HOME/multiphase or
~/.cache/multiphase (never in the checked tree), and reused for files whose
size, times and inode, or bytes, are unchanged. An empty MULTIPHASE_CACHE_DIR
turns this off.

exit status: 0 nothing at warning or above, 1 findings, 2 usage error or unreadable path,
3 the converter failed on a module (internal error, on stderr)`;

interface CheckArgs {
  paths: string[];
  format: Format;
  stats: boolean;
  verbose: boolean;
  exclude: string[];
  exitZero: boolean;
  cache: boolean;
  embedded: EmbeddedOptions;
}

export function parseCheckArgs(argv: readonly string[]): CheckArgs | 'help' {
  const { values, positionals } = parseCommandLine(argv, { ...PATH_OPTIONS, format: { type: 'string' }, stats: { type: 'boolean' }, 'exit-zero': { type: 'boolean' }, 'no-cache': { type: 'boolean' } });
  if (values.help) return 'help';
  return {
    paths: pathsOrCwd(positionals),
    format: oneOf('--format', values.format ?? 'text', FORMATS),
    stats: Boolean(values.stats),
    verbose: Boolean(values.verbose),
    exclude: values.exclude ?? [],
    exitZero: Boolean(values['exit-zero']),
    cache: !values['no-cache'],
    embedded: embeddedFrom(values),
  };
}

export async function runCheck(argv: readonly string[]): Promise<number> {
  const parsed = parseOrExit('check', CHECK_USAGE, argv, parseCheckArgs);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { args } = parsed;
  const { report, unreadable, failed } = await scan(args);
  const out = args.format === 'json' ? formatJson(report) : args.format === 'sarif' ? formatSarif(report, VERSION) : formatTextFindings(report) + formatTextSummary(report);
  process.stdout.write(out);
  if (args.stats) (args.format === 'text' ? process.stdout : process.stderr).write(formatStats(report));
  if (failed) return 3;
  if (unreadable) return 2;
  return !args.exitZero && report.findings.some(failsCheck) ? 1 : 0;
}

/** Walk, then analyse on every core; notes go to stderr in file order. */
async function scan(args: CheckArgs): Promise<{ report: CheckReport; unreadable: boolean; failed: boolean }> {
  const started = performance.now();
  const note = (line: string): void => void process.stderr.write(`${line}\n`);
  const walked = collectSources('check', args.paths, args);
  const walkFailed = walked.unreadable;
  // Included source files are found in the bytes analyzeFiles reads anyway (one read per file).
  const includes = new IncludedSources(walked.files);
  let unreadable = walkFailed;
  let failed = false;
  const report: CheckReport = { findings: [], filesScanned: 0, modulesFound: 0, bytes: 0, elapsedMs: 0 };
  const options = { generatorNotes: args.verbose, embedded: args.embedded, moduleState: args.format === 'json' };
  // Paths are printed as given: the working folder matters only to relative ones.
  const cwd = args.paths.every((path) => isAbsolute(path)) ? '' : process.cwd();
  const cache = args.cache ? ResultCache.open({ bundles: [__filename, analysisBundlePath()], version: VERSION, cwd, paths: args.paths, options: { ...options, exclude: args.exclude } }) : undefined;
  const results = await analyzeFiles(walked.files, { ...options, digest: Boolean(cache) }, includes, cache);
  const unsaved = cache?.save();
  if (unsaved && args.verbose) note(`note: results not kept for the next run: ${unsaved}`);
  report.reused = cache?.reused;
  for (const result of results) {
    if (result.status === 'unreadable') {
      unreadable = true;
      note(`multiphase check: ${result.file}: ${result.note ?? 'cannot be read'}`);
      continue;
    }
    if (result.status === 'skipped') {
      note(`note: ${result.file}: skipped (${result.note ?? 'unknown reason'})`);
      continue;
    }
    for (const error of result.internalErrors ?? []) {
      failed = true;
      note(`multiphase check: ${result.file}: internal error in the converter: ${error}`);
    }
    const includer = includes.includedBy.get(result.file);
    if (includer) note(`note: ${result.file}: checked because ${includer} includes it`);
    if (result.latin1) note(`note: ${result.file}: not valid UTF-8; read as Latin-1`);
    // An analysed file with a note is a generated or binding-library source.
    if (result.note && args.verbose) note(`${result.file}: skipped (${result.note})`);
    report.filesScanned++;
    report.bytes += result.bytes;
    report.modulesFound += result.modules;
    report.findings.push(...result.findings);
  }
  report.elapsedMs = performance.now() - started;
  return { report, unreadable, failed };
}
