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
import { lineStartOf, nextLineStart } from './text';

const DIRECTIVE = /^[ \t]*#[ \t]*(if|ifdef|ifndef|elif|else|endif)\b([^\r\n]*)/;

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

interface Frame {
  /** The test's value for the Python being resolved; undefined keeps the directive. */
  value: boolean | undefined;
  inElse: boolean;
}

/**
 * `text` with every certain version test resolved for Python 3 (`py3`) or
 * Python 2: directive lines and untaken arms go. Undefined for an `#elif`
 * in a resolved test (not worth the risk).
 */
export function resolveVersionArms(text: string, mask: string, py3: boolean, flags: Py3Flags = NO_FLAGS): string | undefined {
  const out: string[] = [];
  const stack: Frame[] = [];
  const active = (): boolean => stack.every((f) => f.value === undefined || (f.inElse ? !f.value : f.value));
  let at = 0;
  while (at < text.length) {
    const end = nextLineStart(text, at);
    const line = text.slice(at, end);
    const d = DIRECTIVE.exec(mask.slice(at, end));
    at = end;
    if (!d) {
      if (active()) out.push(line);
      continue;
    }
    const kind = d[1]!;
    if (kind.startsWith('if')) {
      const verdict = versionCondition(kind, d[2]!, flags);
      const keep = active();
      stack.push({ value: verdict && (py3 ? verdict.py3 : verdict.py2), inElse: false });
      if (verdict === undefined && keep) out.push(line);
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) return undefined;
    if (kind === 'elif' && top.value !== undefined) return undefined;
    if (kind === 'else') top.inElse = true;
    if (kind === 'endif') stack.pop();
    if (top.value === undefined && active()) out.push(line);
  }
  return stack.length ? undefined : out.join('');
}

/**
 * The file text with a dual-mode init split in two functions, or undefined
 * when the init is not one (or not one this code can read with certainty).
 */
export function splitDualModeInit(text: string, mask: string, init: InitFunctionInfo, flags: Py3Flags = NO_FLAGS): string | undefined {
  const header = lineStartOf(text, init.nameSpan.start);
  // The `#if` that opens the header's arm, skipping whole nested blocks.
  let ifLine: number | undefined;
  let depth = 0;
  for (let line = lineStartOf(text, header - 1); ; line = lineStartOf(text, line - 1)) {
    const d = DIRECTIVE.exec(mask.slice(line, nextLineStart(text, line)));
    if (d?.[1] === 'endif') depth++;
    else if (d && d[1]!.startsWith('if')) {
      if (depth === 0) {
        ifLine = line;
        break;
      }
      depth--;
    } else if (d && depth === 0) return undefined;
    if (line === 0) break;
  }
  if (ifLine === undefined) return undefined;
  const opening = DIRECTIVE.exec(mask.slice(ifLine, nextLineStart(text, ifLine)))!;
  if (versionCondition(opening[1]!, opening[2]!, flags)?.py3 !== true) return undefined;

  // `#else` ... `#endif` between the header and the body's `{`.
  let elseLine: number | undefined;
  let endifLine: number | undefined;
  depth = 0;
  for (let line = nextLineStart(text, init.nameSpan.end); line < init.body.startIndex; line = nextLineStart(text, line)) {
    const d = DIRECTIVE.exec(mask.slice(line, nextLineStart(text, line)));
    if (!d) continue;
    if (d[1]!.startsWith('if')) depth++;
    else if (d[1] === 'endif' && depth > 0) depth--;
    else if (d[1] === 'else' && depth === 0 && elseLine === undefined) elseLine = line;
    else if (d[1] === 'endif' && depth === 0) {
      endifLine = line;
      break;
    } else if (depth === 0) return undefined;
  }
  if (elseLine === undefined || endifLine === undefined) return undefined;
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
export function inPython2OnlyArm(text: string, mask: string, offset: number, flags: Py3Flags = NO_FLAGS): boolean {
  const stack: Frame[] = [];
  for (let at = 0; at < offset && at < text.length; at = nextLineStart(text, at)) {
    const d = DIRECTIVE.exec(mask.slice(at, nextLineStart(text, at)));
    if (!d) continue;
    if (d[1]!.startsWith('if')) stack.push({ value: versionCondition(d[1]!, d[2]!, flags)?.py3, inElse: false });
    else if (d[1] === 'endif') stack.pop();
    else if (d[1] === 'else' && stack.length) stack[stack.length - 1]!.inElse = true;
    else if (d[1] === 'elif' && stack.length) stack[stack.length - 1]!.value = undefined;
  }
  return stack.some((f) => f.value !== undefined && (f.inElse ? f.value : !f.value));
}

/**
 * The file text with a helper that serves both Pythons (`m = PyModule_Create`
 * under `#if PY_MAJOR_VERSION >= 3`, `Py_InitModule` under `#else`) split in
 * two same-named definitions, one per Python; undefined when it has no such
 * tests or is already inside a version arm.
 */
export function splitDualModeHelper(text: string, mask: string, helper: FunctionInfo, flags: Py3Flags = NO_FLAGS): string | undefined {
  const body = text.slice(helper.body.startIndex, helper.body.endIndex);
  const bodyMask = mask.slice(helper.body.startIndex, helper.body.endIndex);
  const tests = [...bodyMask.matchAll(new RegExp(DIRECTIVE.source, 'gm'))].filter((d) => versionCondition(d[1]!, d[2]!, flags) !== undefined);
  if (!tests.length) return undefined;
  // The split is written with the test the helper itself makes, so the notes name a line the user wrote.
  const py3Test = tests.find((d) => versionCondition(d[1]!, d[2]!, flags)!.py3)?.[0].trim() ?? '#if PY_MAJOR_VERSION >= 3';
  if (DIRECTIVE.test(mask.slice(lineStartOf(text, helper.span.start), helper.body.startIndex).replace(/^[^#]*$/gm, ''))) return undefined;
  const py3Body = resolveVersionArms(body, bodyMask, true, flags);
  const py2Body = resolveVersionArms(body, bodyMask, false, flags);
  if (py3Body === undefined || py2Body === undefined || py3Body === py2Body) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const start = lineStartOf(text, helper.span.start);
  const header = text.slice(start, helper.body.startIndex);
  return `${text.slice(0, start)}${py3Test}${eol}${header}${py3Body}${eol}#else${eol}${header}${py2Body}${eol}#endif${text.slice(helper.body.endIndex)}`;
}
