// Replay and error policies on inline modules: which policy auto picks, the
// teardown wrappers, and the PyState_* rewrite.
import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { convert, moduleWith } from './helpers';

const STATEFUL_BODY = `    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    cache = PyDict_New();
    return m;`;

const teardownDef = (size: string): string =>
  `static int spam_traverse(PyObject *m, visitproc visit, void *arg) { Py_VISIT(cache); return 0; }\nstatic int spam_clear(PyObject *m) { Py_CLEAR(cache); return 0; }\nstatic void spam_free(PyObject *m) { Py_CLEAR(cache); }\nstatic struct PyModuleDef spam_def = {\n    PyModuleDef_HEAD_INIT,\n    "spam",\n    NULL,\n    ${size},\n    spam_methods,\n    NULL,\n    spam_traverse,\n    spam_clear,\n    (freefunc)spam_free\n};\n`;

describe('conversion: replay and error policies', () => {
  before(() => initParser());

  it('auto replays only an m_size -1 module with state; m_size 0 re-runs exec', () => {
    const source = `static PyObject *cache;\n${moduleWith(STATEFUL_BODY)}`;
    const replayed = convert(source);
    assert.ok(replayed.result.ok && replayed.result.policy === 'replay');
    const zero = convert(source.replace(/\n    -1,\n/, '\n    0,\n'));
    assert.ok(zero.result.ok && zero.result.policy === 'never');
    assert.doesNotMatch(zero.output, /spam_body_module/);
    const stateless = convert(moduleWith('    return PyModule_Create(&spam_def);'));
    assert.ok(stateless.result.ok && stateless.result.policy === 'never');
  });

  it('wraps m_traverse, m_clear and m_free (a cast value called through its cast) to act only for the module that ran the body', () => {
    const source = `static PyObject *cache;\n${moduleWith(STATEFUL_BODY, teardownDef('-1'))}`;
    const { result, output } = convert(source);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /static int\nspam_body_traverse\(PyObject \*module, visitproc visit, void \*arg\)\n\{\n    if \(module != spam_body_module\) \{\n        \/\* Not the module that ran the body: the state is not its own\. \*\/\n        return 0;\n    \}\n    return spam_traverse\(module, visit, arg\);\n\}/);
    assert.match(output, /static int\nspam_body_clear\(PyObject \*module\)\n\{\n    if \(module != spam_body_module\) \{[^}]*return 0;\n    \}\n    return spam_clear\(module\);\n\}/);
    assert.match(output, /static void\nspam_body_free\(void \*module\)\n\{\n    if \(module != spam_body_module\) \{[^}]*return;\n    \}\n    \(\(freefunc\)spam_free\)\(module\);\n\}/);
    assert.match(output, /    spam_body_traverse,\n    spam_body_clear,\n    spam_body_free\n\};/);
    assert.ok(result.notes?.some((n) => /^Teardown: m_traverse, m_clear and m_free act only for the module that ran the body/.test(n)));
  });

  it('error (and its old name always) keeps the body module the same way, so a refused module object releases nothing', () => {
    const source = `static PyObject *cache;\n${moduleWith(STATEFUL_BODY, teardownDef('-1'))}`;
    for (const reinitGuard of ['error', 'always'] as const) {
      const { result, output } = convert(source, { reinitGuard });
      assert.ok(result.ok && result.policy === 'error');
      assert.match(output, /if \(spam_body_module != NULL\) \{\n        PyErr_SetString\(PyExc_ImportError,\n\s+"cannot load module more than once per process"\);/);
      assert.match(output, /spam_body_free,?\n/);
      assert.doesNotMatch(output, /spam_namespace/);
      assert.equal(result.notes?.some((n) => /'always' .* is the deprecated name of 'error'/.test(n)), reinitGuard === 'always');
    }
  });

  it('never pairs replay with SUPPORTED, PER_INTERPRETER_GIL or an absent slot', () => {
    const source = `static PyObject *cache;\n${moduleWith(STATEFUL_BODY)}`;
    for (const multipleInterpreters of ['supported', 'per_interpreter_gil', 'omit'] as const) {
      const { result, output } = convert(source, { multipleInterpreters });
      assert.match(output, /\{Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED\}/, multipleInterpreters);
      assert.ok(result.ok && result.notes?.some((n) => n.includes(`instead of the requested ${multipleInterpreters}`)), multipleInterpreters);
    }
  });

  it('rewrites PyState_FindModule(&def) to the body module and drops PyState_AddModule, stating the difference', () => {
    const body = `    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    cache = PyDict_New();
    if (PyState_AddModule(m, &spam_def) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;`;
    const source = `static PyObject *cache;\n${moduleWith(body)}`.replace('return PyUnicode_FromString("hello");', 'return Py_NewRef(PyState_FindModule(&spam_def));');
    const { result, output } = convert(source);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /return Py_NewRef\(spam_body_module\);/);
    assert.doesNotMatch(output, /PyState_/);
    // The statics are declared before the function that reads them.
    assert.ok(output.indexOf('static PyObject *spam_body_module = NULL;') < output.indexOf('return Py_NewRef(spam_body_module)'));
    assert.ok(result.notes?.some((n) => /^PyState_FindModule: the rewrite returns the module that ran the body \(the first one/.test(n)));
  });

  it('refuses PyState_FindModule of another def', () => {
    const source = `static PyObject *cache;\nstatic struct PyModuleDef other_def;\n${moduleWith(STATEFUL_BODY)}`.replace('return PyUnicode_FromString("hello");', 'return PyState_FindModule(&other_def);');
    const { result } = convert(source);
    assert.ok(!result.ok && result.reasons.some((r) => r.code === 'state-lookup'), JSON.stringify(result));
  });
  it('forgets the body at a subinterpreter\'s end through its atexit callbacks, except under the limited API, which says so', () => {
    const source = `static PyObject *cache;\n${moduleWith(STATEFUL_BODY)}`;
    const full = convert(source).output;
    assert.match(full, /if \(PyThreadState_Get\(\)->interp == PyInterpreterState_Main\(\)\) \{\n        return 0;\n    \}/);
    assert.match(full, /return spam_forget_at_interpreter_end\(\);\n\}/);
    const limited = convert(`#define Py_LIMITED_API 0x03080000\n${source}`);
    assert.doesNotMatch(limited.output, /PyThreadState|forget/);
    assert.match(limited.output, /    return spam_keep_namespace\(m\);\n\}/);
    assert.ok(limited.result.ok && limited.result.notes?.some((n) => /^Subinterpreters: under the limited API/.test(n)));
    assert.ok(limited.result.ok && !limited.result.notes?.some((n) => /^Subinterpreters: when the first import happens/.test(n)));
  });

  it('below a 3.7 minimum finds the main interpreter without PyInterpreterState_Main, which 3.5 and 3.6 lack', () => {
    const source = `static PyObject *cache;\n${moduleWith(STATEFUL_BODY)}`;
    const old = convert(source, { minimumPythonVersion: '3.6' }).output;
    assert.match(old, /    int in_main;\n\n#if PY_VERSION_HEX >= 0x03070000\n    in_main = PyThreadState_Get\(\)->interp == PyInterpreterState_Main\(\);\n#else\n.*\n    in_main = PyInterpreterState_Next\(PyThreadState_Get\(\)->interp\) == NULL;\n#endif\n    if \(in_main\) \{/);
    assert.doesNotMatch(convert(source, { minimumPythonVersion: '3.7' }).output, /in_main|PyInterpreterState_Next/);
  });
});
