// Converts every fixture under test-fixtures/convert and compares with its
// reviewed golden output; refusal fixtures must come back untouched with
// their reason. UPDATE_GOLDEN=1 rewrites the golden files: review each diff.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { CONVERTED_MUST_NOT_REPORT, convertedFixtureProblems, convertText, initParser, internalErrorsOf, reanalyze, refusedFixtureProblems } from '../support/convertFixture';
import { loadFixtures } from '../support/fixtures';
import { DEFAULT_CONVERSION_OPTIONS } from '../../server/src/core/convert/options';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const fixtures = loadFixtures();

describe('conversion golden files', () => {
  before(() => initParser());

  it('has at least 20 converting fixtures and several refusing ones', () => {
    assert.ok(fixtures.filter((f) => f.converted.length > 0).length >= 20);
    assert.ok(fixtures.filter((f) => f.refused.length > 0).length >= 3);
  });

  it('CRLF fixtures still have CRLF bytes, and their conversion adds no bare LF', () => {
    const crlf = fixtures.filter((f) => f.name.startsWith('crlf_'));
    assert.ok(crlf.length > 0);
    for (const fixture of crlf) {
      // A checkout that normalised line endings would make the golden test
      // pass vacuously; .gitattributes marks these files -text.
      assert.doesNotMatch(fixture.input, /(?<!\r)\n/, `${fixture.name}/input has LF-only lines`);
      assert.doesNotMatch(convertText(fixture.input, fixture.lang).output, /(?<!\r)\n/, `${fixture.name}: conversion wrote LF-only lines`);
    }
  });

  it('lone-CR fixtures (classic Mac OS) have no LF at all, and neither has their conversion', () => {
    const cr = fixtures.filter((f) => f.name.startsWith('cr_'));
    assert.ok(cr.length > 0);
    for (const fixture of cr) {
      assert.ok(fixture.input.includes('\r') && !fixture.input.includes('\n'), `${fixture.name}/input must end its lines in lone CRs`);
      const output = convertText(fixture.input, fixture.lang).output;
      assert.notEqual(output, fixture.input, `${fixture.name}: converted`);
      assert.ok(!output.includes('\n'), `${fixture.name}: conversion wrote an LF`);
    }
  });

  it('`multiphase fix` writes exactly the golden files and leaves refused modules alone', function () {
    if (UPDATE) this.skip();
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'multiphase-fix-'));
    try {
      for (const f of fixtures) copyFileSync(f.inputPath, join(dir, `${f.name}.${f.lang}`));
      const cli = resolve(__dirname, '../../server/src/cli/main.ts');
      let status = 0;
      try {
        execFileSync(process.execPath, ['--require', 'tsx/cjs', cli, 'fix', dir], { stdio: 'pipe' });
      } catch (e) {
        status = (e as { status?: number }).status ?? -1;
      }
      assert.equal(status, 1, 'exit 1: something was refused');
      for (const f of fixtures) {
        const written = readFileSync(join(dir, `${f.name}.${f.lang}`), 'utf8');
        const expected = f.refused.length > 0 ? f.input : readFileSync(f.expectedPath, 'utf8');
        assert.equal(written, expected, `${f.name}: multiphase fix wrote something else than ${f.refused.length > 0 ? 'the unchanged input' : 'the golden file'}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const fixture of fixtures) {
    const where = relative(process.cwd(), fixture.expectedPath);

    if (fixture.refused.length > 0) {
      it(`${fixture.name}: refused with a reason and no edit`, () => {
        const run = convertText(fixture.input, fixture.lang);
        assert.deepEqual(refusedFixtureProblems(fixture, run), []);
        // The reason reaches the user through the single-phase-init finding.
        const findings = reanalyze(fixture.input, fixture.lang).findings.filter((f) => f.code === 'single-phase-init');
        for (const expected of fixture.refused) {
          const finding = findings.find((f) => f.module === expected.name);
          assert.ok(finding, `no single-phase-init finding for '${expected.name}'`);
          assert.equal(finding.fixable, false);
          assert.ok(finding.refusal && finding.refusal.length > 0, 'the finding carries the refusal');
        }
      });
      continue;
    }

    it(`${fixture.name}: converts to the golden output`, () => {
      const run = convertText(fixture.input, fixture.lang);
      assert.deepEqual(convertedFixtureProblems(fixture, run), []);
      if (UPDATE) {
        writeFileSync(fixture.expectedPath, run.output);
        return;
      }
      assert.ok(existsSync(fixture.expectedPath), `no golden file ${where}: run with UPDATE_GOLDEN=1 and review it`);
      // Byte comparison: line endings and the final newline are part of it.
      assert.equal(run.output, readFileSync(fixture.expectedPath, 'utf8'), `output differs from ${where}`);
    });

    const keep = fixture.keepPython2;
    if (keep) {
      it(`${fixture.name}: converts with keepPython2 to its golden output`, () => {
        const run = convertText(fixture.input, fixture.lang, { ...DEFAULT_CONVERSION_OPTIONS, keepPython2: true });
        assert.deepEqual(convertedFixtureProblems(fixture, run), []);
        if (UPDATE) {
          writeFileSync(keep.expectedPath, run.output);
          return;
        }
        assert.ok(existsSync(keep.expectedPath), `no golden file ${relative(process.cwd(), keep.expectedPath)}: run with UPDATE_GOLDEN=1 and review it`);
        assert.equal(run.output, readFileSync(keep.expectedPath, 'utf8'), `output differs from ${relative(process.cwd(), keep.expectedPath)}`);
      });
    }

    it(`${fixture.name}: converting again changes nothing and the module re-checks clean`, () => {
      const once = convertText(fixture.input, fixture.lang).output;
      const twice = convertText(once, fixture.lang);
      assert.deepEqual(internalErrorsOf(twice), []);
      assert.equal(twice.output, once, 'second conversion edited the converted text');
      assert.deepEqual(twice.results, [], 'no single-phase module is left to convert');
      const after = reanalyze(once, fixture.lang);
      for (const expected of fixture.converted) {
        const module = after.modules.find((m) => m.name === expected.name);
        assert.ok(module, `re-analysis lost module '${expected.name}'`);
        assert.equal(module.phase, 'multi', `'${expected.name}' is still single-phase`);
      }
      const leftovers = after.findings.filter((f) => CONVERTED_MUST_NOT_REPORT.includes(f.code));
      assert.deepEqual(leftovers.map((f) => `${f.code}: ${f.message}`), [], 'findings left after conversion');
    });
  }
});
