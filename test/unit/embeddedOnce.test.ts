// Embedded documents do each piece of work once: a region is parsed once
// for its conversion and its rules. Each shortcut must give what the long
// way gives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRules } from '../../server/src/core/analyze';
import { buildModel } from '../../server/src/core/analysis/buildModel';
import { convertFileText } from '../../server/src/core/convert/file';
import { DEFAULT_CONVERSION_OPTIONS } from '../../server/src/core/convert/options';
import { hostRegions } from '../../server/src/core/embedded/hosts';
import { initParser, loadLanguage, parseText } from '../../server/src/core/parser';

const FIXTURES = join(__dirname, '..', '..', 'test-fixtures', 'embedded');
describe('embedded documents: regions parsed once', () => {
  before(async () => {
    await initParser();
    await loadLanguage('c');
    await loadLanguage('cpp');
  });

  it('a region converted on the model its rules read gives the same conversion and findings as two parses', () => {
    let converted = 0;
    for (const region of hostRegions(readFileSync(join(FIXTURES, 'tutorial_rst/input.rst'), 'utf8'), 'rst').regions) {
      const alone = convertFileText(region.text, region.lang, DEFAULT_CONVERSION_OPTIONS);
      converted += alone.results.filter((r) => r.ok).length;
      const freshTree = parseText(region.text, region.lang);
      const fresh = buildModel(region.text, freshTree, region.lang);
      const tree = parseText(region.text, region.lang);
      const model = buildModel(region.text, tree, region.lang);
      try {
        assert.deepEqual(convertFileText(region.text, region.lang, DEFAULT_CONVERSION_OPTIONS, model), alone);
        const none = (): [] => [];
        assert.deepEqual(runRules(model, none, DEFAULT_CONVERSION_OPTIONS), runRules(fresh, none, DEFAULT_CONVERSION_OPTIONS));
        assert.ok(model.tree.rootNode.text.length > 0, 'the caller\'s tree is still alive after the conversion');
      } finally {
        model.dispose();
        tree.delete();
        fresh.dispose();
        freshTree.delete();
      }
    }
    assert.ok(converted > 0, 'some region converts, so the converter read the shared model');
  });
});
