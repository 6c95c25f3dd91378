// C embedded in documents (test-fixtures/embedded): each converts to its
// reviewed golden document, refuses what it must with the reason, converts
// nothing more the second time, and `multiphase fix` writes the same bytes
// (or nothing, with --no-docs / --no-python-strings). UPDATE_GOLDEN=1
// rewrites the golden files: review each diff.
import { describeRefusals } from '../../server/src/core/convert/refusalCatalogue';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeEmbeddedText, convertEmbeddedText } from '../../server/src/core/embedded/analyze';
import { initParser } from '../../server/src/core/parser';
import { loadEmbeddedFixtures } from '../support/embeddedFixtures';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const fixtures = loadEmbeddedFixtures();
const CLI = resolve(__dirname, '../../server/src/cli/main.ts');

function runFix(args: string[]): { status: number; stdout: string } {
  try {
    return { status: 0, stdout: execFileSync(process.execPath, ['--require', 'tsx/cjs', CLI, 'fix', ...args], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    return { status: err.status ?? -1, stdout: err.stdout ?? '' };
  }
}

describe('embedded C golden files', () => {
  before(() => initParser());

  it('covers a tutorial .rst, a Markdown README, a Python test helper, a #name# code generator and a helper assembling its module from several strings', () => {
    assert.deepEqual(fixtures.map((f) => f.ext).sort(), ['md', 'py', 'py', 'py', 'rst']);
    assert.ok(fixtures.some((f) => f.assemble), 'some fixture assembles its module at run time');
    assert.ok(fixtures.some((f) => f.modules.some((m) => m.refusal)), 'some fixture has a fragment or a split template');
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: converts and refuses the modules it lists, and gives the golden document`, () => {
      const analysis = analyzeEmbeddedText(fixture.input, fixture.kind);
      const converted = analysis.results.filter((r) => r.ok).map((r) => r.module);
      assert.deepEqual(converted.sort(), fixture.modules.filter((m) => !m.refusal).map((m) => m.name).sort(), 'modules converted');
      const refused = analysis.results.filter((r) => !r.ok);
      const expectedRefusals = fixture.modules.filter((m) => m.refusal);
      assert.equal(refused.length, expectedRefusals.length, `refusals: ${refused.map((r) => (r.ok ? '' : `${r.module}: ${describeRefusals(r.reasons)}`)).join(' | ')}`);
      for (const expected of expectedRefusals) {
        const match = refused.find((r) => !r.ok && r.module === expected.name && r.reasons.some((x) => x.code === expected.refusal));
        assert.ok(match, `no refusal of '${expected.name}' with [${expected.refusal}]`);
      }
      // Every refusal reaches the user as a finding at its place in the document.
      const unfixable = analysis.findings.filter((f) => f.code === 'single-phase-init' && !f.fixable);
      assert.equal(unfixable.length, expectedRefusals.length);
      for (const finding of analysis.findings) assert.ok(finding.span.start >= 0 && finding.span.end <= fixture.input.length && finding.span.start <= finding.span.end);

      const output = convertEmbeddedText(fixture.input, fixture.kind).text;
      if (UPDATE) {
        writeFileSync(fixture.expectedPath, output);
        return;
      }
      assert.equal(output, readFileSync(fixture.expectedPath, 'utf8'), `output differs from ${fixture.expectedPath}`);
    });

    it(`${fixture.name}: converting the golden document again changes nothing; only the refused fragments are still reported`, () => {
      const expected = readFileSync(fixture.expectedPath, 'utf8');
      const again = convertEmbeddedText(expected, fixture.kind);
      assert.equal(again.text, expected);
      assert.ok(again.results.every((r) => !r.ok), 'nothing is left to convert');
      const findings = analyzeEmbeddedText(expected, fixture.kind).findings.filter((f) => f.code === 'single-phase-init' || f.code === 'negative-m-size');
      assert.equal(findings.length, fixture.modules.filter((m) => m.refusal).length, findings.map((f) => f.message).join('\n'));
    });
  }

  it('`multiphase fix` writes the golden documents, and leaves them alone with --no-docs --no-python-strings', function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'multiphase-embedded-'));
    try {
      const copy = (): void => fixtures.forEach((f) => copyFileSync(f.inputPath, join(dir, `${f.name}.${f.ext}`)));
      copy();
      const off = runFix(['--no-docs', '--no-python-strings', dir]);
      assert.equal(off.status, 0, off.stdout);
      for (const f of fixtures) assert.equal(readFileSync(join(dir, `${f.name}.${f.ext}`), 'utf8'), f.input, `${f.name}: written although turned off`);
      const on = runFix([dir]);
      assert.equal(on.status, 1, 'exit 1: fragments and split templates are refused');
      assert.match(on.stdout, /tutorial_rst\.rst: greeter \(code block at line \d+\): converted/);
      for (const f of fixtures) assert.equal(readFileSync(join(dir, `${f.name}.${f.ext}`), 'utf8'), readFileSync(f.expectedPath, 'utf8'), `${f.name}: fix wrote something else than the golden file`);
      copy();
      const docsOnly = runFix(['--no-python-strings', dir]);
      assert.doesNotMatch(docsOnly.stdout, /\.py:/);
      assert.match(docsOnly.stdout, /readme_md\.md: fastsum/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
