// Builds every fixture with gcc/g++ against each CPython 3.8-3.13 from pyenv,
// before and after conversion, imports it and runs its smoke script. The
// converted build must also be really multi-phase: PyInit returns a
// PyModuleDef, and a second load gives a fresh working module -- or, where
// the once-per-process guard belongs, an ImportError.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compileExtension, runFixtureChecks, runLimited, runSmokeOnly, suiteBuildRoot, type ModuleExpectation, type ProcessResult } from '../support/build';
import { DEFAULT_CONVERSION_OPTIONS, type ConversionOptions } from '../../server/src/core/convert/options';
import { describeRefusals } from '../../server/src/core/convert/refusalCatalogue';
import { convertText, initParser } from '../support/convertFixture';
import { loadFixture, loadFixtures, type ConvertFixture } from '../support/fixtures';
import { assertInterpreters, discoverPython2, discoverPythons, packageIncludeDir, type PythonInstall } from '../support/pythons';

const fixtures = loadFixtures();

describe('compile and import on every CPython', function () {
  // Six builds and runs per test on two workers; a cold gcc can be slow.
  this.timeout(180_000);
  let pythons: PythonInstall[] = [];
  const builds = suiteBuildRoot('multiphase-build-');

  before(async () => {
    await initParser();
    pythons = discoverPythons();
    assertInterpreters(pythons);
    assert.ok(pythons.length > 0, 'no CPython 3.8-3.13 found at all');
  });


  interface BuildTarget {
    python: PythonInstall;
    includeDirs: string[];
  }
  const targetCache = new Map<string, BuildTarget[]>();

  /**
   * Interpreters a fixture can build for: all of them, or for a fixture that
   * needs a package's C API (numpy), those that have the package installed.
   */
  function targetsFor(fixture: ConvertFixture): BuildTarget[] {
    let targets = targetCache.get(fixture.name);
    if (!targets) {
      targets = [];
      for (const python of pythons) {
        const includeDirs = fixture.needs.map((pkg) => packageIncludeDir(python, pkg));
        // The fixture's own directory too: a header beside input.c (the project's compat header) is found.
        if (includeDirs.every((d): d is string => d !== undefined)) targets.push({ python, includeDirs: [fixture.dir, ...includeDirs] });
      }
      targetCache.set(fixture.name, targets);
      if (fixture.needs.length > 0) {
        const missing = pythons.filter((p) => !targets!.some((t) => t.python === p)).map((p) => p.version);
        if (missing.length > 0) console.warn(`WARNING: ${fixture.name} needs ${fixture.needs.join(', ')}: not built for Python ${missing.join(', ')} (package not installed there)`);
      }
    }
    return targets;
  }

  /** Build `source` for every target and run the checks; all failures in one message. */
  async function buildAndCheck(
    ctx: Mocha.Context,
    fixture: ConvertFixture,
    variant: string,
    source: string,
    modules: readonly ModuleExpectation[] = fixture.converted,
  ): Promise<void> {
    const mode = variant === 'input' ? 'single' : 'multi';
    const targets = targetsFor(fixture);
    if (targets.length === 0) {
      const why = `${fixture.name} needs ${fixture.needs.join(', ')}, which no interpreter here has`;
      // CI must not skip: a fixture no interpreter can build is a red run.
      if (process.env.MULTIPHASE_REQUIRE_ALL_PYTHONS === '1') throw new Error(why);
      console.warn(`WARNING: skipped: ${why}`);
      ctx.skip();
    }
    const jobs = targets.map(({ python, includeDirs }) => async (): Promise<string | undefined> => {
      const dir = join(builds.path, fixture.name, variant, python.version);
      const built = await compileExtension({ source, lang: fixture.lang, moduleNames: fixture.moduleNames, dir, python, includeDirs, defines: fixture.defines });
      if (!built.ok) return `build failed:\n${built.output}`;
      if (built.output) return `build warned:\n${built.output}`;
      const checked: ProcessResult = await runFixtureChecks(python, mode, dir, fixture.smokePath, modules);
      return checked.ok ? undefined : `Python ${python.version} (${mode}) failed:\n${checked.output}`;
    });
    const failures = (await runLimited(jobs)).filter((f): f is string => f !== undefined);
    assert.deepEqual(failures, [], `${fixture.name} (${variant}):\n${failures.join('\n\n')}`);
  }

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      it('input builds, imports and passes its smoke script (proves the fixture)', function () {
        return buildAndCheck(this, fixture, 'input', fixture.input, fixture.moduleNames.map((name) => ({ name, onceGuard: false })));
      });

      if (fixture.converted.length === 0) return;
      it('converted output builds, imports, is multi-phase and passes its smoke script', function () {
        const run = convertText(fixture.input, fixture.lang);
        const refused = run.results.filter((r) => !r.ok).map((r) => `${r.module}: ${r.ok ? '' : describeRefusals(r.reasons)}`);
        assert.deepEqual(refused, [], 'converter refused');
        assert.notEqual(run.output, fixture.input, 'converter made no edit');
        return buildAndCheck(this, fixture, 'converted', run.output);
      });

      const keep = fixture.keepPython2;
      if (!keep) return;
      const convertKeeping = (): string => {
        const run = convertText(fixture.input, fixture.lang, { ...DEFAULT_CONVERSION_OPTIONS, keepPython2: true });
        assert.ok(run.results.every((r) => r.ok), 'converter refused');
        return run.output;
      };
      it('keepPython2 output builds, imports, is multi-phase and passes its smoke script', function () {
        return buildAndCheck(this, fixture, 'keep-python2', convertKeeping());
      });
      if (!keep.python2) return;
      it('keepPython2 output (and the input) build, import and pass the smoke script on Python 2.7', async function () {
        const python2 = discoverPython2();
        if (!python2) {
          if (process.env.MULTIPHASE_REQUIRE_ALL_PYTHONS === '1') throw new Error('no Python 2.7 under pyenv');
          console.warn(`WARNING: skipped: ${fixture.name} asks for Python 2.7, which pyenv here does not have`);
          this.skip();
        }
        const failures: string[] = [];
        for (const [variant, source] of [['input', fixture.input], ['keep-python2', convertKeeping()]] as const) {
          const dir = join(builds.path, fixture.name, `${variant}-py2`);
          // The fixture's own headers (a compat header beside it) are found as on 3.x.
          const built = await compileExtension({ source, lang: fixture.lang, moduleNames: fixture.moduleNames, dir, python: python2, includeDirs: [fixture.dir], defines: fixture.defines });
          if (!built.ok || built.output) failures.push(`${variant}: build ${built.ok ? 'warned' : 'failed'}:\n${built.output}`);
          else {
            const smoke = await runSmokeOnly(python2, dir, fixture.smokePath);
            if (!smoke.ok) failures.push(`${variant}: Python ${python2.version} failed:\n${smoke.output}`);
          }
        }
        assert.deepEqual(failures, []);
      });
    });
  }

  // Non-default options, end to end: each must still build on 3.8-3.13, and
  // the guard option must decide whether a second load is refused.
  const OPTION_CASES: { fixture: string; options: ConversionOptions; onceGuard: boolean }[] = [
    {
      fixture: 'static_type',
      options: { minimumPythonVersion: '3.8', gil: 'used', multipleInterpreters: 'per_interpreter_gil', reinitGuard: 'never', keepPython2: false },
      onceGuard: false,
    },
    {
      fixture: 'direct_return',
      options: { minimumPythonVersion: '3.9', gil: 'omit', multipleInterpreters: 'supported', reinitGuard: 'always', keepPython2: false },
      onceGuard: true,
    },
  ];
  for (const { fixture: name, options, onceGuard } of OPTION_CASES) {
    it(`${name} converted with ${JSON.stringify(options)} builds, imports and ${onceGuard ? 'refuses' : 'allows'} a second load`, function () {
      const fixture = loadFixture(name);
      const run = convertText(fixture.input, fixture.lang, options);
      assert.ok(run.results.every((r) => r.ok), 'converter refused');
      return buildAndCheck(this, fixture, `options-${name}`, run.output, fixture.converted.map((m) => ({ name: m.name, onceGuard })));
    });
  }
});
