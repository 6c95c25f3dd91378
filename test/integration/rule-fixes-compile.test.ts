// The rules' own fixes (what `multiphase fix --rules` and the quick fixes
// write) built and imported on the oldest and newest CPython: LF, CRLF and
// lone-CR files, a one-line slot array, and a file under
// Py_LIMITED_API 0x030a0000, where 3.13's headers do not define Py_mod_gil.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { applyRuleFixes } from '../../server/src/core/applyFixes';
import { DEFAULT_CONVERSION_OPTIONS } from '../../server/src/core/convert/options';
import { initParser } from '../../server/src/core/parser';
import { compileExtension, runLimited, suiteBuildRoot } from '../support/build';
import { assertInterpreters, discoverPythons, packageIncludeDir, type PythonInstall } from '../support/pythons';

const MODULE = `#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int
counter_exec(PyObject *module)
{
    PyObject *start = PyLong_FromLong(7);
    if (start == NULL) {
        Py_DECREF(module);
        return -1;
    }
    if (PyModule_AddObject(module, "start", start) < 0) {
        Py_DECREF(start);
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot counter_slots[] = {
    {Py_mod_exec, counter_exec},
    {0, NULL}
};

static struct PyModuleDef counter_def = {
    PyModuleDef_HEAD_INIT,
    "counter",
    NULL,
    -1,
    NULL,
    counter_slots,
};

PyMODINIT_FUNC
PyInit_counter(void)
{
    return PyModuleDef_Init(&counter_def);
}
`;

const VARIANTS: { name: string; source: string }[] = [
  { name: 'LF', source: MODULE },
  { name: 'CRLF', source: MODULE.replace(/\n/g, '\r\n') },
  { name: 'lone CR', source: MODULE.replace(/\n/g, '\r') },
  { name: 'one-line slot array', source: MODULE.replace(/\{\n    \{Py_mod_exec, counter_exec\},\n    \{0, NULL\}\n\}/, '{{Py_mod_exec, counter_exec}, {0, NULL}}') },
  { name: 'Py_LIMITED_API 0x030a0000', source: MODULE.replace('#define PY_SSIZE_T_CLEAN\n', '#define PY_SSIZE_T_CLEAN\n#define Py_LIMITED_API 0x030a0000\n') },
];

const EXPECTED_FIXES = ['exec-decrefs-module', 'missing-gil-slot', 'missing-multiple-interpreters-slot', 'negative-m-size'];

function importStart(python: PythonInstall, dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(python.executable, ['-c', 'import counter; print(counter.start)'], { cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${python.version}: ${stderr || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

/** A multi-phase module whose exec uses NumPy's import_array(), which returns NULL from an int function. */
const NUMPY_MODULE = MODULE.replace('#include <Python.h>\n', '#include <Python.h>\n#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION\n#include <numpy/arrayobject.h>\n').replace(
  '    PyObject *start = PyLong_FromLong(7);\n',
  '    import_array();\n    PyObject *start = PyLong_FromLong(7);\n',
);

describe('rule fixes: the fixed file builds and imports', function () {
  this.timeout(300_000);
  let found: PythonInstall[] = [];
  let pythons: PythonInstall[] = [];
  const builds = suiteBuildRoot('multiphase-rulefix-');

  before(async () => {
    await initParser();
    found = discoverPythons();
    assertInterpreters(found);
    pythons = found.filter((p) => p.minor === '3.8' || p.minor === '3.13');
    assert.equal(pythons.length, 2, 'CPython 3.8 and 3.13 are both needed');
  });


  for (const [index, variant] of VARIANTS.entries()) {
    it(`${variant.name}: every small fix applies once, keeps the line ends, and builds on 3.8 and 3.13`, async () => {
      const fixed = applyRuleFixes(variant.source, 'c', DEFAULT_CONVERSION_OPTIONS);
      assert.deepEqual(fixed.applied.map((f) => f.code).sort(), EXPECTED_FIXES);
      assert.deepEqual(applyRuleFixes(fixed.text, 'c', DEFAULT_CONVERSION_OPTIONS).applied, [], 'nothing left to fix');
      const ends = (text: string): string[] => [...new Set(text.match(/\r\n|\r|\n/g))];
      assert.deepEqual(ends(fixed.text), ends(variant.source), 'line ends as the file had them');
      if (variant.name.startsWith('Py_LIMITED_API')) assert.match(fixed.text, /#ifdef Py_mod_gil\n    \{Py_mod_gil,/);
      const results = await runLimited(
        pythons.map((python) => async () => {
          const dir = join(builds.path, `${index}-${python.minor}`);
          const built = await compileExtension({ source: fixed.text, lang: 'c', moduleNames: ['counter'], dir, python });
          assert.ok(built.ok, built.output);
          return importStart(python, dir);
        }),
      );
      assert.deepEqual(results, ['7', '7']);
    });
  }

  it('import-macro-in-exec: import_array1(-1) builds and imports on every CPython that has NumPy', async function () {
    const withNumpy = found.flatMap((python) => {
      const include = packageIncludeDir(python, 'numpy');
      return include ? [{ python, include }] : [];
    });
    if (withNumpy.length === 0) this.skip();
    const fixed = applyRuleFixes(NUMPY_MODULE, 'c', DEFAULT_CONVERSION_OPTIONS);
    assert.ok(fixed.applied.some((f) => f.code === 'import-macro-in-exec'));
    assert.match(fixed.text, /\n    import_array1\(-1\);\n/);
    const results = await runLimited(
      withNumpy.map(({ python, include }) => async () => {
        const dir = join(builds.path, `numpy-${python.minor}`);
        const built = await compileExtension({ source: fixed.text, lang: 'c', moduleNames: ['counter'], dir, python, includeDirs: [include] });
        assert.ok(built.ok, built.output);
        return importStart(python, dir);
      }),
    );
    assert.deepEqual(results, withNumpy.map(() => '7'));
  });
});
