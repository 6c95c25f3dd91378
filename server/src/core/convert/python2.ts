// Python 2 code the conversion touches, after the conversion: by default it
// goes (the converted module needs Python 3.5 or later anyway); with
// keepPython2 the file keeps a Python 2 init that builds the module with
// Py_InitModule and then runs the one exec function Python 3 uses, so the
// init body is never written twice.
//
// Touched means: an arm of a `#if PY_MAJOR_VERSION >= 3` (or PY_VERSION_HEX
// test certain for 2 against 3, or a test on a Python 3 flag a header
// defines, as the model inferred it) that Python 2 compiles and that defines or
// calls the Python 2 init (`initx`) or the helper the init delegated to, or
// (removal only) #defines a macro the init used.
import { codeMask, maskOf, matchBrace, type MaskedText } from '../text/codeMask';
import { armsAt, scanPreprocessor, type ConditionalGroup, type PreprocessorModel } from '../text/preprocessorModel';
import { groupTest, type Py3Flags } from './dualMode';
import { python3OnlyNamesUsedBy } from './python3OnlyNames';
import { callArgumentSpans, lineStartOf, nextLineStart } from './text';

export interface Python2Facts {
  /** `x` of `PyInit_x`. */
  moduleName: string;
  /** The file before the conversion. */
  before: string;
  /** The init's text before the conversion (macros and a Py_InitModule call are read from it). */
  initText: string;
  /** The helper the init delegated to, if any. */
  helper?: { name: string; text: string };
  /** Python 3 flags a header defines (FileModel.py3Flags): tests on them are version tests too. */
  flags: Py3Flags;
  /** The converted text as the verification masked it: its mask is reused when it is the text settled. */
  verified?: MaskedText;
}

export interface Python2Result {
  text: string;
  notes: string[];
}

interface Py2Arm {
  group: ConditionalGroup;
  /** Offsets to remove, and what to put there. */
  start: number;
  end: number;
  replacement: string;
  /** The arm's text (kept for reading a Py_InitModule call). */
  armText: string;
  functions: boolean;
  what: string;
}

/** `after` (the converted file) with the Python 2 code the conversion touched removed, or replaced by one Python 2 init. */
export function settlePython2(after: string, facts: Python2Facts, keep: boolean): Python2Result {
  const eol = after.includes('\r\n') ? '\r\n' : '\n';
  const arms = touchedPython2Arms(after, facts, keep);
  let text = after;
  for (const arm of [...arms].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, arm.start) + arm.replacement + text.slice(arm.end);
  }
  const removed = (arm: Py2Arm): string => `Python 2: the arm of '#${arm.group.arms[0]!.directive.kind} ${arm.group.arms[0]!.directive.rest}' that Python 2 compiles (${arm.what}) was removed; the converted module needs Python 3.5 or later.`;
  if (!keep || !new RegExp(`\\binit${facts.moduleName}\\s*\\(|\\bPy_InitModule\\w*\\s*\\(`).test(facts.before)) return { text, notes: arms.map(removed) };
  const call = initModuleCall([facts.initText, facts.helper?.text ?? '', ...arms.filter((a) => a.functions).map((a) => a.armText)]) ?? callThroughMacro(text, facts.initText, facts.flags);
  const kept = call === undefined ? undefined : keepPython2Init(text, facts.moduleName, call, eol, facts.flags);
  if (!kept || typeof kept === 'string') {
    const why =
      typeof kept === 'string'
        ? kept
        : call === undefined
        ? 'no Py_InitModule call (or macro making one) was found to build it from'
        : defsOutsidePython3Arm(scanVersions(codeMask(text), facts.flags)).length > 0
          ? 'its PyModuleDef is written where Python 2 compiles it, apart from the init'
          : 'the exec function or PyInit_ is not where one can be added with certainty';
    return { text, notes: [...arms.map(removed), `Python 2: no Python 2 init kept for ${facts.moduleName}: ${why}.`] };
  }
  // The Python 2 functions' arms are replaced by the kept init, not lost: one note says both.
  const then = kept.exec ? ` and then ${kept.exec}, the code Python 3 runs` : '';
  const replaced = [...new Set(arms.filter((a) => a.functions).flatMap((a) => a.what.split(', ')))].filter((n) => n !== `init${facts.moduleName}`);
  const instead = replaced.length ? ` in place of the Python 2 code of ${replaced.join(', ')}` : '';
  return { text: kept.text, notes: [...arms.filter((a) => !a.functions).map(removed), `Python 2: init${facts.moduleName} kept${instead}: it calls ${call!.replace(/\s+/g, ' ')}${then}.`] };
}

/** A text's #if groups, with the flags that make a test on a header's macro a version test. */
interface Versions {
  mask: string;
  pp: PreprocessorModel;
  flags: Py3Flags;
}

function scanVersions(mask: string, flags: Py3Flags): Versions {
  return { mask, pp: scanPreprocessor(mask), flags };
}

/** Offsets of PyModuleDef / slot array uses that Python 2 would compile. */
function defsOutsidePython3Arm(v: Versions): number[] {
  const found: number[] = [];
  const uses = /\bPyModuleDef_HEAD_INIT\b|\bPyModuleDef_Slot\b/g;
  for (let m = uses.exec(v.mask); m; m = uses.exec(v.mask)) {
    if (!armsAt(v.pp, m.index).some((a) => py3Arm(v, a.group, a.arm))) found.push(m.index);
  }
  return found;
}

/** Start of the top-level declaration holding `offset`: back over indented and blank lines. */
function declarationStart(text: string, offset: number): number {
  let line = lineStartOf(text, offset);
  while (line > 0 && /^[ \t\r\n]/.test(text.slice(line, line + 1))) line = lineStartOf(text, line - 1);
  return line;
}

/**
 * The Py_InitModule call a macro the init uses makes in its Python 2
 * definition (`MOD_DEF(m, name, doc, methods)` → `Py_InitModule3(name,
 * methods, doc)`), with the init's arguments put in for the parameters.
 */
function callThroughMacro(text: string, initText: string, flags: Py3Flags): string | undefined {
  const v = scanVersions(codeMask(text), flags);
  const initMask = codeMask(initText);
  for (const def of v.pp.defines) {
    if (!def.params?.length || !def.inside || py3Arm(v, def.inside.group, def.inside.arm) || !inVersionGroup(v, def.inside.group)) continue;
    const body = text.slice(def.span.start, def.span.end).replace(/\\\r?\n/g, ' ');
    const inner = /\bPy_InitModule\w*\s*\(/.exec(body);
    const use = new RegExp(`\\b${def.name}\\s*\\(`).exec(initMask);
    if (!inner || !use) continue;
    const spans = callArgumentSpans(initMask, use.index + use[0].length);
    const callClose = matchBrace(codeMask(body), inner.index + inner[0].length - 1);
    if (!spans || callClose === -1) continue;
    const args = spans.map((s) => initText.slice(s.start, s.end).trim());
    const params = def.params;
    if (args.length !== params.length) continue;
    return body.slice(inner.index, callClose + 1).replace(new RegExp(`\\b(?:${params.join('|')})\\b`, 'g'), (p) => args[params.indexOf(p)]!);
  }
  return undefined;
}

/** What a group's opening `#if` says about Python 2 and 3, when it is a version test. */
function groupVersion(v: Versions, group: number): ReturnType<typeof groupTest> {
  return groupTest(v.pp.groups[group]!, v.flags);
}

function inVersionGroup(v: Versions, group: number): boolean {
  const verdict = groupVersion(v, group);
  return verdict !== undefined && verdict.py3 !== verdict.py2;
}

/** Whether arm `arm` of `group` is compiled by Python 3 only (a certain version test). */
function py3Arm(v: Versions, group: number, arm: number): boolean {
  const verdict = groupVersion(v, group);
  if (!verdict || verdict.py3 === verdict.py2) return false;
  return arm === 0 ? verdict.py3 : v.pp.groups[group]!.arms[arm]!.directive.kind === 'else' && verdict.py2;
}

function touchedPython2Arms(text: string, facts: Python2Facts, keep: boolean): Py2Arm[] {
  const mask = maskOf(text, facts.verified);
  const v = scanVersions(mask, facts.flags);
  const pp = v.pp;
  const names = [`init${facts.moduleName}`, ...(facts.helper ? [facts.helper.name] : [])];
  const mentions = new RegExp(`\\b(?:${names.join('|')})\\s*\\(`);
  const used = new Set(facts.initText.match(/\b[A-Za-z_]\w*\b/g) ?? []);
  const found: Py2Arm[] = [];
  for (const group of pp.groups) {
    if (found.some((f) => within(group.arms[0]!.directive.span.start, f))) continue;
    const first = group.arms[0]!.directive;
    if (group.arms.length > 2 || !group.endif) continue;
    const verdict = groupVersion(v, group.id);
    if (!verdict || verdict.py3 === verdict.py2) continue;
    const py2Index = verdict.py2 ? 0 : 1;
    const arm = group.arms[py2Index];
    if (!arm || (py2Index === 1 && arm.directive.kind !== 'else')) continue;
    const armMask = mask.slice(arm.body.start, arm.body.end);
    const functions = mentions.test(armMask);
    const macros = keep ? [] : pp.defines.filter((d) => d.span.start >= arm.body.start && d.span.start < arm.body.end && used.has(d.name)).map((d) => d.name);
    if (!functions && macros.length === 0) continue;
    // The whole arm goes: name every macro it defined, not only those the init used.
    const armDefines = pp.defines.filter((d) => d.span.start >= arm.body.start && d.span.start < arm.body.end).map((d) => d.name);
    const what = functions ? names.filter((n) => new RegExp(`\\b${n}\\s*\\(`).test(armMask)).join(', ') : `its definitions of ${armDefines.join(', ')}`;
    const groupStart = first.span.start;
    const endifLineEnd = nextLineStart(text, group.endif.span.end);
    const removal =
      py2Index === 1
        ? { start: arm.directive.span.start, end: group.endif.span.start, replacement: '' }
        : // Python 2 first: what stays is the Python 3 arm's text, without the group's lines.
          { start: groupStart, end: endifLineEnd, replacement: group.arms[1] ? text.slice(group.arms[1].body.start, group.arms[1].body.end) : '' };
    found.push({ group, ...removal, armText: text.slice(arm.body.start, arm.body.end), functions, what });
  }
  return found;
}

function within(offset: number, arm: Py2Arm): boolean {
  return offset >= arm.start && offset < arm.end;
}

/** The first `Py_InitModule…(…)` call in `texts` that is not part of a #define. */
function initModuleCall(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    const mask = codeMask(text);
    const call = /\bPy_InitModule\w*\s*\(/g;
    for (let m = call.exec(mask); m; m = call.exec(mask)) {
      const line = lineStartOf(mask, m.index);
      if (/^[ \t]*#/.test(mask.slice(line)) || /\\\r?\n[^\n]*$/.test(mask.slice(0, line))) continue;
      const close = matchBrace(mask, m.index + m[0].length - 1);
      if (close !== -1) return text.slice(m.index, close + 1);
    }
  }
  return undefined;
}

/** True/false for Python 3 of a group's first arm, when it is a certain version test. */
function py3Only(v: Versions, group: number, arm: number): boolean {
  const verdict = groupVersion(v, group);
  return verdict !== undefined && verdict.py3 && !verdict.py2 && arm === 0 && v.pp.groups[group]!.arms.length === 1;
}

/**
 * The exec function moved out of a Python 3 only arm (Python 2 calls it
 * too), and a Python 2 init added beside PyInit_x; undefined when either is
 * not found in a shape read with certainty, or why exec cannot serve Python 2.
 */
function keepPython2Init(text: string, moduleName: string, call: string, eol: string, flags: Py3Flags): { text: string; exec?: string } | string | undefined {
  const exec = new RegExp(`\\{\\s*Py_mod_exec\\s*,\\s*(?:\\(void \\*\\))?\\s*(\\w+)\\s*\\}`).exec(codeMask(text))?.[1];
  // No exec slot: the body had nothing left to run once the module exists.
  const execHeader = exec ? new RegExp(`^static int\\s+${exec}\\s*\\([^)]*\\)\\s*\\{`, 'm') : undefined;
  const lifted = execHeader ? liftOutOfPy3Arm(text, execHeader, eol, flags) : text;
  if (!lifted) return undefined;
  const mask = codeMask(lifted);
  const v = scanVersions(mask, flags);
  const py3Names = exec ? python3OnlyNamesUsedBy(mask, v.pp, exec, flags) : [];
  if (py3Names.length) return `${exec} uses ${py3Names.join(', ')}, which only Python 3 compiles`;
  // `PyObject *PyInit_x(void)` too (a header macro may spell it so); the Python 2 init written beside it uses PyMODINIT_FUNC.
  const header = new RegExp(`^(?:PyMODINIT_FUNC|PyObject\\s*\\*)\\s*PyInit_${moduleName}\\s*\\(\\s*void\\s*\\)\\s*\\{`, 'm').exec(mask);
  if (!header) return undefined;
  const close = matchBrace(mask, header.index + header[0].length - 1);
  if (close === -1) return undefined;
  const py2Init = [
    '#else',
    exec ? '/* Python 2 builds the module with Py_InitModule, then runs the same exec function. */' : '/* Python 2 builds the module with Py_InitModule. */',
    'PyMODINIT_FUNC',
    `init${moduleName}(void)`,
    '{',
    ...(exec ? [`    PyObject *m = ${call};`, '    if (m != NULL)', `        (void)${exec}(m);`] : [`    (void)${call};`]),
    '}',
    '',
  ].join(eol);
  const inside = armsAt(v.pp, header.index);
  const innermost = inside[inside.length - 1];
  const outside = defsOutsidePython3Arm(v);
  if (innermost && py3Only(v, innermost.group, innermost.arm)) {
    if (outside.length) return undefined;
    const endif = v.pp.groups[innermost.group]!.endif!;
    return { text: lifted.slice(0, endif.span.start) + py2Init + lifted.slice(endif.span.start), ...(exec ? { exec } : {}) };
  }
  // Inside arms on something else (`#ifndef C_ONLY` around the module): the new #if nests in the same arm.
  if (inside.some((a) => inVersionGroup(v, a.group))) return undefined;
  // A def and slots written just above PyInit_ (after the exec function) go under the same #if.
  const start = outside.length ? declarationStart(lifted, Math.min(...outside)) : header.index;
  if (JSON.stringify(armsAt(v.pp, start)) !== JSON.stringify(inside)) return undefined;
  const execAt = execHeader?.exec(mask)?.index;
  if (outside.some((o) => o > header.index) || (execAt !== undefined && execAt >= start)) return undefined;
  const end = nextLineStart(lifted, close);
  return { text: `${lifted.slice(0, start)}#if PY_MAJOR_VERSION >= 3${eol}${lifted.slice(start, end)}${py2Init}#endif${eol}${lifted.slice(end)}`, ...(exec ? { exec } : {}) };
}

/** `text` with the function whose header matches `header` moved out of the Python 3 only arm it sits in (unchanged when at top level). */
function liftOutOfPy3Arm(text: string, header: RegExp, eol: string, flags: Py3Flags): string | undefined {
  const mask = codeMask(text);
  const found = header.exec(mask);
  if (!found) return undefined;
  const close = matchBrace(mask, found.index + found[0].length - 1);
  if (close === -1) return undefined;
  const v = scanVersions(mask, flags);
  const inside = armsAt(v.pp, found.index);
  // Top level, or only inside arms on something else (`#ifndef C_ONLY`), which Python 2 compiles alike.
  if (!inside.some((a) => inVersionGroup(v, a.group))) return text;
  const innermost = inside[inside.length - 1]!;
  if (inside.length > 1 || !py3Only(v, innermost.group, innermost.arm)) return undefined;
  const group = v.pp.groups[innermost.group]!;
  const ifLine = text.slice(group.arms[0]!.directive.span.start, group.arms[0]!.directive.span.end);
  const endifLine = text.slice(group.endif!.span.start, group.endif!.span.end);
  const body = group.arms[0]!.body;
  const fnEnd = nextLineStart(text, close);
  const before = text.slice(body.start, found.index);
  const after = text.slice(fnEnd, body.end);
  const fn = text.slice(found.index, fnEnd);
  const head = before.trim() === '' ? '' : `${ifLine}${eol}${before.replace(/(\r?\n)+$/, eol)}${endifLine}${eol}${eol}`;
  const tail = after.trim() === '' ? '' : `${eol}${ifLine}${eol}${after.replace(/^(\r?\n)+/, '')}${endifLine}`;
  const end = nextLineStart(text, group.endif!.span.end);
  return `${text.slice(0, group.arms[0]!.directive.span.start)}${head}${fn}${tail}${tail ? eol : ''}${text.slice(end)}`;
}
