// Py_LIMITED_API often comes from the build (setup.py define_macros,
// setuptools' py_limited_api), where the converter cannot see it. The
// converted file and the rules' slot fixes must then still build: the new
// slots under `#ifdef Py_mod_...` (3.12/3.13 headers hide them below a recent
// enough Py_LIMITED_API) and the replay code's interpreter check under
// `#ifndef Py_LIMITED_API` (the limited API hides PyThreadState and has no
// PyInterpreterState_Main). Built with -DPy_LIMITED_API=0x03060000 on the
// command line on 3.8, 3.12 and 3.13 (with -Wunused-parameter, part of
// -Wextra: generated code must not add that warning), then imported and called.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { applyRuleFixes } from '../../server/src/core/applyFixes';
import { DEFAULT_CONVERSION_OPTIONS, type ConversionOptions } from '../../server/src/core/convert/options';
import { compileExtension, runLimited, suiteBuildRoot } from '../support/build';
import { convertText, initParser } from '../support/convertFixture';
import { assertInterpreters, discoverPythons, type PythonInstall } from '../support/pythons';

const LIMITED = 'Py_LIMITED_API=0x03060000';

/** m_size -1 and no state: converts without replay, so only the slot guards matter. */
const STATELESS = `#include <Python.h>

static PyObject *
negate(PyObject *self, PyObject *arg)
{
    (void)self;
    return PyNumber_Negative(arg);
}

static PyMethodDef negater_methods[] = {
    {"negate", negate, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef negater_def = {
    PyModuleDef_HEAD_INIT, "negater", NULL, -1, negater_methods
};

PyMODINIT_FUNC
PyInit_negater(void)
{
    return PyModule_Create(&negater_def);
}
`;

/** m_size -1 and an exception object kept in a static: the conversion replays. */
const REPLAYED = `#include <Python.h>

static PyObject *RefusedError;

static PyObject *
refuse(PyObject *self, PyObject *noargs)
{
    (void)self;
    (void)noargs;
    PyErr_SetString(RefusedError, "refused");
    return NULL;
}

static PyMethodDef refuser_methods[] = {
    {"refuse", refuse, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef refuser_def = {
    PyModuleDef_HEAD_INIT, "refuser", NULL, -1, refuser_methods
};

PyMODINIT_FUNC
PyInit_refuser(void)
{
    PyObject *m = PyModule_Create(&refuser_def);
    if (m == NULL)
        return NULL;
    RefusedError = PyErr_NewException("refuser.RefusedError", NULL, NULL);
    if (RefusedError == NULL)
        return NULL;
    Py_INCREF(RefusedError);
    if (PyModule_AddObject(m, "RefusedError", RefusedError) < 0)
        return NULL;
    return m;
}
`;

/** The init only calls a setup function: exec never names its module. */
const SETUP_ONLY = `#include <Python.h>

static int ready;

static int
prepare(void)
{
    ready = 1;
    return 0;
}

static PyObject *
is_ready(PyObject *self, PyObject *noargs)
{
    (void)self;
    (void)noargs;
    return PyBool_FromLong(ready);
}

static PyMethodDef preparer_methods[] = {
    {"is_ready", is_ready, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef preparer_def = {
    PyModuleDef_HEAD_INIT, "preparer", NULL, -1, preparer_methods
};

PyMODINIT_FUNC
PyInit_preparer(void)
{
    PyObject *m = PyModule_Create(&preparer_def);
    if (m == NULL)
        return NULL;
    if (prepare() < 0)
        return NULL;
    return m;
}
`;

/** Already multi-phase with neither new slot: the rules' fixes add both. */
const MISSING_SLOTS = `#include <Python.h>

static int
marker_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "mark", 3);
}

static PyModuleDef_Slot marker_slots[] = {
    {Py_mod_exec, marker_exec},
    {0, NULL}
};

static struct PyModuleDef marker_def = {
    PyModuleDef_HEAD_INIT, "marker", NULL, 0, NULL, marker_slots
};

PyMODINIT_FUNC
PyInit_marker(void)
{
    return PyModuleDef_Init(&marker_def);
}
`;

function runPython(python: PythonInstall, dir: string, code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(python.executable, ['-c', code], { cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${python.version}: ${stderr || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

function converted(source: string, options: Partial<ConversionOptions> = {}): string {
  const run = convertText(source, 'c', { ...DEFAULT_CONVERSION_OPTIONS, ...options });
  assert.ok(run.results.length === 1 && run.results[0]!.ok, JSON.stringify(run.results));
  return run.output;
}

describe('build-defined Py_LIMITED_API: converted code and slot fixes build and import', function () {
  this.timeout(300_000);
  let pythons: PythonInstall[] = [];
  const builds = suiteBuildRoot('multiphase-limited-');

  before(async () => {
    await initParser();
    const found = discoverPythons();
    assertInterpreters(found);
    pythons = found.filter((p) => ['3.8', '3.12', '3.13'].includes(p.minor));
    assert.equal(pythons.length, 3, 'CPython 3.8, 3.12 and 3.13 are needed');
  });


  async function buildAndRun(tag: string, source: string, module: string, code: string, defines: readonly string[] = [LIMITED]): Promise<string[]> {
    return runLimited(
      pythons.map((python) => async () => {
        const dir = join(builds.path, `${tag}-${python.minor}`);
        const built = await compileExtension({ source, lang: 'c', moduleNames: [module], dir, python, defines, flags: ['-Wunused-parameter'] });
        assert.ok(built.ok, built.output);
        return runPython(python, dir, code);
      }),
    );
  }

  for (const minimumPythonVersion of ['3.8', '3.13']) {
    it(`slot guards (--min-python ${minimumPythonVersion}): the converted module builds and its function runs`, async () => {
      const output = converted(STATELESS, { minimumPythonVersion });
      assert.match(output, /#ifdef Py_mod_multiple_interpreters\n/);
      assert.match(output, /#ifdef Py_mod_gil\n/);
      const results = await buildAndRun(`slots-${minimumPythonVersion}`, output, 'negater', 'import negater; print(negater.negate(5))');
      assert.deepEqual(results, ['-5', '-5', '-5']);
    });
  }

  it('replay: the converted module builds, raises its own exception, and imports again after a reload of sys.modules', async () => {
    const output = converted(REPLAYED);
    assert.match(output, /#ifndef Py_LIMITED_API\n[\s\S]*PyInterpreterState_Main[\s\S]*#else\n[\s\S]*#endif/);
    const code = [
      'import sys, refuser',
      'try:',
      '    refuser.refuse()',
      'except refuser.RefusedError as e:',
      '    print(e)',
      'del sys.modules["refuser"]',
      'import refuser as again',
      'print(again.RefusedError is refuser.RefusedError)',
    ].join('\n');
    const results = await buildAndRun('replay', output, 'refuser', code);
    assert.deepEqual(results, pythons.map(() => 'refused\nTrue'));
    // Without the limited API the forget helper is built: its unused parameters are marked.
    assert.deepEqual(await buildAndRun('replay-full', output, 'refuser', code, []), pythons.map(() => 'refused\nTrue'));
  });

  it('an exec that never names its module builds without an unused-parameter warning', async () => {
    const output = converted(SETUP_ONLY);
    assert.match(output, /\(void\)m;/);
    const results = await buildAndRun('setup-only', output, 'preparer', 'import preparer; print(preparer.is_ready())');
    assert.deepEqual(results, ['True', 'True', 'True']);
  });

  it('rule fixes: the added slots build under the build-defined limited API', async () => {
    const fixed = applyRuleFixes(MISSING_SLOTS, 'c', DEFAULT_CONVERSION_OPTIONS);
    assert.deepEqual(fixed.applied.map((f) => f.code).sort(), ['missing-gil-slot', 'missing-multiple-interpreters-slot']);
    const results = await buildAndRun('rulefix', fixed.text, 'marker', 'import marker; print(marker.mark)');
    assert.deepEqual(results, ['3', '3', '3']);
  });
});
