// Shared by the conversion tests: convert inline sources the way callers do.
import { buildModel } from '../../../server/src/core/analysis/buildModel';
import { convertModule, type ConversionResult } from '../../../server/src/core/convert';
import type { RefusalCode } from '../../../server/src/core/convert/refusalCatalogue';
import { DEFAULT_CONVERSION_OPTIONS, type ConversionOptions } from '../../../server/src/core/convert/options';
import { applyEdits } from '../../../server/src/core/edits';
import type { LanguageId } from '../../../server/src/core/grammars';
import { parseText } from '../../../server/src/core/parser';

export interface Converted {
  result: ConversionResult;
  /** The converted text (the input when refused). */
  output: string;
}

/** Convert the first single-phase module of `source`. */
export function convert(source: string, options: Partial<ConversionOptions> = {}, lang: LanguageId = 'c'): Converted {
  const tree = parseText(source, lang);
  const model = buildModel(source, tree, lang);
  try {
    const module = model.modules.find((m) => m.phase === 'single');
    if (!module) throw new Error('no single-phase module in the test source');
    const result = convertModule(model, module, { ...DEFAULT_CONVERSION_OPTIONS, ...options });
    return { result, output: result.ok ? applyEdits(source, result.edits) : source };
  } finally {
    model.dispose();
    tree.delete();
  }
}

/** The refusal codes of the first single-phase module, in the order the checks report them. */
export function refusalOf(source: string, lang: LanguageId = 'c'): RefusalCode[] {
  const { result } = convert(source, {}, lang);
  if (result.ok) throw new Error('expected a refusal, got a conversion');
  if (result.internalError) throw new Error(`the converter failed: ${result.internalError.stack ?? result.internalError.message}`);
  return result.reasons.map((r) => r.code);
}

/** A small complete module: methods, def, then an init whose body is `body`. */
export function moduleWith(body: string, def = 'static struct PyModuleDef spam_def = {\n    PyModuleDef_HEAD_INIT,\n    "spam",\n    NULL,\n    -1,\n    spam_methods\n};\n'): string {
  return `#include <Python.h>

static PyObject *
spam_hello(PyObject *self, PyObject *args)
{
    return PyUnicode_FromString("hello");
}

static PyMethodDef spam_methods[] = {
    {"hello", spam_hello, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

${def}
PyMODINIT_FUNC
PyInit_spam(void)
{
${body}
}
`;
}

/** The text of `static int spam_exec(...) { ... }` in a converted output. */
/** The converted body: `spam_exec_body` under replay or error, else `spam_exec`. */
export function execOf(output: string): string {
  const body = output.indexOf('static int\nspam_exec_body(');
  const start = body !== -1 ? body : output.indexOf('static int\nspam_exec(');
  if (start === -1) throw new Error(`no exec function in:\n${output}`);
  return output.slice(start, output.indexOf('\n}\n', start) + 3);
}
