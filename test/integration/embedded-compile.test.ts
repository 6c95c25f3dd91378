// The C of the embedded fixtures, built and imported like the .c fixtures:
// each complete module is taken out of its document (placeholders filled as
// the generator would), compiled with -Wall -Werror for every CPython
// 3.8-3.13, and run through the fixture runner with the fixture's smoke
// script, before conversion (single-phase) and after (multi-phase). A
// fixture whose module is assembled at run time is also run through the
// behaviour tier's observations, original against converted.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { initParser } from '../../server/src/core/parser';
import { compileExtension, runFixtureChecks, runLimited, suiteBuildRoot } from '../support/build';
import { assembleModules, extractModules, loadEmbeddedFixtures, type EmbeddedFixture } from '../support/embeddedFixtures';
import { assertInterpreters, discoverPythons, type PythonInstall } from '../support/pythons';

const fixtures = loadEmbeddedFixtures();
const BEHAVIOUR_RUNNER = join(__dirname, '../support/behaviour_runner.py');

describe('embedded C: compile and import on every CPython', function () {
  this.timeout(300_000);
  let pythons: PythonInstall[] = [];
  const builds = suiteBuildRoot('multiphase-embedded-build-');

  before(async () => {
    await initParser();
    pythons = discoverPythons();
    assertInterpreters(pythons);
  });

  async function buildAndCheck(fixture: EmbeddedFixture, variant: 'input' | 'converted', text: string, path: string): Promise<void> {
    const converted = fixture.modules.filter((m) => !m.refusal);
    let modules;
    let expectations;
    if (fixture.assemble) {
      // The document builds its modules at run time: run it, as its tests would, up to the compiler.
      modules = assembleModules(fixture, path, pythons[pythons.length - 1]!.executable);
      expectations = modules.map((m) => ({ name: m.name, onceGuard: false }));
    } else {
      modules = extractModules(text, fixture.kind, fixture.fill);
      assert.equal(modules.length, converted.length, `modules taken out of the ${variant} document: ${modules.map((m) => m.name).join(', ')}`);
      expectations = modules.map((m, i) => ({ name: m.name, onceGuard: variant === 'converted' && Boolean(converted[i]!.onceGuard) }));
    }
    const jobs = pythons.map((python) => async (): Promise<string | undefined> => {
      const dir = join(builds.path, fixture.name, variant, python.version);
      mkdirSync(dir, { recursive: true });
      for (const module of modules) {
        // Each block is a file of its own (they may share static names): one build each, gathered in one folder.
        const part = join(dir, 'parts', module.name);
        const built = await compileExtension({ source: module.source, lang: module.lang, moduleNames: [module.name], dir: part, python });
        if (!built.ok || built.output) return `${module.name}: build ${built.ok ? 'warned' : 'failed'}:\n${built.output}`;
        symlinkSync(join(part, `${module.name}${python.extSuffix}`), join(dir, `${module.name}${python.extSuffix}`));
      }
      const checked = await runFixtureChecks(python, variant === 'input' ? 'single' : 'multi', dir, fixture.smokePath, expectations);
      return checked.ok ? undefined : `Python ${python.version} (${variant}) failed:\n${checked.output}`;
    });
    const failures = (await runLimited(jobs)).filter((f): f is string => f !== undefined);
    assert.deepEqual(failures, [], `${fixture.name} (${variant}):\n${failures.join('\n\n')}`);
  }

  /** What the behaviour tier's runner sees of one build (import, re-import, legacy and isolated subinterpreters). */
  function observe(python: PythonInstall, scenario: 'main' | 'sub-first', dir: string, fixture: EmbeddedFixture): Promise<string> {
    return new Promise((resolve) => {
      execFile(python.executable, ['-X', 'faulthandler', BEHAVIOUR_RUNNER, scenario, dir, fixture.smokePath, JSON.stringify(fixture.assemble)], { timeout: 60_000 }, (error, stdout) => {
        resolve(error ? `${stdout}\ndied: ${error.signal ?? error.code ?? error.message}` : stdout);
      });
    });
  }

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      it('the C of the input document builds, imports and passes the smoke script', () => buildAndCheck(fixture, 'input', fixture.input, fixture.inputPath));
      it('the C of the golden (converted) document builds, imports, is multi-phase and passes the smoke script', () =>
        buildAndCheck(fixture, 'converted', readFileSync(fixture.expectedPath, 'utf8'), fixture.expectedPath));
      // A template with caller code is replayed (m_size -1, state unseen): nothing of what the runner sees may differ.
      if (fixture.assemble) {
        it('the converted module behaves as the input one (import, re-import, legacy and isolated subinterpreters) on 3.8, 3.12, 3.13', async () => {
          const chosen = pythons.filter((p) => /^3\.(8|12|13)\./.test(p.version));
          for (const python of chosen) {
            for (const scenario of ['main', 'sub-first'] as const) {
              const original = await observe(python, scenario, join(builds.path, fixture.name, 'input', python.version), fixture);
              const converted = await observe(python, scenario, join(builds.path, fixture.name, 'converted', python.version), fixture);
              assert.ok(original.includes('"finished"') && (scenario === 'sub-first' || original.includes('"re-import shares the first import\'s functions", "value": true')), `${python.version} ${scenario}: ${original}`);
              assert.equal(converted, original, `Python ${python.version}, ${scenario}`);
            }
          }
        });
      }
    });
  }
});
