// The behaviour-equivalence tier: every converting fixture is built before
// and after conversion on CPython 3.8, 3.12 and 3.13 and observed the same
// way (test/support/behaviour_runner.py): import, smoke, re-import after
// del sys.modules + gc.collect(), the smoke script on the re-imported module,
// m_free calls while the first module is alive, legacy and isolated
// subinterpreters, and a first import inside a legacy subinterpreter. Any
// observation on which the converted build differs from the original must be
// one the conversion states in its notes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileExtension, runLimited, suiteBuildRoot } from '../support/build';
import { DEFAULT_CONVERSION_OPTIONS, type ConversionOptions } from '../../server/src/core/convert/options';
import { convertText, initParser } from '../support/convertFixture';
import { loadFixtures, loadFixture, type ConvertFixture } from '../support/fixtures';
import { discoverPythons, packageIncludeDir, type PythonInstall } from '../support/pythons';

/** m_size -1 with a static: replayed. Its init imports a hook that loads the module a second time mid-exec. */
const REENTRANT_SOURCE = `#include <Python.h>

static PyObject *answer_value;

static PyObject *
reentrant_answer(PyObject *self, PyObject *unused)
{
    Py_INCREF(answer_value);
    return answer_value;
}

static PyMethodDef reentrant_methods[] = {
    {"answer", reentrant_answer, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef reentrant_module = {
    PyModuleDef_HEAD_INIT, "reentrant", NULL, -1, reentrant_methods
};

PyMODINIT_FUNC
PyInit_reentrant(void)
{
    PyObject *m = PyModule_Create(&reentrant_module);
    PyObject *hook;

    if (m == NULL)
        return NULL;
    answer_value = PyLong_FromLong(42);
    if (answer_value == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    hook = PyImport_ImportModule("reentrant_hook");
    if (hook == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    Py_DECREF(hook);
    return m;
}
`;

/** Loads `reentrant` again by hand while its first exec runs (importlib would hand back the partial module). */
const REENTRANT_HOOK = `import importlib.machinery
import importlib.util

spec = importlib.machinery.PathFinder.find_spec("reentrant", [BUILD_DIR])
module = importlib.util.module_from_spec(spec)
try:
    spec.loader.exec_module(module)
    RESULT = "second exec ran"
except ImportError as e:
    RESULT = "ImportError: %s" % e
`;

const TIER_MINORS = ['3.8', '3.12', '3.13'];
const RUNNER = join(__dirname, '../support/behaviour_runner.py');

/** Which stated sentence (a note of the conversion) allows a difference in each observation. */
const STATED_BY: Record<string, RegExp> = {
  're-import': /^Re-import: importing .* raises ImportError/,
  'legacy subinterpreter import': /^Re-import: importing .* raises ImportError/,
  // An m_size that was 0 on some versions re-ran init there; replay shares the objects everywhere (stated).
  're-import shares the first import\'s functions': /^Module identity: |^Re-import: importing .* raises ImportError|^m_size: the original chose it with .* a re-import now gets a copy of the first module's namespace/,
  // Not observed at all when the re-import raised.
  're-import gives a new module object': /^Re-import: importing .* raises ImportError/,
  'smoke on the re-imported module': /^Module identity: |^Re-import: importing|^PyState_FindModule: /,
  'isolated subinterpreter import': /^Subinterpreters: the module now also loads in isolated subinterpreters/,
  'free calls after del + gc (first module alive)': /^Teardown: /,
  'free calls after re-import + gc (first module alive)': /^Teardown: /,
  'free calls after the legacy subinterpreter': /^Teardown: /,
  'first import in a legacy subinterpreter': /^Subinterpreters: when the first import happens in a legacy subinterpreter/,
  'then import in the main interpreter': /^Subinterpreters: when the first import happens in a legacy subinterpreter|^Re-import: importing .* raises ImportError/,
  'then smoke in the main interpreter': /^Subinterpreters: when the first import happens in a legacy subinterpreter|^Re-import: importing .* raises ImportError|^Module identity: /,
  'module still works at the end': /^Module identity: |^Re-import: importing/,
};

type Observations = Map<string, unknown>;

function observe(python: PythonInstall, scenario: 'main' | 'sub-first', dir: string, fixture: ConvertFixture): Promise<Observations> {
  return new Promise((resolve) => {
    execFile(python.executable, ['-X', 'faulthandler', RUNNER, scenario, dir, fixture.smokePath, JSON.stringify(fixture.moduleNames)], { timeout: 60_000 }, (error, stdout) => {
      const seen: Observations = new Map();
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue;
        const { key, value } = JSON.parse(line) as { key: string; value: unknown };
        seen.set(key, value);
      }
      // A crash (or a hang) leaves the rest unobserved: that is an observation too.
      if (!seen.has('finished')) seen.set('finished', error ? `died: ${error.signal ?? error.code ?? error.message}` : 'no end line');
      resolve(seen);
    });
  });
}

interface Difference {
  scenario: string;
  key: string;
  original: unknown;
  converted: unknown;
}

function differences(scenario: string, original: Observations, converted: Observations): Difference[] {
  const keys = new Set([...original.keys(), ...converted.keys()]);
  return [...keys].filter((k) => JSON.stringify(original.get(k)) !== JSON.stringify(converted.get(k))).map((key) => ({ scenario, key, original: original.get(key), converted: converted.get(key) }));
}

describe('behaviour equivalence: original and converted builds observed alike (3.8, 3.12, 3.13)', function () {
  this.timeout(300_000);
  let pythons: PythonInstall[] = [];
  const builds = suiteBuildRoot('multiphase-behaviour-');

  before(async () => {
    await initParser();
    const all = discoverPythons();
    pythons = all.filter((p) => TIER_MINORS.includes(p.minor));
    const missing = TIER_MINORS.filter((m) => !pythons.some((p) => p.minor === m));
    if (missing.length) {
      const message = `behaviour tier: no CPython ${missing.join(', ')} found`;
      if (process.env.MULTIPHASE_REQUIRE_ALL_PYTHONS === '1') throw new Error(message);
      console.warn(`WARNING: ${message}; those versions are not compared`);
    }
  });


  /** The tier's interpreters that can build the fixture; for a numpy fixture, any interpreter with numpy when none of them has it. */
  function targetsFor(fixture: ConvertFixture): { python: PythonInstall; includeDirs: string[] }[] {
    const withPackages = (list: PythonInstall[]): { python: PythonInstall; includeDirs: string[] }[] =>
      list.flatMap((python) => {
        const includeDirs = fixture.needs.map((pkg) => packageIncludeDir(python, pkg));
        // The fixture's own directory too, for a header beside input.c (as compile-import does).
        return includeDirs.every((d): d is string => d !== undefined) ? [{ python, includeDirs: [fixture.dir, ...includeDirs] }] : [];
      });
    const targets = withPackages(pythons);
    if (targets.length || fixture.needs.length === 0) return targets;
    const fallback = withPackages(discoverPythons()).slice(0, 1);
    if (fallback.length) console.warn(`WARNING: ${fixture.name} needs ${fixture.needs.join(', ')}: compared on Python ${fallback[0]!.python.version} only`);
    return fallback;
  }

  /** Build original and converted on every target, observe both, and list the unstated differences. */
  async function unstatedDifferences(ctx: Mocha.Context, fixture: ConvertFixture, options?: ConversionOptions, variantName = 'converted'): Promise<{ problems: string[]; notes: string[] }> {
    const run = convertText(fixture.input, fixture.lang, options);
    assert.ok(run.results.every((r) => r.ok), 'converter refused');
    const notes = run.results.flatMap((r) => (r.ok ? (r.notes ?? []) : []));
    const targets = targetsFor(fixture);
    if (targets.length === 0) {
      if (process.env.MULTIPHASE_REQUIRE_ALL_PYTHONS === '1') throw new Error(`${fixture.name}: no interpreter can build it`);
      ctx.skip();
    }
    const jobs = targets.map(({ python, includeDirs }) => async (): Promise<string[]> => {
      const problems: string[] = [];
      const seen: Record<string, Observations> = {};
      for (const [variant, source] of [['original', fixture.input], [variantName, run.output]] as const) {
        const dir = join(builds.path, fixture.name, variant, python.version);
        const built = await compileExtension({ source, lang: fixture.lang, moduleNames: fixture.moduleNames, dir, python, includeDirs, defines: fixture.defines });
        if (!built.ok || built.output) return [`${variant} build on ${python.version}:\n${built.output}`];
        for (const scenario of ['main', 'sub-first'] as const) seen[`${variant === 'original' ? 'original' : 'converted'}/${scenario}`] = await observe(python, scenario, dir, fixture);
      }
      for (const scenario of ['main', 'sub-first']) {
        for (const d of differences(scenario, seen[`original/${scenario}`]!, seen[`converted/${scenario}`]!)) {
          const allowed = STATED_BY[d.key];
          if (allowed && notes.some((n) => allowed.test(n))) continue;
          problems.push(`Python ${python.version}, ${scenario}: '${d.key}' was ${JSON.stringify(d.original)}, converted ${JSON.stringify(d.converted)}, and no note states it`);
        }
      }
      return problems;
    });
    return { problems: (await runLimited(jobs)).flat(), notes };
  }

  for (const fixture of loadFixtures().filter((f) => f.converted.length > 0)) {
    it(`${fixture.name}: every difference from the original is stated`, async function () {
      const { problems, notes } = await unstatedDifferences(this, fixture);
      assert.deepEqual(problems, [], `${fixture.name}:\n${problems.join('\n')}\nnotes:\n${notes.join('\n')}`);
    });
  }

  it('mfree_global with --guard error: re-import raises (stated), and m_free never runs while the first module lives', async function () {
    const fixture = loadFixture('mfree_global');
    const { problems, notes } = await unstatedDifferences(this, fixture, { ...DEFAULT_CONVERSION_OPTIONS, reinitGuard: 'error' }, 'error');
    assert.deepEqual(problems, [], `${problems.join('\n')}\nnotes:\n${notes.join('\n')}`);
    assert.ok(notes.some((n) => /^Re-import: importing mfree_global a second time .* raises ImportError/.test(n)), notes.join('\n'));
  });

  it('sees the difference the tier exists for: with --guard never, m_free of a later module releases the first one\'s registry', async function () {
    const fixture = loadFixture('mfree_global');
    const { problems } = await unstatedDifferences(this, fixture, { ...DEFAULT_CONVERSION_OPTIONS, reinitGuard: 'never' }, 'never');
    // Another module object's m_free (the re-imported one's, or the subinterpreter's) ran while the first one lived.
    assert.ok(problems.some((p) => /'free calls after [^']*\(?[^']*' was 0, converted [1-9]/.test(p)), problems.join('\n'));
  });

  it('replay, re-entrancy: an exec that lets a second load start before the snapshot exists refuses it (stated), and the first import completes', async function () {
    const python = pythons.find((p) => p.minor === '3.13') ?? pythons[0];
    if (!python) this.skip();
    const run = convertText(REENTRANT_SOURCE, 'c');
    const result = run.results[0];
    assert.ok(result?.ok, 'converter refused');
    assert.ok(result.notes?.some((n) => /^Re-entrancy: an import of reentrant started while its first exec is still running raises ImportError\.$/.test(n)), result.notes?.join('\n'));
    const dir = join(builds.path, 'reentrant', python.version);
    const built = await compileExtension({ source: run.output, lang: 'c', moduleNames: ['reentrant'], dir, python });
    assert.ok(built.ok && !built.output, built.output);
    writeFileSync(join(dir, 'reentrant_hook.py'), REENTRANT_HOOK.replace('BUILD_DIR', JSON.stringify(dir)));
    const script = `import sys; sys.path.insert(0, ${JSON.stringify(dir)}); import reentrant, reentrant_hook; print(reentrant_hook.RESULT); print(reentrant.answer())`;
    const out = await new Promise<string>((resolve, reject) => execFile(python.executable, ['-X', 'dev', '-c', script], { timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))));
    assert.equal(out, 'ImportError: reentrant is imported again while its first import is still running\n42\n');
  });

  it('the slot values follow from the code: stateless, import_array, SetGIL(NOT_USED)', () => {
    const slotsOf = (name: string): string => convertText(loadFixture(name).input, loadFixture(name).lang).output;
    assert.match(slotsOf('basic_methods'), /Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED/);
    assert.match(slotsOf('basic_methods'), /Py_mod_gil, Py_MOD_GIL_USED/);
    assert.match(slotsOf('numpy_array'), /Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED/);
    assert.match(slotsOf('setgil_not_used'), /Py_mod_gil, Py_MOD_GIL_NOT_USED/);
  });
});
