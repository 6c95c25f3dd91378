// Checks on the macros the body uses and on code the parser could not read,
// run by findTarget once the creation is known.
import type { FunctionInfo } from '../model';
import { localNames } from '../analysis/names';
import { refusal, type Refusal } from './refusalCatalogue';
import type { TargetCheck } from './target';
import { rewritableMacros } from './statementMacros';
import { descendants } from './text';
import { scanPreprocessor, type PreprocessorModel } from '../text/preprocessorModel';

export const macroChecks: TargetCheck[] = [
  {
    name: 'macros hiding control flow',
    needs: 'creation',
    run(s) {
      const source = s.source!;
      const locals = localNames(source.body);
      const rewritable = rewritableMacros(s.model.text, s.model.mask, source, [s.init, source], s.creation!.assignedTo.find((t) => locals.has(t)));
      s.macroEdits = new Map([...s.macroEdits, ...rewritable]);
      const hidden = macrosHidingControlFlow(s.model.mask, s.model.preprocessor, source, new Set(rewritable.keys()), new Set(s.creation!.assignedTo));
      if (hidden.length) s.reasons.push(hiddenMacroReason(source, hidden));
    },
  },
  {
    name: 'parse errors',
    needs: 'source',
    run(s) {
      const problem = parseErrorReason(s.source!);
      if (problem) s.reasons.push(problem);
    },
  },
];

export function hiddenMacroReason(source: FunctionInfo, hidden: string[]): Refusal {
  const which = hidden.length === 1 ? `the macro ${hidden[0]}, which` : `the macros ${hidden.join(', ')}, which`;
  return refusal('hidden-control-flow', `${source.name} uses ${which} may return or release the module out of sight`);
}

/**
 * Object-like macros that only say `return NULL` (py2/py3 code's INITERROR;
 * a Python 2 `return` variant may sit beside it): exec writes `return -1`.
 */
export function returnNullMacros(mask: string, pp: PreprocessorModel = scanPreprocessor(mask)): Set<string> {
  const verdict = new Map<string, boolean>();
  for (const d of pp.defines) {
    const ok = d.params === undefined && /^\s*return\s*(?:NULL|0|\(\s*PyObject\s*\*\s*\)\s*NULL)?\s*;?\s*$/.test(d.body);
    verdict.set(d.name, (verdict.get(d.name) ?? true) && ok);
  }
  return new Set([...verdict].filter(([, ok]) => ok).map(([name]) => name));
}

const RELEASE = /\b(?:Py_X?DECREF|Py_CLEAR|Py_X?DecRef|Py_X?SETREF)\s*\(\s*(?:\(\s*PyObject\s*\*\s*\)\s*)?([^()]*?)\s*[,)]/g;

/**
 * Whether a macro body releases the module: a release of one of its
 * parameters (the use may pass the module) or of a module name. A release
 * of a temporary of its own (numpy's ADDCONST) is none of exec's business.
 */
function releasesModule(body: string, params: readonly string[], moduleNames: ReadonlySet<string>): boolean {
  for (const m of body.matchAll(RELEASE)) {
    const arg = m[1]!;
    if (!/^\w+$/.test(arg) || params.includes(arg) || moduleNames.has(arg)) return true;
  }
  return false;
}

/**
 * File-defined macros the init body uses whose expansion holds `return`,
 * `goto` (the exec rewrite cannot see the label is still wanted) or a
 * release of the module, directly or through another macro of the file.
 */
function macrosHidingControlFlow(mask: string, pp: PreprocessorModel, init: FunctionInfo, rewritable: ReadonlySet<string>, moduleNames: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const bodyMask = mask.slice(init.body.startIndex, init.body.endIndex);
  const understood = returnNullMacros(mask, pp);
  const bodies = pp.defines.map((d) => ({ name: d.name, body: d.body, params: d.params ?? [], ids: new Set(d.body.match(/\b[A-Za-z_]\w*/g)) }));
  const hiding = new Set(bodies.filter((d) => /\breturn\b|\bgoto\b/.test(d.body) || releasesModule(d.body, d.params, moduleNames)).map((d) => d.name));
  // A macro expanding one that hides flow hides it too (INITERROR included).
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of bodies) {
      if (hiding.has(d.name) || ![...d.ids].some((id) => hiding.has(id))) continue;
      hiding.add(d.name);
      grew = true;
    }
  }
  for (const name of hiding) {
    if (understood.has(name) || rewritable.has(name)) continue;
    if (new RegExp(`\\b${name}\\b`).test(bodyMask) && !found.includes(name)) found.push(name);
  }
  // A bare upper-case statement (`INITERROR;`) is a macro whose body we may not see.
  for (const m of bodyMask.matchAll(/(?:^|[;{})])\s*([A-Z][A-Z0-9_]{2,})\s*;/g)) {
    const name = m[1]!;
    if (!found.includes(name) && !understood.has(name) && !rewritable.has(name) && name !== 'NULL') found.push(name);
  }
  return found;
}

/** A parse error in the init body that hides control flow or the module. */
function parseErrorReason(init: FunctionInfo): Refusal | undefined {
  if (!init.body.hasError) return undefined;
  for (const node of descendants(init.body)) {
    if (node.type !== 'ERROR' && !node.isMissing) continue;
    const text = node.text;
    if (node.isMissing || /\breturn\b|\bgoto\b|PyModule_Create|Py_X?DECREF|Py_CLEAR/.test(text)) {
      const line = node.startPosition.row + 1;
      return refusal('parse-error', `${init.name} has code the parser cannot read at line ${line} (a macro?), around its returns or the module`, { start: node.startIndex, end: node.endIndex });
    }
  }
  return undefined;
}
