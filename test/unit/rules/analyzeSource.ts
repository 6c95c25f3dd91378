// Test helper: analyse an inline source, findings as what they cover.
import { analyzeText } from '../../../server/src/core/analyze';
import type { RuleCode, Severity } from '../../../server/src/core/findings';
import type { LanguageId } from '../../../server/src/core/grammars';
import { LineIndex } from '../../../server/src/core/text/lines';

export interface SeenFinding {
  code: RuleCode;
  severity: Severity;
  fixable: boolean;
  /** The source text the finding's span covers. */
  text: string;
  /** 1-based. */
  line: number;
  message: string;
  /** Refusal codes of a conversion that is refused. */
  refusalCodes: string[];
}

export function analyzeSource(source: string, lang: LanguageId = 'c', only?: RuleCode): SeenFinding[] {
  const lines = new LineIndex(source);
  return analyzeText(source, lang)
    .findings.filter((f) => !only || f.code === only)
    .map((f) => ({
      code: f.code,
      severity: f.severity,
      fixable: f.fixable,
      text: source.slice(f.span.start, f.span.end),
      line: lines.positionAt(f.span.start).line + 1,
      message: f.message,
      refusalCodes: (f.refusal ?? []).map((r) => r.code),
    }));
}

/** A multi-phase module around `execBody`, with the given slot lines. */
export function multiPhaseModule(execBody: string, slotLines = ['{Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},', '{Py_mod_gil, Py_MOD_GIL_NOT_USED},'], mSize = '0'): string {
  return `#include <Python.h>
static int
t_exec(PyObject *module)
{
${execBody}
}
static PyModuleDef_Slot t_slots[] = {
    {Py_mod_exec, t_exec},
${slotLines.map((l) => `    ${l}`).join('\n')}
    {0, NULL}
};
static struct PyModuleDef t_def = {
    PyModuleDef_HEAD_INIT, "t", NULL, ${mSize}, NULL, t_slots
};
PyMODINIT_FUNC PyInit_t(void) { return PyModuleDef_Init(&t_def); }
`;
}
