import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { convert, execOf, moduleWith } from './helpers';

describe('conversion: exec body', () => {
  before(() => initParser());

  it('moves the init body into exec with int returns, no creation, no release of the module', () => {
    const { result, output } = convert(
      moduleWith(`    PyObject *m, *d;

    m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    /* the dict is borrowed */
    d = PyModule_GetDict(m);
    if (PyModule_AddIntConstant(m, "ANSWER", 42) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;`),
    );
    assert.ok(result.ok);
    assert.equal(
      execOf(output),
      `static int
spam_exec(PyObject *m)
{
    PyObject *d;

    /* the dict is borrowed */
    d = PyModule_GetDict(m);
    if (PyModule_AddIntConstant(m, "ANSWER", 42) < 0) {
        return -1;
    }
    return 0;
}
`,
    );
    assert.match(output, /PyMODINIT_FUNC\nPyInit_spam\(void\)\n\{\n    return PyModuleDef_Init\(&spam_def\);\n\}\n$/);
  });

  it('marks the module parameter used, (void)m, only when exec never names it (-Wextra warns on an unused parameter)', () => {
    const unused = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    if (spam_setup() < 0)
        return NULL;
    return m;`).replace('#include <Python.h>\n', '#include <Python.h>\n\nint spam_setup(void);\n'), { reinitGuard: 'never' });
    assert.ok(unused.result.ok, JSON.stringify(unused.result));
    assert.match(unused.output, /spam_exec\(PyObject \*m\)\n\{\n    \(void\)m;\n    if \(spam_setup\(\) < 0\)/);
    const used = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    PyModule_AddIntConstant(m, "A", 1);
    return m;`));
    assert.doesNotMatch(used.output, /\(void\)m;/);
  });

  it('puts (void)m after the leading declarations, never a statement ahead of them (C89)', () => {
    const declared = convert(moduleWith(`    int count = 0;
    PyObject *m;

    m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    if (spam_setup() < 0)
        return NULL;
    count++;
    return m;`).replace('#include <Python.h>\n', '#include <Python.h>\n\nint spam_setup(void);\n'), { reinitGuard: 'never' });
    assert.ok(declared.result.ok, JSON.stringify(declared.result));
    assert.match(declared.output, /spam_exec\(PyObject \*m\)\n\{\n    int count = 0;\n    \(void\)m;\n\n    if \(spam_setup\(\) < 0\)/);
  });

  it('drops a declaration that only created the module', () => {
    const { output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (!m) {
        return NULL;
    }
    PyModule_AddIntConstant(m, "A", 1);
    return m;`));
    assert.equal(execOf(output), 'static int\nspam_exec(PyObject *m)\n{\n    PyModule_AddIntConstant(m, "A", 1);\n    return 0;\n}\n');
  });

  it('accepts PyModule_Create2 and a creation inside the NULL test', () => {
    const { result, output } = convert(moduleWith(`    PyObject *mod;
    if ((mod = PyModule_Create2(&spam_def, PYTHON_API_VERSION)) == NULL)
        return NULL;
    PyModule_AddIntConstant(mod, "A", 1);
    return mod;`));
    assert.ok(result.ok);
    assert.match(output, /spam_exec\(PyObject \*mod\)\n\{\n    PyModule_AddIntConstant\(mod, "A", 1\);\n    return 0;\n\}/);
  });

  it('rewrites goto cleanup so no path releases the module and every path returns an int', () => {
    const { output } = convert(moduleWith(`    PyObject *m = NULL;
    PyObject *v = NULL;

    m = PyModule_Create(&spam_def);
    if (m == NULL)
        goto error;
    v = PyLong_FromLong(1);
    if (v == NULL || PyModule_AddObject(m, "ONE", v) < 0)
        goto error;
    return m;

error:
    Py_XDECREF(v);
    Py_XDECREF(m);
    return NULL;`));
    const exec = execOf(output);
    assert.doesNotMatch(exec, /DECREF\(m\)|Py_CLEAR\(m\)|return NULL|return m/);
    assert.match(exec, /error:\n    Py_XDECREF\(v\);\n    return -1;\n\}/);
    assert.match(exec, /goto error;\n    return 0;/);
  });

  it('removes an `if (m != NULL)` left empty by the removed release', () => {
    const { output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        goto fail;
    if (PyModule_AddIntConstant(m, "A", 1) < 0)
        goto fail;
    return m;
fail:
    if (m != NULL) {
        Py_DECREF(m);
    }
    return NULL;`));
    assert.match(execOf(output), /fail:\n    return -1;\n\}/);
  });

  it('turns Py_CLEAR(m) falling through to a shared `return m` into the failure return', () => {
    const { output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "A", 1) < 0)
        goto fail;
    goto done;
fail:
    Py_CLEAR(m);
done:
    return m;`));
    assert.match(execOf(output), /fail:\n    return -1;\ndone:\n    return 0;/);
  });

  it('falls back to testing the module variable when Py_CLEAR(m) is followed by more cleanup', () => {
    const { output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    PyObject *tmp = NULL;
    if (m == NULL)
        return NULL;
    tmp = PyLong_FromLong(1);
    if (tmp == NULL || PyModule_AddObjectRef(m, "ONE", tmp) < 0)
        Py_CLEAR(m);
    Py_XDECREF(tmp);
    return m;`));
    assert.match(execOf(output), /< 0\)\n        m = NULL;\n    Py_XDECREF\(tmp\);\n    return m == NULL \? -1 : 0;/);
  });

  it('turns `return PyErr_NoMemory();` into raise-then-fail', () => {
    const { output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "A", 1) < 0) {
        Py_DECREF(m);
        return PyErr_NoMemory();
    }
    return m;`));
    assert.match(execOf(output), /\{\n        PyErr_NoMemory\(\);\n        return -1;\n    \}/);
  });

  it('uses the -1 forms of the NumPy import macros', () => {
    const { output } = convert(moduleWith(`    PyObject *m;
    import_array();
    import_umath();
    import_ufunc();
    import_array1(NULL);
    m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    return m;`));
    const exec = execOf(output);
    assert.match(exec, /import_array1\(-1\);\n    import_umath1\(-1\);\n    import_umath1\(-1\);\n    import_array1\(-1\);/);
  });

  it('keeps a static global module pointer assigned, with its own reference', () => {
    const source = `static PyObject *the_module;\n${moduleWith(`    PyObject *m;
    m = the_module = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    return m;`)}`;
    const old = execOf(convert(source, { reinitGuard: 'never' }).output);
    assert.match(old, /\{\n    Py_INCREF\(m\);\n    the_module = m;\n    return 0;\n\}/);
    const modern = execOf(convert(source, { reinitGuard: 'never', minimumPythonVersion: '3.10' }).output);
    assert.match(modern, /\{\n    the_module = Py_NewRef\(m\);\n    return 0;\n\}/);
  });

  it('gives a global that is the only module variable its own reference and a fresh parameter', () => {
    const source = `static PyObject *module;\n${moduleWith(`    module = PyModule_Create(&spam_def);
    if (module == NULL)
        return NULL;
    PyModule_AddIntConstant(module, "A", 1);
    return module;`)}`;
    const { result, output } = convert(source, { reinitGuard: 'never' });
    assert.ok(result.ok);
    assert.match(execOf(output), /spam_exec\(PyObject \*m\)\n\{\n    Py_INCREF\(m\);\n    module = m;\n    PyModule_AddIntConstant\(module, "A", 1\);\n    return 0;\n\}/);
  });

  it('adds a reference when the module is stored in a global later on', () => {
    const source = `static PyObject *saved;\n${moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    saved = m;
    return m;`)}`;
    assert.match(execOf(convert(source, { reinitGuard: 'never' }).output), /    Py_INCREF\(m\);\n    saved = m;\n/);
  });

  it('turns PyUnstable_Module_SetGIL under Py_GIL_DISABLED into the slot value', () => {
    const { output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_USED);
#endif
    return m;`));
    assert.doesNotMatch(output, /SetGIL|Py_GIL_DISABLED/);
    assert.match(output, /\{Py_mod_gil, Py_MOD_GIL_USED\}/);
  });

  it('converts an init that only returns PyModule_Create, without an exec', () => {
    const { result, output } = convert(moduleWith('    return PyModule_Create(&spam_def);'));
    assert.ok(result.ok);
    assert.doesNotMatch(output, /spam_exec|Py_mod_exec/);
    assert.match(output, /static PyModuleDef_Slot spam_slots\[\] = \{\n#ifdef Py_mod_multiple_interpreters/);
  });

  it('converts a static parameterless helper the init returns the result of', () => {
    const source = moduleWith('    return make_module();').replace(
      'PyMODINIT_FUNC',
      'static PyObject *\nmake_module(void)\n{\n    PyObject *m = PyModule_Create(&spam_def);\n    if (m == NULL)\n        return NULL;\n    PyModule_AddIntConstant(m, "A", 1);\n    return m;\n}\n\nPyMODINIT_FUNC',
    );
    const { result, output } = convert(source);
    assert.ok(result.ok, JSON.stringify(result));
    assert.doesNotMatch(output, /make_module/);
    assert.match(execOf(output), /PyModule_AddIntConstant\(m, "A", 1\);\n    return 0;/);
  });
});

describe('conversion: return macros', () => {
  before(() => initParser());

  it('writes `return -1` for an INITERROR macro that only returns NULL', () => {
    const source = `#if PY_MAJOR_VERSION >= 3
#define INITERROR return NULL
#else
#define INITERROR return
#endif
${moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        INITERROR;
    if (PyModule_AddIntConstant(m, "A", 1) < 0) {
        Py_DECREF(m);
        INITERROR;
    }
    return m;`)}`;
    const { result, output } = convert(source);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(output, /\{\n    if \(PyModule_AddIntConstant\(m, "A", 1\) < 0\) \{\n        return -1;\n    \}\n    return 0;\n\}/);
  });
});

describe('conversion: labels and existing references', () => {
  before(() => initParser());

  it('drops a label whose only goto was the removed NULL check', () => {
    const { output } = convert(moduleWith(`    PyObject *m, *d;
    m = PyModule_Create(&spam_def);
    if (m == NULL) { goto exit; }
    d = PyModule_GetDict(m);
    PyDict_SetItemString(d, "A", Py_None);
exit:
    return m;`));
    assert.match(output, /PyDict_SetItemString\(d, "A", Py_None\);\n    return 0;\n\}/);
  });

  it('keeps a label other gotos still use', () => {
    const { output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        goto fail;
    if (PyModule_AddIntConstant(m, "A", 1) < 0)
        goto fail;
    return m;
fail:
    Py_XDECREF(m);
    return NULL;`));
    assert.match(output, /goto fail;\n    return 0;\nfail:\n    return -1;\n\}/);
  });

  it('adds no second reference when the init already takes one for its global', () => {
    const source = `static PyObject *the_module;\n${moduleWith(`    PyObject *m;
    m = the_module = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "A", 1) < 0)
        goto fail;
    Py_INCREF(m);
    return m;
fail:
    Py_XDECREF(m);
    the_module = NULL;
    return NULL;`)}`;
    const { output } = convert(source, { reinitGuard: 'never' });
    assert.match(output, /\{\n    the_module = m;\n    if \(PyModule_AddIntConstant\(m, "A", 1\) < 0\)\n        goto fail;\n    Py_INCREF\(m\);\n    return 0;\nfail:\n    the_module = NULL;\n    return -1;\n\}/);
  });
});

describe('conversion: switch labels and forced guards', () => {
  before(() => initParser());

  it('drops a release right after `default:` when a statement follows', () => {
    const { output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;
    switch (sizeof(void *)) {
    case 8:
        break;
    default:
        Py_DECREF(m);
        PyErr_SetString(PyExc_ImportError, "odd pointer size");
        return NULL;
    }
    return m;`));
    assert.match(output, /    default:\n        PyErr_SetString\(PyExc_ImportError, "odd pointer size"\);\n        return -1;/);
  });

  it('writes the error guard when asked (always is its old name), even without state found', () => {
    for (const reinitGuard of ['always', 'error'] as const) {
      const { output } = convert(moduleWith('    return PyModule_Create(&spam_def);'), { reinitGuard });
      assert.match(output, /\/\* This module can be loaded only once per process: a second load raises\n/);
      assert.match(output, /if \(spam_body_module != NULL\) \{\n        PyErr_SetString\(PyExc_ImportError,\n\s+"cannot load module more than once per process"\);/);
    }
  });
});
