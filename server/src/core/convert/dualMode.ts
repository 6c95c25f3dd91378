// Python 2/3 dual-mode inits share one body between two headers:
//
//   #if PY_MAJOR_VERSION >= 3          the Python 3 header
//   PyMODINIT_FUNC PyInit_x(void)
//   #else                              the Python 2 header
//   void initx(void)
//   #endif
//   { ...#if PY_MAJOR_VERSION >= 3 ... #else ... #endif... }
//
// Converting it means splitting it first into two whole functions, each with
// the body its own Python sees (the preprocessor would pick the same arms), so
// the Python 3 one converts like any other and the Python 2 one keeps working.
import type { FunctionInfo, InitFunctionInfo } from '../model';
import { flagTest } from '../text/py3Flag';
import { armsAt, scanPreprocessor, type ConditionalArm, type ConditionalGroup, type Directive, type PreprocessorModel } from '../text/preprocessorModel';
import type { Span } from '../span';
import { lineStartOf, nextLineStart } from './text';

/** Python 3 flags a header defines, as the file's arms show (text/py3Flag.ts): name → defined for Python 3. */
export type Py3Flags = ReadonlyMap<string, boolean>;

const NO_FLAGS: Py3Flags = new Map();

/**
 * What a version test means on Python 3.8+ and on Python 2: certain values,
 * or undefined when it depends. A test on one of `flags` is certain too:
 * the arms that showed what it means showed it for both Pythons.
 */
export function versionCondition(kind: string, condition: string, flags: Py3Flags = NO_FLAGS): { py3: boolean; py2: boolean } | undefined {
  const flag = flagTest(kind, condition.replace(/\/\*.*?\*\/|\/\/.*$/g, ''));
  const definedOnPy3 = flag && flags.get(flag.name);
  if (flag && definedOnPy3 !== undefined) {
    const py3 = definedOnPy3 === flag.whenDefined;
    return { py3, py2: !py3 };
  }
  if (kind !== 'if') return undefined;
  const c = condition.replace(/\/\*.*?\*\/|\/\/.*$/g, '').trim().replace(/^\((.*)\)$/, '$1').trim();
  const major = /^PY_MAJOR_VERSION\s*(>=|>|==|!=|<=|<)\s*(\d+)$/.exec(c);
  if (major) return { py3: compare(3, major[1]!, Number(major[2])), py2: compare(2, major[1]!, Number(major[2])) };
  const hex = /^PY_VERSION_HEX\s*(>=|>|<|<=)\s*(0x[0-9a-fA-F]+)$/.exec(c);
  if (hex) {
    const threshold = Number.parseInt(hex[2]!, 16);
    // Certain only between the last Python 2 (2.7.18) and 3.0: every 2.x is below, every 3.x above.
    if (threshold < 0x02071900 || threshold > 0x03000000) return undefined;
    const above = hex[1] === '>=' || hex[1] === '>';
    return { py3: above, py2: !above };
  }
  return undefined;
}

function compare(left: number, op: string, right: number): boolean {
  switch (op) {
    case '>=': return left >= right;
    case '>': return left > right;
    case '==': return left === right;
    case '!=': return left !== right;
    case '<=': return left <= right;
    default: return left < right;
  }
}

/** A directive's whole line, its line break included. */
function lineOf(text: string, directive: Directive): Span {
  return { start: directive.span.start, end: nextLineStart(text, directive.span.end) };
}

/** The version test a group opens with: certain values, or undefined. */
export function groupTest(group: ConditionalGroup, flags: Py3Flags): { py3: boolean; py2: boolean } | undefined {
  const first = group.arms[0]!.directive;
  return versionCondition(first.kind, first.rest, flags);
}

/**
 * `text` with every certain version test resolved for Python 3 (`py3`) or
 * Python 2: directive lines and untaken arms go. Undefined for an `#elif`
 * in a resolved test (not worth the risk) or unbalanced groups.
 */
export function resolveVersionArms(text: string, mask: string, py3: boolean, flags: Py3Flags = NO_FLAGS): string | undefined {
  const pp = scanPreprocessor(mask);
  if (pp.stray.length || pp.groups.some((g) => !g.endif)) return undefined;
  const drop: Span[] = [];
  for (const group of pp.groups) {
    const verdict = groupTest(group, flags);
    if (!verdict) continue;
    if (group.arms.some((a) => a.directive.kind.startsWith('elif'))) return undefined;
    const taken = (py3 ? verdict.py3 : verdict.py2) ? 0 : 1;
    group.arms.forEach((arm, i) => {
      drop.push(lineOf(text, arm.directive));
      if (i !== taken) drop.push(arm.body);
    });
    drop.push(lineOf(text, group.endif!));
  }
  return withoutSpans(text, drop);
}

function withoutSpans(text: string, spans: Span[]): string {
  const out: string[] = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start > at) out.push(text.slice(at, span.start));
    at = Math.max(at, span.end);
  }
  out.push(text.slice(at));
  return out.join('');
}

/**
 * The file text with a dual-mode init split in two functions, or undefined
 * when the init is not one (or not one this code can read with certainty).
 */
export function splitDualModeInit(text: string, mask: string, init: InitFunctionInfo, flags: Py3Flags = NO_FLAGS, pp: PreprocessorModel = scanPreprocessor(mask)): string | undefined {
  // The header sits in the first arm of a version test whose only other arm,
  // an #else, ends (#endif) before the body's `{`.
  const at = armsAt(pp, init.nameSpan.start).pop();
  const group = at && pp.groups[at.group];
  if (!group || at.arm !== 0 || group.arms.length !== 2 || !group.endif) return undefined;
  const [first, second] = group.arms as [ConditionalArm, ConditionalArm];
  if (second.directive.kind !== 'else' || groupTest(group, flags)?.py3 !== true) return undefined;
  // Nothing else opens or closes at the header's level between its name and the body.
  const between = (d: Directive): boolean => d.span.start > init.nameSpan.end && d.span.start < init.body.startIndex;
  const whollyBetween = (g: ConditionalGroup): boolean => between(g.arms[0]!.directive) && g.endif !== undefined && between(g.endif);
  if (pp.directives.some((d) => between(d) && d.group !== undefined && d.group !== group.id && !whollyBetween(pp.groups[d.group]!))) return undefined;
  const elseLine = second.directive.span.start;
  const endifLine = group.endif.span.start;
  if (!(first.body.start <= init.nameSpan.start && elseLine > init.nameSpan.end && endifLine < init.body.startIndex)) return undefined;
  if (mask.slice(nextLineStart(text, endifLine), init.body.startIndex).trim() !== '') return undefined;

  const body = text.slice(init.body.startIndex, init.body.endIndex);
  const bodyMask = mask.slice(init.body.startIndex, init.body.endIndex);
  const py3Body = resolveVersionArms(body, bodyMask, true, flags);
  const py2Body = resolveVersionArms(body, bodyMask, false, flags);
  if (py3Body === undefined || py2Body === undefined) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const endif = text.slice(endifLine, nextLineStart(text, endifLine)).replace(/\r?\n$/, '');
  return (
    text.slice(0, elseLine) +
    py3Body +
    eol +
    text.slice(elseLine, endifLine) +
    py2Body +
    eol +
    endif +
    text.slice(init.body.endIndex)
  );
}

/**
 * Whether `offset` lies in a preprocessor arm that Python 3 never compiles
 * (`#else` of `#if PY_MAJOR_VERSION >= 3`, or `#if PY_MAJOR_VERSION < 3`).
 */
export function inPython2OnlyArm(pp: PreprocessorModel, offset: number, flags: Py3Flags = NO_FLAGS): boolean {
  return armsAt(pp, offset).some(({ group, arm }) => {
    const g = pp.groups[group]!;
    // After an #elif the arms no longer follow one version test.
    if (g.arms.slice(1, arm + 1).some((a) => a.directive.kind !== 'else')) return false;
    const py3 = groupTest(g, flags)?.py3;
    return py3 !== undefined && (arm === 0 ? !py3 : py3);
  });
}

/**
 * The file text with a helper that serves both Pythons (`m = PyModule_Create`
 * under `#if PY_MAJOR_VERSION >= 3`, `Py_InitModule` under `#else`) split in
 * two same-named definitions, one per Python; undefined when it has no such
 * tests or is already inside a version arm.
 */
export function splitDualModeHelper(text: string, mask: string, helper: FunctionInfo, flags: Py3Flags = NO_FLAGS, pp: PreprocessorModel = scanPreprocessor(mask)): string | undefined {
  const within = (d: Directive, start: number, end: number): boolean => d.span.start >= start && d.span.start < end;
  const tests = pp.groups.filter((g) => within(g.arms[0]!.directive, helper.body.startIndex, helper.body.endIndex) && groupTest(g, flags) !== undefined);
  if (!tests.length) return undefined;
  // The split is written with the test the helper itself makes, so the notes name a line the user wrote.
  const py3Line = tests.find((g) => groupTest(g, flags)!.py3)?.arms[0]!.directive;
  const py3Test = py3Line ? mask.slice(py3Line.span.start, py3Line.span.end).trim() : '#if PY_MAJOR_VERSION >= 3';
  const start = lineStartOf(text, helper.span.start);
  if (pp.directives.some((d) => d.group !== undefined && within(d, start, helper.body.startIndex))) return undefined;
  const body = text.slice(helper.body.startIndex, helper.body.endIndex);
  const bodyMask = mask.slice(helper.body.startIndex, helper.body.endIndex);
  const py3Body = resolveVersionArms(body, bodyMask, true, flags);
  const py2Body = resolveVersionArms(body, bodyMask, false, flags);
  if (py3Body === undefined || py2Body === undefined || py3Body === py2Body) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const header = text.slice(start, helper.body.startIndex);
  return `${text.slice(0, start)}${py3Test}${eol}${header}${py3Body}${eol}#else${eol}${header}${py2Body}${eol}#endif${text.slice(helper.body.endIndex)}`;
}
