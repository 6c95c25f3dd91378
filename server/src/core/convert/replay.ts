// The C that keeps an m_size -1 module's re-import behaviour ("replay"), or
// refuses a second load ("error", numpy's choice), around the converted body:
//
// - the body becomes `<name>_exec_body`; the slot's exec runs it for the
//   first module object only, holding that module by a strong reference
//   (never a raw address that could be reused);
// - replay: at the end of that first successful exec a copy of the module's
//   dict is kept, minus what the import system sets per module object, and
//   every later module object is filled from it, as single-phase init did
//   from m_copy;
// - m_traverse/m_clear/m_free act only for the module that ran the body, so
//   a later (or failed) module object never releases the shared state.
import type { TextEdit } from '../edits';
import type { InitEntry } from '../model';
import type { BodyContext } from './bodyContext';
import { freshName } from '../analysis/names';
import type { ReinitPolicy } from './policy';
import { generatedNameBase } from './target';

export interface OnceNames {
  /** The function the Py_mod_exec slot names. */
  exec: string;
  /** The converted body. */
  body: string;
  /** Static strong reference to the module that ran the body. */
  bodyModule: string;
  /** Static copy of its namespace (replay only). */
  namespace: string;
  keepNamespace: string;
  /** Callback and its registration that forget the body when a subinterpreter that ran it ends. */
  forget: string;
  forgetDef: string;
  forgetAtEnd: string;
}

export function onceNames(mask: string, base: string, exec: string): OnceNames {
  const taken = (names: string[]): string => freshName(mask, names);
  return {
    exec,
    body: taken([`${base}_exec_body`, `${base}_run_body`]),
    bodyModule: taken([`${base}_body_module`, `${base}_first_module`]),
    namespace: taken([`${base}_namespace`, `${base}_first_namespace`]),
    keepNamespace: taken([`${base}_keep_namespace`, `${base}_save_namespace`]),
    forget: taken([`${base}_forget_body`, `${base}_drop_body`]),
    forgetDef: taken([`${base}_forget_body_def`, `${base}_drop_body_def`]),
    forgetAtEnd: taken([`${base}_forget_at_interpreter_end`, `${base}_drop_at_interpreter_end`]),
  };
}

const TEARDOWN = {
  m_traverse: { suffix: 'traverse', ret: 'int', params: (p: string) => `${p}, visitproc visit, void *arg`, args: 'module, visit, arg', skip: 'return 0;' },
  m_clear: { suffix: 'clear', ret: 'int', params: (p: string) => p, args: 'module', skip: 'return 0;' },
  m_free: { suffix: 'free', ret: 'void', params: () => 'void *module', args: 'module', skip: 'return;' },
} as const;

export type TeardownField = keyof typeof TEARDOWN;

/**
 * Declarations that go before everything using them: the two statics and,
 * for each teardown function the def names, a wrapper acting only for the
 * module that ran the body. Also the def edits pointing at the wrappers.
 */
export function onceDeclarations(ctx: BodyContext, names: OnceNames, policy: Exclude<ReinitPolicy, 'never'>): { statics: string; wrappers: string[]; defEdits: TextEdit[] } {
  const { eol, nullLiteral, objectPointer } = ctx.style;
  const why =
    policy === 'replay'
      ? [
          `/* Single-phase init (m_size -1) ran this module's body once per process`,
          ` * and gave every later import a copy of the first module's namespace.`,
          ` * Exec keeps that: the body runs for the first module object only, which`,
          ` * is kept here, and later module objects get a copy of its namespace. */`,
        ]
      : [
          `/* This module can be loaded only once per process: a second load raises`,
          ` * ImportError. The module that loaded it is kept here. See`,
          ` * https://docs.python.org/3/howto/isolating-extensions.html#opt-out-limiting-to-one-module-object-per-process */`,
        ];
  const statics = [...why, `static ${objectPointer}${names.bodyModule} = ${nullLiteral};`];
  if (policy === 'replay') statics.push(`static ${objectPointer}${names.namespace} = ${nullLiteral};`);
  const wrappers: string[] = [];
  const defEdits: TextEdit[] = [];
  const def = ctx.target.def;
  for (const field of Object.keys(TEARDOWN) as TeardownField[]) {
    const entry = def.fields[field];
    if (!entry || isNullEntry(entry)) continue;
    const spec = TEARDOWN[field];
    const base = generatedNameBase(ctx.target.init);
    const name = freshName(ctx.mask, [`${base}_body_${spec.suffix}`, `${base}_first_${spec.suffix}`]);
    const callee = /^[A-Za-z_]\w*$/.test(entry.valueText.trim()) ? entry.valueText.trim() : `(${entry.valueText.trim()})`;
    const call = `${callee}${ctx.style.callGap}(${spec.args})`;
    wrappers.push(
      functionText(ctx, spec.ret, name, spec.params(`${objectPointer}module`), [
        `if (module != ${names.bodyModule}) {`,
        `${ctx.style.indent}/* Not the module that ran the body: the state is not its own. */`,
        `${ctx.style.indent}${spec.skip}`,
        `}`,
        spec.ret === 'void' ? `${call};` : `return ${call};`,
      ]),
    );
    defEdits.push({ start: entry.value.start, end: entry.value.end, newText: name });
  }
  return { statics: statics.join(eol), wrappers, defEdits };
}

/** The function the exec slot names: runs the body once, then replays or refuses. */
export function onceExec(ctx: BodyContext, names: OnceNames, policy: Exclude<ReinitPolicy, 'never'>, header: string): string {
  const { indent: step, callGap: gap, nullLiteral } = ctx.style;
  const p = ctx.paramName;
  const module = ctx.target.init.nameFrom ? 'the module' : ctx.target.init.moduleName;
  const raise = (message: string): string[] => [`${step}PyErr_SetString${gap}(PyExc_ImportError,`, `${step}${' '.repeat(16 + gap.length)}"${message}");`, `${step}return -1;`];
  const lines: string[] = [];
  if (policy === 'replay') {
    lines.push(`if (${names.namespace} != ${nullLiteral}) {`, `${step}return PyDict_Update${gap}(PyModule_GetDict${gap}(${p}), ${names.namespace});`, `}`);
    lines.push(`if (${names.bodyModule} != ${nullLiteral}) {`, `${step}/* Imported again from inside its own first exec. */`, ...raise(`${module} is imported again while its first import is still running`), `}`);
  } else {
    lines.push(`if (${names.bodyModule} != ${nullLiteral}) {`, ...raise('cannot load module more than once per process'), `}`);
  }
  lines.push(`Py_INCREF${gap}(${p});`, `${names.bodyModule} = ${p};`, `if (${names.body}${gap}(${p}) < 0) {`, `${step}Py_CLEAR${gap}(${names.bodyModule});`, `${step}return -1;`, `}`);
  // The limited API cannot tell which interpreter runs exec: no forgetting there (a stated difference).
  const forgets = !limitedApi(ctx);
  if (policy === 'replay') {
    if (forgets) lines.push(`if (${names.keepNamespace}${gap}(${p}) < 0) {`, `${step}return -1;`, '}');
    else lines.push(`return ${names.keepNamespace}${gap}(${p});`);
  }
  if (forgets) lines.push(`return ${names.forgetAtEnd}${gap}();`);
  else if (policy !== 'replay') lines.push('return 0;');
  const exec = `${header}${ctx.style.eol}{${ctx.style.eol}${lines.map((l) => step + l).join(ctx.style.eol)}${ctx.style.eol}}`;
  const helpers = [...(policy === 'replay' ? [keepNamespaceText(ctx, names)] : []), ...(forgets ? [forgetText(ctx, names, policy)] : [])];
  return [...helpers, exec].join(ctx.style.eol + ctx.style.eol);
}

/**
 * A legacy subinterpreter takes the objects the body made there with it
 * when it ends (a readied type's dict, a C-API capsule such as
 * PyDateTime_IMPORT's). Single-phase init on 3.8-3.12 then ran init again in
 * the next interpreter: forget the body module (and namespace) at that
 * point, through the subinterpreter's atexit callbacks.
 */
function forgetText(ctx: BodyContext, names: OnceNames, policy: Exclude<ReinitPolicy, 'never'>): string {
  const { eol, indent: step, callGap: gap, nullLiteral, objectPointer } = ctx.style;
  const comment = [
    '/* A legacy subinterpreter takes the objects the body made there with it when',
    ' * it ends. Single-phase init then ran init again in the next interpreter',
    ' * (CPython 3.8-3.12): forget the body there, so the next import runs it. */',
  ];
  const forget = functionText(ctx, objectReturnType(objectPointer), names.forget, `${objectPointer}self, ${objectPointer}unused`, [
    '(void)self;',
    '(void)unused;',
    ...(policy === 'replay' ? [`Py_CLEAR${gap}(${names.namespace});`] : []),
    `Py_CLEAR${gap}(${names.bodyModule});`,
    'Py_RETURN_NONE;',
  ]);
  const def = [`static PyMethodDef ${names.forgetDef} = {`, `${step}"${names.forget}", ${names.forget}, METH_NOARGS, ${nullLiteral}`, '};'].join(eol);
  const atEnd = functionText(ctx, 'int', names.forgetAtEnd, 'void', [
    `${objectPointer}atexit_module;`,
    `${objectPointer}callback;`,
    `${objectPointer}result;`,
    ...(ctx.hasMainInterpreterApi ? [] : ['int in_main;']),
    '',
    ...mainInterpreterTest(ctx),
    `${step}return 0;`,
    '}',
    `atexit_module = PyImport_ImportModule${gap}("atexit");`,
    `if (atexit_module == ${nullLiteral}) {`,
    `${step}return -1;`,
    '}',
    `callback = PyCFunction_New${gap}(&${names.forgetDef}, ${nullLiteral});`,
    `if (callback == ${nullLiteral}) {`,
    `${step}Py_DECREF${gap}(atexit_module);`,
    `${step}return -1;`,
    '}',
    `result = PyObject_CallMethod${gap}(atexit_module, "register", "O", callback);`,
    `Py_DECREF${gap}(callback);`,
    `Py_DECREF${gap}(atexit_module);`,
    `if (result == ${nullLiteral}) {`,
    `${step}return -1;`,
    '}',
    `Py_DECREF${gap}(result);`,
    'return 0;',
  ]);
  // Py_LIMITED_API may come from the build, unseen here: the limited API hides
  // the thread state and has no PyInterpreterState_Main, so it forgets nothing.
  const limited = functionText(ctx, 'int', names.forgetAtEnd, 'void', [
    '/* The limited API cannot tell which interpreter runs exec. */',
    'return 0;',
  ]);
  return ['#ifndef Py_LIMITED_API', ...comment, forget, '', def, '', atEnd, '#else', limited, '#endif'].join(eol);
}

/** `if (<exec runs in the main interpreter>) {`: PyInterpreterState_Main is 3.7+, so older minimums test the list instead. */
function mainInterpreterTest(ctx: BodyContext): string[] {
  const gap = ctx.style.callGap;
  const main = `PyThreadState_Get${gap}()->interp == PyInterpreterState_Main${gap}()`;
  if (ctx.hasMainInterpreterApi) return [`if (${main}) {`];
  return [
    '#if PY_VERSION_HEX >= 0x03070000',
    `in_main = ${main};`,
    '#else',
    '/* Before 3.7: interpreters are listed newest first, so the main one is last. */',
    `in_main = PyInterpreterState_Next${gap}(PyThreadState_Get${gap}()->interp) == ${ctx.style.nullLiteral};`,
    '#endif',
    'if (in_main) {',
  ];
}

/** Copies the namespace the body left, minus what the import system sets on each module object. */
function keepNamespaceText(ctx: BodyContext, names: OnceNames): string {
  const { indent: step, callGap: gap, nullLiteral, objectPointer } = ctx.style;
  const p = ctx.paramName;
  const body = [
    'static const char *const own_attributes[] = {',
    `${step}"__name__", "__spec__", "__loader__", "__package__", "__file__"`,
    '};',
    `${objectPointer}copy = PyDict_Copy${gap}(PyModule_GetDict${gap}(${p}));`,
    'size_t i;',
    '',
    `if (copy == ${nullLiteral}) {`,
    `${step}return -1;`,
    '}',
    `for (i = 0; i < sizeof${gap}(own_attributes) / sizeof${gap}(own_attributes[0]); i++) {`,
    `${step}if (PyDict_GetItemString${gap}(copy, own_attributes[i]) != ${nullLiteral}`,
    `${step}${step}&& PyDict_DelItemString${gap}(copy, own_attributes[i]) < 0) {`,
    `${step}${step}Py_DECREF${gap}(copy);`,
    `${step}${step}return -1;`,
    `${step}}`,
    '}',
    `${names.namespace} = copy;`,
    'return 0;',
  ];
  const comment = [
    '/* The namespace later module objects are filled from, as single-phase init',
    ' * kept m_copy: what the body left, minus the attributes the import system',
    ' * sets on each module object itself. */',
  ];
  return [...comment, functionText(ctx, 'int', names.keepNamespace, `${objectPointer}${p}`, body)].join(ctx.style.eol);
}

function functionText(ctx: BodyContext, ret: string, name: string, params: string, body: string[]): string {
  const { eol, indent: step, callGap: gap } = ctx.style;
  // Directive lines stay at column 0, as the rest of the file writes them.
  return [`static ${ret}`, `${name}${gap}(${params})`, '{', ...body.map((l) => (l && !l.startsWith('#') ? step + l : l)), '}'].join(eol);
}

/** `PyObject *` as a return type: the pointer sits with the type, whatever the file's spacing. */
export function objectReturnType(objectPointer: string): string {
  return objectPointer.trim().replace(/\s*\*$/, ' *');
}

/** The file builds against the limited API, which hides the thread and interpreter structs. */
export function limitedApi(ctx: BodyContext): boolean {
  return /\bPy_LIMITED_API\b/.test(ctx.mask);
}

function isNullEntry(entry: InitEntry): boolean {
  return /^(?:NULL|0|nullptr)$/.test(entry.valueText.trim());
}

export function hasTeardown(ctx: BodyContext): boolean {
  return (Object.keys(TEARDOWN) as TeardownField[]).some((f) => {
    const entry = ctx.target.def.fields[f];
    return entry !== undefined && !isNullEntry(entry);
  });
}
