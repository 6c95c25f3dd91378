// A converter failure must show as one: the result is marked, nothing is
// edited, and the golden and fuzz harness checks fail on it. Proved with a
// test double: a target check that throws.
import assert from 'node:assert/strict';
import { DEFAULT_STEPS, type ConversionSteps } from '../../../server/src/core/convert';
import { DEFAULT_CONVERSION_OPTIONS } from '../../../server/src/core/convert/options';
import type { TargetCheck } from '../../../server/src/core/convert/target';
import { initParser } from '../../../server/src/core/parser';
import { convertedFixtureProblems, convertText, refusedFixtureProblems } from '../../support/convertFixture';
import { loadFixture } from '../../support/fixtures';
import { checkText } from '../../support/fuzzCases';
import { moduleWith } from './helpers';

const THROWING: TargetCheck = {
  name: 'deliberately failing test double',
  needs: 'init',
  run() {
    throw new Error('deliberate failure');
  },
};
const FAILING: ConversionSteps = { checks: [...DEFAULT_STEPS.checks, THROWING] };
const SOURCE = moduleWith('    PyObject *m = PyModule_Create(&spam_def);\n    if (m == NULL)\n        return NULL;\n    return m;');

describe('conversion: internal errors', () => {
  before(() => initParser());

  it('marks a throwing step as an internal error with the internal-error code and no edit', () => {
    const run = convertText(SOURCE, 'c', DEFAULT_CONVERSION_OPTIONS, FAILING);
    assert.equal(run.output, SOURCE);
    const [result] = run.results;
    assert.ok(result && !result.ok);
    assert.equal(result.internalError?.message, 'deliberate failure');
    assert.match(result.internalError?.stack ?? '', /deliberate failure/);
    assert.deepEqual(result.reasons.map((r) => r.code), ['internal-error']);
  });

  it('the same source converts without the double (the double is what fails)', () => {
    const run = convertText(SOURCE, 'c');
    assert.ok(run.results.every((r) => r.ok));
  });

  it('the golden check of a converting fixture fails on an internal error', () => {
    const fixture = loadFixture('basic_methods');
    assert.deepEqual(convertedFixtureProblems(fixture, convertText(fixture.input, fixture.lang)), []);
    const problems = convertedFixtureProblems(fixture, convertText(fixture.input, fixture.lang, DEFAULT_CONVERSION_OPTIONS, FAILING));
    assert.ok(problems.some((p) => p.startsWith('internal error: ')), problems.join('\n'));
  });

  it('the golden check of a refusing fixture does not accept an internal error as its refusal', () => {
    const fixture = loadFixture('refuse_state_find');
    assert.deepEqual(refusedFixtureProblems(fixture, convertText(fixture.input, fixture.lang)), []);
    // No edit either way: only the internal-error mark tells a crash from caution.
    const problems = refusedFixtureProblems(fixture, convertText(fixture.input, fixture.lang, DEFAULT_CONVERSION_OPTIONS, FAILING));
    assert.ok(problems.some((p) => p.startsWith('internal error: ')), problems.join('\n'));
  });

  it('the fuzz check reports a failure when the converter throws', () => {
    assert.deepEqual(checkText(SOURCE, 'c', DEFAULT_CONVERSION_OPTIONS), []);
    const problems = checkText(SOURCE, 'c', DEFAULT_CONVERSION_OPTIONS, FAILING);
    assert.ok(problems.some((p) => /the converter failed: .*deliberate failure/s.test(p)), problems.join('\n'));
  });
});
