// The converter runs once per model, module and options: the rules' verdict
// and a code action on the same analysis share one conversion.
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/core/analysis/buildModel';
import { analyzeTree } from '../../../server/src/core/analyze';
import { conversionOf } from '../../../server/src/core/convert/memo';
import { DEFAULT_CONVERSION_OPTIONS } from '../../../server/src/core/convert/options';
import { initParser, parseText } from '../../../server/src/core/parser';
import { moduleWith } from './helpers';

describe('conversion memo', () => {
  before(() => initParser());

  it('gives the analysis and a later caller the same conversion of a module', () => {
    const source = moduleWith('    return PyModule_Create(&spam_def);\n');
    const tree = parseText(source, 'c');
    const { model, findings } = analyzeTree(source, tree, 'c', DEFAULT_CONVERSION_OPTIONS);
    try {
      assert.equal(findings.find((f) => f.code === 'single-phase-init')?.fixable, true);
      const module = model.modules.find((m) => m.phase === 'single')!;
      const first = conversionOf(model, module, { ...DEFAULT_CONVERSION_OPTIONS });
      assert.ok(first.ok);
      assert.equal(conversionOf(model, module, DEFAULT_CONVERSION_OPTIONS), first, 'equal options: the same result object');
      const other = conversionOf(model, module, { ...DEFAULT_CONVERSION_OPTIONS, minimumPythonVersion: '3.13' });
      assert.notEqual(other, first, 'other options: converted again');
    } finally {
      model.dispose();
      tree.delete();
    }
  });

  it('does not share conversions between two models of the same text', () => {
    const source = moduleWith('    return PyModule_Create(&spam_def);\n');
    const tree = parseText(source, 'c');
    const [a, b] = [buildModel(source, tree, 'c'), buildModel(source, tree, 'c')];
    try {
      const one = conversionOf(a, a.modules[0]!, DEFAULT_CONVERSION_OPTIONS);
      assert.notEqual(conversionOf(b, b.modules[0]!, DEFAULT_CONVERSION_OPTIONS), one);
    } finally {
      a.dispose();
      b.dispose();
      tree.delete();
    }
  });
});
