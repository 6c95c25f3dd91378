// The server's live analysis must say exactly what core's analyzeTree says
// whenever it asks the converter itself: checked on every check fixture, so
// the two cannot drift apart.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTree } from '../../../server/src/core/analyze';
import { DEFAULT_CONVERSION_OPTIONS } from '../../../server/src/core/convert/options';
import { languageForPath } from '../../../server/src/core/grammars';
import { initParser, parseText } from '../../../server/src/core/parser';
import { analyzeLive, type VerdictCache } from '../../../server/src/lsp/liveAnalysis';
import { REPO_ROOT } from '../../support/lspClient';

const FIXTURES = join(REPO_ROOT, 'test-fixtures', 'check');

describe('LSP: live analysis agrees with analyzeTree', () => {
  before(() => initParser());

  const files = readdirSync(FIXTURES).filter((name) => languageForPath(name));
  it('has fixtures to compare', () => assert.ok(files.length >= 10, `${files.length} fixtures`));

  for (const name of files) {
    it(name, () => {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      const lang = languageForPath(name)!;
      const tree = parseText(text, lang);
      try {
        const core = analyzeTree(text, tree, lang, DEFAULT_CONVERSION_OPTIONS);
        // The live analysis leaves the module state (hover and check --format json only) off its findings.
        const expected = core.findings.map(({ state: _state, ...rest }) => rest);
        const verdicts: VerdictCache = new Map();
        const live = analyzeLive(text, tree, lang, DEFAULT_CONVERSION_OPTIONS, null, verdicts);
        assert.equal(live.exact, true);
        assert.deepEqual(live.findings, expected);
        // Remembering those verdicts gives the same findings again, flagged as not exact.
        const again = analyzeLive(text, tree, lang, DEFAULT_CONVERSION_OPTIONS, verdicts, new Map());
        assert.deepEqual(again.findings, expected);
        assert.equal(again.exact, verdicts.size === 0);
        core.model.dispose();
        live.model.dispose();
        again.model.dispose();
      } finally {
        tree.delete();
      }
    });
  }
});
