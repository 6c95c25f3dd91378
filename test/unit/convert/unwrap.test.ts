import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { convert, execOf, moduleWith } from './helpers';

describe('conversion: `if (m != NULL) { ... }` after the creation', () => {
  before(() => initParser());

  it('unwraps the block one level out (the module given to exec is never NULL)', () => {
    const { result, output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m != NULL) {
        /* constants */
        if (PyModule_AddIntConstant(m, "EVEN", 0) < 0 ||
            PyModule_AddIntConstant(m, "ODD", 1) < 0) {
            Py_DECREF(m);
            m = NULL;
        }
    }
    return m;`));
    assert.ok(result.ok);
    assert.equal(execOf(output), `static int
spam_exec(PyObject *m)
{
    /* constants */
    if (PyModule_AddIntConstant(m, "EVEN", 0) < 0 ||
        PyModule_AddIntConstant(m, "ODD", 1) < 0) {
        return -1;
    }
    return 0;
}
`);
  });

  it('unwraps `if (m)` with tabs and a preprocessor line at column 0', () => {
    const { output } = convert(moduleWith(`\tPyObject *m;
\tm = PyModule_Create(&spam_def);
\tif (m) {
#ifdef SPAM_EXTRA
\t\tPyModule_AddIntConstant(m, "EXTRA", 1);
#endif
\t\tPyModule_AddIntConstant(m, "A", 1);
\t}
\treturn m;`));
    assert.match(output, /spam_exec\(PyObject \*m\)\n\{\n#ifdef SPAM_EXTRA\n\tPyModule_AddIntConstant\(m, "EXTRA", 1\);\n#endif\n\tPyModule_AddIntConstant\(m, "A", 1\);\n\treturn 0;\n\}/);
  });

  it('keeps the test when a declaration in the block would clash with a name used after it', () => {
    const { result, output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m != NULL) {
        int v = 1;
        PyModule_AddIntConstant(m, "V", v);
    }
    {
        long v = 2;
        PyModule_AddIntConstant(m, "W", v);
    }
    return m;`));
    assert.ok(result.ok);
    assert.match(execOf(output), /\n    if \(m != NULL\) \{\n        int v = 1;\n/);
  });

  it('keeps the test when the header carries a comment (it would be lost) or an else follows', () => {
    const commented = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m != NULL) {  /* fill it */
        PyModule_AddIntConstant(m, "A", 1);
    }
    return m;`));
    assert.match(execOf(commented.output), /if \(m != NULL\) \{  \/\* fill it \*\//);
    const withElse = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (m != NULL) {
        PyModule_AddIntConstant(m, "A", 1);
    } else {
        PyErr_SetString(PyExc_ImportError, "no module");
    }
    return m;`));
    assert.ok(withElse.result.ok);
    assert.match(execOf(withElse.output), /if \(m != NULL\) \{/);
  });

  it('unwraps a declaration used only inside the block, in Allman style', () => {
    const { output } = convert(moduleWith(`    PyObject *m = PyModule_Create(&spam_def);
    if (NULL != m)
    {
        PyObject *v = PyLong_FromLong(3);
        if (v == NULL || PyModule_AddObject(m, "THREE", v) < 0)
        {
            Py_XDECREF(v);
            Py_DECREF(m);
            return NULL;
        }
    }
    return m;`));
    assert.match(execOf(output), /\{\n    PyObject \*v = PyLong_FromLong\(3\);\n    if \(v == NULL \|\| PyModule_AddObject\(m, "THREE", v\) < 0\)\n    \{\n        Py_XDECREF\(v\);\n        return -1;\n    \}\n    return 0;\n\}/);
  });

  it('drops the old NULL exit after a block that now ends in a return (it can never run)', () => {
    const { output } = convert(moduleWith(`    PyObject *m;

    m = PyModule_Create(&spam_def);
    if (m != NULL) {
        if (PyModule_AddIntConstant(m, "A", 1) < 0)
            goto fail;
        return m;
    }
    return NULL;
fail:
    Py_DECREF(m);
    return NULL;`));
    assert.equal(execOf(output), `static int
spam_exec(PyObject *m)
{
    if (PyModule_AddIntConstant(m, "A", 1) < 0)
        goto fail;
    return 0;
fail:
    return -1;
}
`);
  });
});
