import assert from 'node:assert/strict';
import { initParser } from '../../../server/src/core/parser';
import { convert, execOf, moduleWith, refusalOf } from './helpers';

const CREATE = `    PyObject *m = PyModule_Create(&spam_def);
    if (m == NULL)
        return NULL;`;
const USES = `${CREATE}
    ADD_INT("A", 1);
    ADD_INT("B", 2);
    return m;`;
const OUT_OF_SIGHT = ['hidden-control-flow'];

/** A module whose init uses `ADD_INT`, defined above everything as `macro`. */
function withMacro(macro: string, body = USES): string {
  return `${macro}\n${moduleWith(body)}`;
}

describe('conversion: statement macros used only in the init', () => {
  before(() => initParser());

  it('rewrites a one-line if-macro: return -1, no release of the module', () => {
    const macro = '#define ADD_INT(NAME, VAL) \\\n    if (PyModule_AddIntConstant(m, NAME, VAL) < 0) { Py_DECREF(m); return NULL; }';
    const { result, output } = convert(withMacro(macro));
    assert.ok(result.ok, JSON.stringify(result));
    assert.ok(output.startsWith('#define ADD_INT(NAME, VAL) \\\n    if (PyModule_AddIntConstant(m, NAME, VAL) < 0) { return -1; }\n'), output);
    assert.match(execOf(output), /ADD_INT\("A", 1\);\n    ADD_INT\("B", 2\);\n    return 0;/);
  });

  it('drops the release line of a do/while(0) macro and keeps the continuations', () => {
    const macro = `#define ADD_INT(mod, name, value) do { \\
        if (PyModule_AddIntConstant(mod, name, value) < 0) { \\
            Py_XDECREF(mod); \\
            return NULL; \\
        } \\
    } while (0)`;
    const { result, output } = convert(withMacro(macro, `${CREATE}\n    ADD_INT(m, "A", 1);\n    return m;`));
    assert.ok(result.ok, JSON.stringify(result));
    assert.ok(output.startsWith(`#define ADD_INT(mod, name, value) do { \\
        if (PyModule_AddIntConstant(mod, name, value) < 0) { \\
            return -1; \\
        } \\
    } while (0)
`), output);
  });

  it('rewrites a macro that only returns NULL, and Py_CLEAR before the return', () => {
    const macro = '#define ADD_INT(N, V) do { if (PyModule_AddIntConstant(m, N, V)) { Py_CLEAR(m); return (NULL); } } while (0)';
    const { result, output } = convert(withMacro(macro));
    assert.ok(result.ok, JSON.stringify(result));
    assert.ok(output.startsWith('#define ADD_INT(N, V) do { if (PyModule_AddIntConstant(m, N, V)) { return (-1); } } while (0)\n'), output);
    // The rewrite of the definition is stated, once.
    assert.equal(result.ok && result.notes?.filter((n) => n.startsWith('Macro ADD_INT:')).length, 1);
  });

  it('refuses a macro also used outside the init', () => {
    const macro = '#define ADD_INT(N, V) if (PyModule_AddIntConstant(m, N, V) < 0) { Py_DECREF(m); return NULL; }';
    const source = withMacro(macro).replace('return PyUnicode_FromString("hello");', 'PyObject *m = self;\n    ADD_INT("C", 3);\n    return PyUnicode_FromString("hello");');
    assert.deepEqual(refusalOf(source), OUT_OF_SIGHT);
  });

  it('refuses a macro that is #undef\'d or defined twice', () => {
    const macro = '#define ADD_INT(N, V) if (PyModule_AddIntConstant(m, N, V) < 0) { Py_DECREF(m); return NULL; }';
    assert.deepEqual(refusalOf(withMacro(`${macro}\n#undef ADD_INT\n${macro}`)), OUT_OF_SIGHT);
    assert.deepEqual(refusalOf(withMacro(`#ifdef X\n${macro}\n#else\n${macro.replace('return NULL', 'return m')}\n#endif`)), OUT_OF_SIGHT);
    assert.deepEqual(refusalOf(`${withMacro(macro)}\n#undef ADD_INT\n`), OUT_OF_SIGHT);
  });

  it('refuses a macro that releases something other than the module', () => {
    const other = '#define ADD_INT(N, V) do { PyObject *o = PyLong_FromLong(V); if (o == NULL) { Py_DECREF(m); return NULL; } if (PyModule_AddObject(m, N, o) < 0) { Py_DECREF(o); return NULL; } } while (0)';
    assert.deepEqual(refusalOf(withMacro(other)), OUT_OF_SIGHT);
    // The parameter released is filled with something else at one use.
    const param = '#define ADD_INT(mod, N, V) if (PyModule_AddIntConstant(m, N, V) < 0) { Py_DECREF(mod); return NULL; }';
    assert.deepEqual(refusalOf(withMacro(param, `${CREATE}\n    PyObject *d = PyModule_GetDict(m);\n    ADD_INT(m, "A", 1);\n    ADD_INT(d, "B", 2);\n    return m;`)), OUT_OF_SIGHT);
  });

  it('refuses other control flow: goto, break, return of something else', () => {
    const body = `${CREATE}\n    ADD_INT("A", 1);\n    return m;\nerror:\n    Py_DECREF(m);\n    return NULL;`;
    const gotoAndReturn = '#define ADD_INT(N, V) do { if (V < 0) goto error; if (PyModule_AddIntConstant(m, N, V) < 0) { Py_DECREF(m); return NULL; } } while (0)';
    assert.deepEqual(refusalOf(withMacro(gotoAndReturn, body)), OUT_OF_SIGHT);
    // A goto alone: the exec rewrite would drop the label it cannot see used.
    const gotoOnly = '#define ADD_INT(N, V) if (PyModule_AddIntConstant(m, N, V) < 0) { goto error; }';
    assert.deepEqual(refusalOf(withMacro(gotoOnly, body)), OUT_OF_SIGHT);
    const breakMacro = '#define ADD_INT(N, V) if (PyModule_AddIntConstant(m, N, V) < 0) { Py_DECREF(m); break; }';
    assert.deepEqual(refusalOf(withMacro(breakMacro)), OUT_OF_SIGHT);
    const returnM = '#define ADD_INT(N, V) if (PyModule_AddIntConstant(m, N, V) < 0) { return m; }';
    assert.deepEqual(refusalOf(withMacro(returnM)), OUT_OF_SIGHT);
  });

  it('refuses a release that is the whole body of an if, and a module under another name', () => {
    const unbraced = '#define ADD_INT(N, V) if (PyModule_AddIntConstant(m, N, V) < 0) Py_DECREF(m); return NULL';
    assert.deepEqual(refusalOf(withMacro(unbraced)), OUT_OF_SIGHT);
    const renamed = '#define ADD_INT(N, V) if (PyModule_AddIntConstant(mod, N, V) < 0) { Py_DECREF(mod); return NULL; }';
    assert.deepEqual(refusalOf(withMacro(renamed)), OUT_OF_SIGHT);
  });

  it('refuses a macro that expands another macro hiding control flow', () => {
    const macros = '#define FAIL { Py_DECREF(m); return NULL; }\n#define ADD_INT(N, V) if (PyModule_AddIntConstant(m, N, V) < 0) FAIL';
    assert.deepEqual(refusalOf(withMacro(macros)), OUT_OF_SIGHT);
  });
});
