// Function-like module macros (issue 8): a def declared by a macro at file
// scope, and the init's own #if arms the target view resolves.
import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { convert, refusalOf } from './helpers';

const MACROS = `#include <Python.h>

#if PY_MAJOR_VERSION >= 3
#define MK_INIT(name) PyMODINIT_FUNC PyInit_##name(void)
#define MK_DEF(name, table) static struct PyModuleDef mk_def = { PyModuleDef_HEAD_INIT, (name), NULL, -1, (table) }
#define MK_CREATE(var) var = PyModule_Create(&mk_def)
#define MK_RETURN(v) return (v)
#else
#define MK_INIT(name) void init##name(void)
#define MK_DEF(name, table)
#define MK_CREATE(var) var = Py_InitModule("mk", mk_methods)
#define MK_RETURN(v)
#endif

static PyMethodDef mk_methods[] = {{NULL, NULL, 0, NULL}};
`;

const INIT = `
MK_INIT(mk)
{
    PyObject *m;
    MK_CREATE(m);
    if (m == NULL)
        MK_RETURN(NULL);
    if (PyModule_AddIntConstant(m, "K", 1) < 0)
        MK_RETURN(NULL);
    MK_RETURN(m);
}
`;

describe('conversion: function-like module macros', () => {
  before(() => initParser());

  it('expands the def macro at its one use at file scope, with the plain arguments unparenthesised', () => {
    const { result, output } = convert(`${MACROS}\nMK_DEF("mk", mk_methods);\n${INIT}`);
    assert.ok(result.ok);
    assert.match(output, /static struct PyModuleDef mk_def = \{ PyModuleDef_HEAD_INIT, "mk", NULL, 0, mk_methods, mk_slots \};\n/);
    assert.doesNotMatch(output, /MK_DEF\("mk"/);
    // The header macro already names PyInit_mk for Python 3: the new init keeps it.
    assert.match(output, /\nMK_INIT\(mk\)\n\{\n    return PyModuleDef_Init\(&mk_def\);/);
  });

  it('keeps the expanded def for Python 3 only when a Python 2 init is kept', () => {
    const { result, output } = convert(`${MACROS}\nMK_DEF("mk", mk_methods);\n${INIT}`, { keepPython2: true });
    assert.ok(result.ok);
    assert.match(output, /#if PY_MAJOR_VERSION >= 3\nstatic int mk_exec\(PyObject \*m\);[\s\S]*static struct PyModuleDef mk_def = [^\n]*;\n#endif\n/);
    assert.match(output, /Py_InitModule\("mk", mk_methods\);\n    if \(m != NULL\)\n        \(void\)mk_exec\(m\);/);
    // Beside a kept Python 2 init the header stays written out.
    assert.match(output, /#if PY_MAJOR_VERSION >= 3\nPyMODINIT_FUNC PyInit_mk\(void\)\n/);
  });

  it('leaves a def macro used twice alone, and so refuses the init that needs it', () => {
    const twice = `${MACROS}\n#ifndef MK_ALTERNATIVE\nMK_DEF("mk", mk_methods);\n#endif\n#ifdef MK_ALTERNATIVE\nMK_DEF("other", mk_methods);\n#endif\n${INIT}`;
    assert.deepEqual(refusalOf(twice), ['def-not-in-file']);
  });

  it('finds the def macro at file scope after a function whose braces balance only per #if arm', () => {
    const perArm = 'static int mk_pick(int a)\n{\n#ifdef MK_FAST\n    if (a) {\n#else\n    if (a > 1) {\n#endif\n        return 1;\n    }\n    return 0;\n}\n';
    const { result } = convert(`${MACROS}\n${perArm}\nMK_DEF("mk", mk_methods);\n${INIT}`);
    assert.ok(result.ok, JSON.stringify(result));
  });

  it('expands a def macro only at file scope, never inside another function', () => {
    const inFunction = `${MACROS}\nstatic void mk_other(void)\n{\n    MK_DEF("mk", mk_methods);\n    (void)mk_def;\n}\n${INIT}`;
    assert.deepEqual(refusalOf(inFunction), ['def-not-in-file']);
  });

  it('refuses an init macro defined in both arms of a test the file cannot decide', () => {
    const undecided = MACROS.replace('#if PY_MAJOR_VERSION >= 3', '#ifdef MK_FAST').replace('var = Py_InitModule("mk", mk_methods)', 'var = PyModule_Create(&mk_def)');
    assert.deepEqual(refusalOf(`${undecided}\nMK_DEF("mk", mk_methods);\n${INIT}`), ['init-from-macro']);
  });

  it("removes the init's arms on a flag derived from the version that hold only creation and returns; others stay as written", () => {
    const source = `#include <Python.h>
#if PY_MAJOR_VERSION >= 3
#define MY_PY3
#endif
static struct PyModuleDef d = {PyModuleDef_HEAD_INIT, "arms", NULL, -1, NULL};
#define ARMS_INIT(name) PyObject *PyInit_##name(void)
ARMS_INIT(arms)
{
#ifdef MY_PY3
    PyObject *m = PyModule_Create(&d);
#else
    PyObject *m = Py_InitModule("arms", NULL);
#endif
    PyObject *word;
#ifdef MY_PY3
    word = PyUnicode_FromString("w");
#else
    word = PyString_FromString("w");
#endif
    if (PyModule_AddObject(m, "word", word) < 0) {
        Py_DECREF(m);
        return NULL;
    }
#ifdef HAVE_EXTRA
    if (PyModule_AddIntConstant(m, "EXTRA", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
#endif
#ifdef MY_PY3
    return m;
#endif
}
`;
    for (const keepPython2 of [false, true]) {
      const { result, output } = convert(source, { keepPython2 });
      assert.ok(result.ok, `keepPython2 ${keepPython2}`);
      assert.doesNotMatch(output, /Py_InitModule\("arms", NULL\);\n#endif/);
      assert.doesNotMatch(output, /#ifdef MY_PY3\n    PyObject \*m|#ifdef MY_PY3\n    return m;/);
      // The Python 2 arm of ordinary code is not the conversion's: it stays, for a Python 2 init kept beside exec.
      assert.match(output, /#ifdef MY_PY3\n    word = PyUnicode_FromString\("w"\);\n#else\n    word = PyString_FromString\("w"\);\n#endif\n/);
      assert.match(output, /#ifdef HAVE_EXTRA\n    if \(PyModule_AddIntConstant\(m, "EXTRA", 1\) < 0\) \{\n        return -1;\n    \}\n#endif/);
    }
  });
});
