// collectFunctions remembers what each header says by its text, so typing in
// a large file does not re-read two thousand headers per keystroke. What it
// returns must be exactly what reading the headers through the tree gives,
// wherever the functions moved and whichever header changed.
import assert from 'node:assert/strict';
import { collectFunctions, functionInfo, type HeaderCache } from '../../../server/src/core/analysis/functions';
import type { FunctionInfo } from '../../../server/src/core/model';
import { initParser, parseText } from '../../../server/src/core/parser';
import { singlePhaseModule } from '../../integration/lsp/sources';

const SOURCE = `${singlePhaseModule('spam')}
static int
add_pair(const int *pair, int scale)
{
    return (pair[0] + pair[1]) * scale;
}

static PyObject *
lookup_handler(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return Py_NewRef(module);
}
`;

type Facts = Pick<FunctionInfo, 'name' | 'span' | 'nameSpan' | 'firstParam'>;

const facts = (info: FunctionInfo): Facts => ({ name: info.name, span: info.span, nameSpan: info.nameSpan, firstParam: info.firstParam });

/** One document's remembered headers, shared by every analysis in this file. */
const headers: HeaderCache = new Map();

/** Every function twice: as collected (remembered headers) and read afresh through the tree. */
function collectAndReread(text: string): { collected: Facts[]; reread: Facts[] } {
  const tree = parseText(text, 'c');
  try {
    const collected = collectFunctions(tree, 'c', text, headers);
    const reread = collected.map((fn) => functionInfo(fn.node, fn.body, false)!);
    return { collected: collected.map(facts), reread: reread.map(facts) };
  } finally {
    tree.delete();
  }
}

describe('collectFunctions with remembered headers', () => {
  before(() => initParser());

  it('gives what the tree says, for the same text read twice', () => {
    const first = collectAndReread(SOURCE);
    assert.deepEqual(first.collected, first.reread);
    assert.deepEqual(first.collected.map((f) => f.name), ['spam_twice', 'PyInit_spam', 'add_pair', 'lookup_handler']);
    assert.equal(headers.size, 4, 'each header read once');
    assert.deepEqual(collectAndReread(SOURCE), first);
    assert.equal(headers.size, 4);
  });

  it('moves spans with the text when lines are inserted above', () => {
    const { collected, reread } = collectAndReread(`/* a new comment */\nstatic int counter;\n${SOURCE}`);
    assert.deepEqual(collected, reread);
    const shifted = collectAndReread(SOURCE).collected.map((f) => f.nameSpan.start + '/* a new comment */\nstatic int counter;\n'.length);
    assert.deepEqual(collected.map((f) => f.nameSpan.start), shifted);
  });

  it('reads a changed header again: a renamed function and a renamed first parameter', () => {
    collectAndReread(SOURCE);
    const edited = SOURCE.replace('add_pair(const int *pair, int scale)', 'add_pairs(const int *pairs, int scale)');
    const { collected, reread } = collectAndReread(edited);
    assert.deepEqual(collected, reread);
    assert.deepEqual(collected.find((f) => f.name === 'add_pairs')?.firstParam, 'pairs');
    assert.ok(!collected.some((f) => f.name === 'add_pair'));
  });
});
