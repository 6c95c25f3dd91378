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
import { walkSources } from './walk';

const USAGE = `usage: multiphase fix [options] [PATH...]

Convert single-phase modules to multi-phase init (PEP 489), in place.

options:
  --diff                         print a unified diff, write nothing
  --min-python 3.X               oldest Python the code must build on (default ${DEFAULT_CONVERSION_OPTIONS.minimumPythonVersion});
                                 version guards for slots it already has are dropped
  --gil VALUE                    Py_mod_gil: ${OPTION_VALUES.gil.join(', ')} (default ${DEFAULT_CONVERSION_OPTIONS.gil})
  --multiple-interpreters VALUE  Py_mod_multiple_interpreters: ${OPTION_VALUES.multipleInterpreters.join(', ')}
                                 (default ${DEFAULT_CONVERSION_OPTIONS.multipleInterpreters})
  --guard VALUE                  once-per-process guard: ${OPTION_VALUES.reinitGuard.join(', ')} (default ${DEFAULT_CONVERSION_OPTIONS.reinitGuard})

exit status: 0 every module found was converted, 1 something was refused, 2 usage error`;

interface FixArgs {
  paths: string[];
  diff: boolean;
  options: ConversionOptions;
}

class UsageError extends Error {}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (!found) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  return found;
}

export function parseFixArgs(args: string[]): FixArgs | 'help' {
  const options: ConversionOptions = { ...DEFAULT_CONVERSION_OPTIONS };
  const paths: string[] = [];
  let diff = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      paths.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const takeValue = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      return value;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--diff':
        diff = true;
        break;
      case '--min-python': {
        const value = takeValue();
        if (versionHex(value) === undefined) throw new UsageError(`--min-python must look like 3.8 (got '${value}')`);
        options.minimumPythonVersion = value.trim();
        break;
      }
      case '--gil':
        options.gil = oneOf(flag, takeValue(), OPTION_VALUES.gil);
        break;
      case '--multiple-interpreters':
        options.multipleInterpreters = oneOf(flag, takeValue(), OPTION_VALUES.multipleInterpreters);
        break;
      case '--guard':
        options.reinitGuard = oneOf(flag, takeValue(), OPTION_VALUES.reinitGuard);
        break;
      default:
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  return { paths: paths.length ? paths : ['.'], diff, options };
}

/** Write through a temporary file in the same directory, then rename over the original. */
function writeAtomically(path: string, text: string): void {
  const mode = statSync(path).mode & 0o7777;
  const temp = join(dirname(path), `.${basename(path)}.multiphase-${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { mode });
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

export async function runFix(args: string[]): Promise<number> {
  let parsed: FixArgs | 'help';
  try {
    parsed = parseFixArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`multiphase fix: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const files: string[] = [];
  try {
    for (const file of walkSources(parsed.paths)) files.push(file);
  } catch (err) {
    process.stderr.write(`multiphase fix: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  await initParser();
  let status = 0;
  for (const file of files) {
    const lang = languageForPath(file);
    if (!lang) continue;
    const original = readFileSync(file, 'utf8');
    const { text, results } = convertFileText(original, lang, parsed.options);
    for (const result of results) {
      if (result.ok) {
        process.stdout.write(`${file}: ${result.module}: converted\n`);
      } else {
        status = 1;
        process.stdout.write(`${file}: ${result.module}: refused: ${result.reasons.join('; ')}\n`);
      }
    }
    if (text === original) continue;
    if (parsed.diff) {
      const [before, after] = isAbsolute(file) ? [file, file] : [`a/${file}`, `b/${file}`];
      process.stdout.write(createTwoFilesPatch(before, after, original, text));
    }
    else writeAtomically(file, text);
  }
  return status;
}
