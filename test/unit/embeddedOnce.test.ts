// Embedded documents do each piece of work once: a document's regions are
// found once per version (the editor chooses grammars and analyses from the
// same list), and a region is parsed once for its conversion and its rules.
// Each shortcut must give what the long way gives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRules } from '../../server/src/core/analyze';
import { buildModel } from '../../server/src/core/analysis/buildModel';
import { convertFileText } from '../../server/src/core/convert/file';
import { DEFAULT_CONVERSION_OPTIONS } from '../../server/src/core/convert/options';
import { analyzeEmbeddedText } from '../../server/src/core/embedded/analyze';
import { DEFAULT_EMBEDDED_OPTIONS, hostRegions, type HostKind } from '../../server/src/core/embedded/hosts';
import { initParser, loadLanguage, parseText } from '../../server/src/core/parser';
import { analyzeHostText, EmbeddedDocument } from '../../server/src/lsp/embeddedDocuments';

const FIXTURES = join(__dirname, '..', '..', 'test-fixtures', 'embedded');
const DOCUMENTS: [string, HostKind][] = [
  ['tutorial_rst/input.rst', 'rst'],
  ['readme_md/input.md', 'md'],
  ['test_helper_py/input.py', 'py'],
  ['build_helper_py/input.py', 'py'],
  ['codegen_hash/input.py', 'py'],
];

describe('embedded documents: regions found once, regions parsed once', () => {
  before(async () => {
    await initParser();
    await loadLanguage('c');
    await loadLanguage('cpp');
  });

  for (const [file, kind] of DOCUMENTS) {
    it(`${file}: the analysis from regions found beforehand is the analysis that finds them`, () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const found = hostRegions(text, kind);
      assert.ok(found.regions.length > 0, 'the fixture has regions');
      assert.deepEqual(analyzeEmbeddedText(text, kind, DEFAULT_CONVERSION_OPTIONS, () => true, found), analyzeEmbeddedText(text, kind));
    });
  }

  it('an open document finds its regions once per version, and analyses them as the text alone would', () => {
    const text = readFileSync(join(FIXTURES, 'tutorial_rst/input.rst'), 'utf8');
    const document = new EmbeddedDocument('file:///t.rst', '/t.rst', 'rst', 1, text);
    const regions = document.regions;
    assert.equal(document.regions, regions);
    const analysed = document.analysis(0, DEFAULT_CONVERSION_OPTIONS, DEFAULT_EMBEDDED_OPTIONS).analysis;
    assert.deepEqual(analysed, analyzeHostText(text, 'rst', DEFAULT_CONVERSION_OPTIONS, DEFAULT_EMBEDDED_OPTIONS));
    assert.ok(analysed.findings.length > 0);
    document.forget();
    assert.equal(document.regions, regions, 'a grammar loading does not change the regions');
    document.update([{ text: 'Nothing here.\n' }], 2);
    assert.notEqual(document.regions, regions);
    assert.deepEqual(document.regions, { regions: [], unreadable: [] });
    assert.deepEqual(document.analysis(0, DEFAULT_CONVERSION_OPTIONS, DEFAULT_EMBEDDED_OPTIONS).analysis.findings, []);
  });

  it('turned off, a kind is not analysed even with its regions at hand', () => {
    const text = readFileSync(join(FIXTURES, 'test_helper_py/input.py'), 'utf8');
    const off = { ...DEFAULT_EMBEDDED_OPTIONS, pythonStrings: false };
    assert.equal(analyzeHostText(text, 'py', DEFAULT_CONVERSION_OPTIONS, off, hostRegions(text, 'py')).findings.length, 0);
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
