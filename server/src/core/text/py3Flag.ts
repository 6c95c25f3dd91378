// A Python 3 flag the file tests but a header defines (`#ifdef IS_PY3K`, with
// IS_PY3K set in the project's own compat header): the view cannot evaluate
// it and would keep both arms, hiding a split init. When a group on such a
// macro puts a Python 3 init (PyInit_x) in one arm and a Python 2 one (initx,
// Py_InitModule) in the other, the arms say what the macro means: the one
// holding PyInit_ is the Python 3 arm.
import type { PreprocessorModel } from './preprocessorModel';

// Also pasted names (`_PASTE2(PyInit_, MODULE_NAME)` / `_PASTE2(init, MODULE_NAME)`, a template's init),
// an alias of the init (`#define init_function PyInit_x` / `initx`) and the creation calls themselves.
const PY3_INIT = /\bPyInit_(?:\w+\s*\(|\s*,)|^[ \t]*#[ \t]*define[ \t]+\w+[ \t]+PyInit_\w+[ \t]*\r?$|\bPyModule_Create2?\s*\(/m;
const PY2_INIT = /\b(?:init\w+\s*\(|init\s*,|Py_InitModule\w*\s*\()|^[ \t]*#[ \t]*define[ \t]+\w+[ \t]+init\w+[ \t]*\r?$/m;

/** `name` and whether the arm is taken when it is defined, for a directive testing one macro (`#ifdef X`, `#if !defined(X)`); undefined otherwise. */
export function flagTest(kind: string, condition: string): { name: string; whenDefined: boolean } | undefined {
  const rest = condition.trim();
  if (kind === 'ifdef' || kind === 'ifndef') {
    const name = /^\w+$/.exec(rest)?.[0];
    return name ? { name, whenDefined: kind === 'ifdef' } : undefined;
  }
  if (kind !== 'if') return undefined;
  const m = /^(!\s*)?(?:defined\s*\(\s*(\w+)\s*\)|defined\s+(\w+))$/.exec(rest);
  if (!m) return undefined;
  return { name: (m[2] ?? m[3])!, whenDefined: !m[1] };
}

/**
 * Macros the file never defines whose Python 3 meaning its init's arms show:
 * name → defined for Python 3. A macro whose groups disagree is left out.
 */
export function inferredPy3Flags(mask: string, pp: PreprocessorModel): Map<string, boolean> {
  const definedHere = new Set(pp.defines.map((d) => d.name));
  const seen = new Map<string, boolean | 'conflict'>();
  for (const group of pp.groups) {
    if (group.arms.length !== 2 || group.arms[1]!.directive.kind !== 'else') continue;
    const test = flagTest(group.arms[0]!.directive.kind, group.arms[0]!.directive.rest);
    if (!test || definedHere.has(test.name) || /^PY_/.test(test.name)) continue;
    const [first, second] = group.arms.map((a) => mask.slice(a.body.start, a.body.end));
    const firstIsPy3 = PY3_INIT.test(first!) && PY2_INIT.test(second!) && !PY3_INIT.test(second!);
    const secondIsPy3 = PY3_INIT.test(second!) && PY2_INIT.test(first!) && !PY3_INIT.test(first!);
    if (firstIsPy3 === secondIsPy3) continue;
    const defined = firstIsPy3 === test.whenDefined;
    const before = seen.get(test.name);
    seen.set(test.name, before === undefined || before === defined ? defined : 'conflict');
  }
  const flags = new Map<string, boolean>();
  for (const [name, value] of seen) if (value !== 'conflict') flags.set(name, value);
  return flags;
}

/** The note that states the assumption, one sentence. */
export function py3FlagNote(name: string, defined: boolean): string {
  return `${name} is taken to be ${defined ? 'defined' : 'not defined'} for Python 3, as its arms show; it is defined outside this file.`;
}
