// Checks on the macros the body uses and on code the parser could not read,
// run by findTarget once the creation is known.
import type { FunctionInfo } from '../model';
import { localNames } from '../analysis/names';
import { refusal, type Refusal } from './refusalCatalogue';
import type { TargetCheck } from './target';
import { callArguments, planStatementMacros, type MacroPlan, type MacroRefusal } from './statementMacros';
import { stripCasts } from './macroFlow';
import { descendants } from './text';
import { scanPreprocessor, type MacroDefinition, type PreprocessorModel } from '../text/preprocessorModel';
import { targetView } from '../text/targetView';

export const macroChecks: TargetCheck[] = [
  {
    name: 'macros hiding control flow',
    needs: 'creation',
    run(s) {
      const source = s.source!;
      const { model } = s;
      const view = targetView(model.text, model.preprocessor, s.minimumHex, model.py3Flags).text;
      const understood = returnNullMacros(model.mask, model.preprocessor);
      const live = (d: MacroDefinition): boolean => view.slice(d.span.start, d.span.end).trim() !== '';
      const plan = planStatementMacros({
        text: model.text,
        mask: model.mask,
        pp: model.preprocessor,
        live,
        source,
        replaced: s.init.span.start === source.span.start ? [] : [s.init],
        moduleNames: new Set(s.creation!.assignedTo),
        locals: localNames(source.body),
        labels: new Set([...descendants(source.body)].filter((n) => n.type === 'labeled_statement').map((n) => n.childForFieldName('label')?.text ?? '')),
        understood,
      });
      s.macroEdits = new Map([...s.macroEdits, ...plan.fileEdits]);
      s.bodyMacroEdits = plan.bodyEdits;
      s.macroLabels = plan.labels;
      s.macroWrites = plan.writes;
      const header = headerStatementMacros(model.mask, model.preprocessor, source, new Set(s.creation!.assignedTo));
      s.headerMacros = header.filter((h) => !h.givenModule).map((h) => h.name);
      const given = header.filter((h) => h.givenModule).map((h) => ({ name: h.name, why: 'is not defined in this file (a header\'s macro?), and it is given the module' }));
      const hidden = [...macrosHidingControlFlow(model.mask, source, plan, understood), ...given];
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

export function hiddenMacroReason(source: FunctionInfo, hidden: readonly MacroRefusal[]): Refusal {
  const which = hidden.map((h) => (h.why ? `${h.name} (it ${h.why})` : h.name));
  const list = hidden.length === 1 ? `the macro ${which[0]}, which` : `the macros ${which.join(', ')}, which`;
  return refusal('hidden-control-flow', `${source.name} uses ${list} may return or release the module out of sight`);
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

/**
 * The macros the statement-macro plan could not settle (each with why), and
 * bare upper-case statements that may be macros from a header.
 */
function macrosHidingControlFlow(mask: string, init: FunctionInfo, plan: MacroPlan, understood: ReadonlySet<string>): MacroRefusal[] {
  const found: MacroRefusal[] = [...plan.refused];
  const known = (name: string): boolean => understood.has(name) || plan.handled.has(name) || found.some((f) => f.name === name);
  const bodyMask = mask.slice(init.body.startIndex, init.body.endIndex);
  // A bare upper-case statement (`INITERROR;`) is a macro whose body we may not see.
  for (const m of bodyMask.matchAll(/(?:^|[;{})])\s*([A-Z][A-Z0-9_]{2,})\s*;/g)) {
    const name = m[1]!;
    if (!known(name) && name !== 'NULL') found.push({ name, why: '' });
  }
  return found;
}

/**
 * Upper-case statement calls (`ADD_TYPE(m, ...)`) the file does not define: a
 * header's macros. Given the module, one may release it or return NULL where
 * exec cannot see it (refused); otherwise it may still hide a `return NULL`
 * (stated in the notes).
 */
function headerStatementMacros(mask: string, pp: PreprocessorModel, init: FunctionInfo, moduleNames: ReadonlySet<string>): { name: string; givenModule: boolean }[] {
  const found: { name: string; givenModule: boolean }[] = [];
  const bodyMask = mask.slice(init.body.startIndex, init.body.endIndex);
  for (const m of bodyMask.matchAll(/(?:^|[;{})]|\belse\b)\s*([A-Z][A-Z0-9_]{2,})\s*\(/g)) {
    const name = m[1]!;
    if (pp.definitions(name).length > 0) continue;
    const args = callArguments(bodyMask, m.index + m[0].length);
    const givenModule = Boolean(args?.some((a) => moduleNames.has(stripCasts(a))));
    const seen = found.find((f) => f.name === name);
    if (seen) seen.givenModule ||= givenModule;
    else found.push({ name, givenModule });
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
