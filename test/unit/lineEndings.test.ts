// Lone-CR line endings (classic Mac OS) where offsets meet lines: the line
// index, the parse (preprocessor lines end at a lone CR) and the edits of a
// conversion (their line ends are the file's own CRs).
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/core/analysis/buildModel';
import { convertModule } from '../../server/src/core/convert';
import { DEFAULT_CONVERSION_OPTIONS } from '../../server/src/core/convert/options';
import { initParser, parseText } from '../../server/src/core/parser';
import { LineIndex } from '../../server/src/core/text/lines';
import { loneCarriageReturns } from '../../server/src/core/text/lineEndings';
import { singlePhaseModule } from '../integration/lsp/sources';

describe('lone-CR line endings', () => {
  before(() => initParser());

  it('LineIndex ends a line at a lone CR, at CR LF once, and at LF', () => {
    const lines = new LineIndex('a\rbb\r\nc\nd');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual([0, 2, 6, 8].map((offset) => lines.positionAt(offset)), [0, 1, 2, 3].map((line) => ({ line, character: 0 })));
    assert.equal(lines.offsetAt({ line: 1, character: 1 }), 3);
  });

  it('classifies text by its lone CRs', () => {
    assert.deepEqual(['a\nb', 'a\r\nb', 'a\rb\r', 'a\rb\nc'].map(loneCarriageReturns), ['none', 'none', 'all', 'mixed']);
  });

  it("a module in a CR-only file is found and its conversion's edits write CRs, never LF", () => {
    const text = singlePhaseModule('spam').replace(/\n/g, '\r');
    const tree = parseText(text, 'c');
    const model = buildModel(text, tree, 'c');
    try {
      const module = model.modules.find((m) => m.name === 'spam');
      assert.ok(module?.def, 'the #define line does not swallow the file: the PyModuleDef is found');
      const result = convertModule(model, module, DEFAULT_CONVERSION_OPTIONS);
      assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.reasons));
      assert.ok(result.edits.some((edit) => edit.newText.includes('\r')));
      assert.ok(result.edits.every((edit) => !edit.newText.includes('\n')));
    } finally {
      model.dispose();
      tree.delete();
    }
  });
});
