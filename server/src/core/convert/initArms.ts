// The #if groups inside an init that the target view resolves (`#ifdef
// LEV_PYTHON3 ... #endif` with LEV_PYTHON3 derived from PY_MAJOR_VERSION,
// `#ifdef PY3K ... #else Py_InitModule3(...) #endif` with PY3K read from the
// init's arms) and whose arms hold only what the conversion replaces (the
// creation, the module variable's declaration, a return, nothing): the
// dropped arms and the directive lines go before the init's macros are
// expanded, so the conversion reads the module's creation and returns as
// plain code. Every other group stays as
// written, so a Python 2 init kept beside exec still compiles its own arms
// (`#else PyString_InternFromString(...)`). Groups on anything unknown
// (`#ifdef WIN32`, a version test that differs between supported versions)
// stay too.
import type { Span } from '../model';
import type { ConditionalGroup, PreprocessorModel } from '../text/preprocessorModel';
import type { TargetView } from '../text/targetView';
import { nextLineStart } from './text';

export interface ResolvedArms {
  text: string;
  /** The init's end in `text`. */
  end: number;
  /** `#ifdef X` of each group resolved, in file order. */
  conditions: string[];
}

/** `text` with the resolved groups wholly inside `init` reduced to their kept arm; undefined when there are none. */
export function resolveInitArms(text: string, mask: string, pp: PreprocessorModel, view: TargetView, init: Span): ResolvedArms | undefined {
  const removals: Span[] = [];
  const conditions: string[] = [];
  for (const group of pp.groups) {
    const kept = view.resolved.get(group.id);
    if (kept === undefined || !within(group, init) || inDeadArm(pp, group, view)) continue;
    // The kept arm too: a Python 2 init kept beside exec compiles what its #if lines no longer hide.
    if (!group.arms.every((arm) => onlyInitMechanics(mask.slice(arm.body.start, arm.body.end)))) continue;
    const lines = (span: Span): Span => ({ start: span.start, end: nextLineStart(text, span.end) });
    group.arms.forEach((arm, i) => {
      removals.push(lines(arm.directive.span));
      if (i !== kept) removals.push({ start: arm.body.start, end: arm.body.end });
    });
    removals.push(lines(group.endif!.span));
    const first = group.arms[0]!.directive;
    conditions.push(`#${first.kind} ${first.rest}`);
  }
  if (removals.length === 0) return undefined;
  let out = text;
  let end = init.end;
  let floor = Number.POSITIVE_INFINITY;
  for (const span of removals.sort((a, b) => b.start - a.start)) {
    // Never cut an offset twice (spans touch at line starts).
    const stop = Math.min(span.end, floor);
    if (stop <= span.start) continue;
    out = out.slice(0, span.start) + out.slice(stop);
    end -= stop - span.start;
    floor = span.start;
  }
  return { text: out, end, conditions };
}

/**
 * The module's creation (`m = PyModule_Create(&def);`, `m =
 * Py_InitModule3(...);`), the declaration of its variable, `return ...;`, or
 * nothing: what exec and the kept Python 2 init replace.
 */
function onlyInitMechanics(armMask: string): boolean {
  return armMask.replace(CREATION, '').replace(RETURN, '').replace(DECLARATION, '').trim() === '';
}

/** A creation, maybe declaring its variable (`PyObject *m = Py_InitModule(...);`). */
const CREATION = /(?:(?:\b\w+[\s*]+)*\w+\s*=\s*)?\b(?:Py_InitModule\w*|PyModule_Create2?)\s*\([^;]*\)\s*;/g;
/** `PyObject *module;` */
const DECLARATION = /\b(?!goto\b|break\b|continue\b)\w+[\s*]+\w+\s*;/g;
const RETURN = /\breturn\b[^;]*;/g;

function within(group: ConditionalGroup, span: Span): boolean {
  return group.arms[0]!.directive.span.start >= span.start && group.endif !== undefined && group.endif.span.end <= span.end;
}

/** Inside an arm the view drops: it goes with that arm. */
function inDeadArm(pp: PreprocessorModel, group: ConditionalGroup, view: TargetView): boolean {
  for (let ref = group.inside; ref; ref = pp.groups[ref.group]!.inside) {
    const kept = view.resolved.get(ref.group);
    if (kept !== undefined && kept !== ref.arm) return true;
  }
  return false;
}
