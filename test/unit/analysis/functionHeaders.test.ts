// collectFunctions remembers what it read of an open document (FunctionMemo):
// header facts by header text, and, after an edit inside one function body,
// the previous function list shifted instead of a walk of the whole tree.
// What it returns must be exactly what a fresh collection of the same tree
// gives, wherever the functions moved and whatever the edit did.
import assert from 'node:assert/strict';
import type { Edit, Tree } from 'web-tree-sitter';
import { FunctionMemo } from '../../../server/src/core/analysis/functionMemo';
import { collectFunctions, functionInfo } from '../../../server/src/core/analysis/functions';
import type { FunctionInfo } from '../../../server/src/core/model';
import { initParser, parseText } from '../../../server/src/core/parser';
import { LineIndex } from '../../../server/src/core/text/lines';
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

interface Facts {
  name: string;
  span: FunctionInfo['span'];
  nameSpan: FunctionInfo['nameSpan'];
  firstParam?: string;
  node: [number, number];
  body: [number, number];
}

const facts = (info: FunctionInfo): Facts => ({ name: info.name, span: info.span, nameSpan: info.nameSpan, firstParam: info.firstParam, node: [info.node.startIndex, info.node.endIndex], body: [info.body.startIndex, info.body.endIndex] });

/** A document as the server keeps it: its text, its tree and its memo. */
class Doc {
  text: string;
  tree: Tree;
  readonly memo = new FunctionMemo();

  constructor(text: string) {
    this.text = text;
    this.tree = parseText(text, 'c');
  }

  /** Replace text[start, end) the way OpenDocument.update does: tree.edit, incremental parse, changed ranges. */
  edit(start: number, end: number, insert: string): void {
    const lines = new LineIndex(this.text);
    const at = (offset: number, l: LineIndex): { row: number; column: number } => {
      const p = l.positionAt(offset);
      return { row: p.line, column: p.character };
    };
    const next = this.text.slice(0, start) + insert + this.text.slice(end);
    const edit: Edit = { startIndex: start, oldEndIndex: end, newEndIndex: start + insert.length, startPosition: at(start, lines), oldEndPosition: at(end, lines), newEndPosition: at(start + insert.length, new LineIndex(next)) };
    this.tree.edit(edit);
    const tree = parseText(next, 'c', this.tree);
    this.memo.noteEdit([edit], this.tree.getChangedRanges(tree));
    this.tree.delete();
    this.tree = tree;
    this.text = next;
  }

  /** Collected with the memo, and afresh without it (they must agree); `walked`: the memo walked the tree. */
  both(): { remembered: Facts[]; fresh: Facts[]; walked: boolean } {
    const walk = this.tree.walk.bind(this.tree);
    let walked = false;
    this.tree.walk = () => ((walked = true), walk());
    const remembered = collectFunctions(this.tree, 'c', this.text, this.memo).map(facts);
    this.tree.walk = walk;
    const fresh = collectFunctions(this.tree, 'c', this.text).map(facts);
    return { remembered, fresh, walked };
  }
}

describe('collectFunctions with a FunctionMemo', () => {
  before(() => initParser());

  it('gives what the tree says, read twice, and each header is read once', () => {
    const doc = new Doc(SOURCE);
    const first = doc.both();
    assert.deepEqual(first.remembered, first.fresh);
    assert.deepEqual(first.remembered.map((f) => f.name), ['spam_twice', 'PyInit_spam', 'add_pair', 'lookup_handler']);
    assert.equal(doc.memo.headers.size, 4);
    const tree = parseText(SOURCE, 'c');
    const again = collectFunctions(tree, 'c', SOURCE, doc.memo).map(facts);
    tree.delete();
    assert.deepEqual(again, first.fresh);
    assert.equal(doc.memo.headers.size, 4);
  });

  it('typing inside a body: the list is shifted, and equals a fresh collection', () => {
    const doc = new Doc(SOURCE);
    doc.both();
    const inBody = doc.text.indexOf('return (pair[0]');
    for (const [i, ch] of [...'int extra = 1;\n    '].entries()) {
      doc.edit(inBody + i, inBody + i, ch);
      const { remembered, fresh, walked } = doc.both();
      assert.deepEqual(remembered, fresh, `after typing ${i + 1} characters`);
      assert.equal(walked, false, 'the previous list was shifted, not re-read');
    }
  });

  it('an edit that moves a body end, or one in a header, falls back to a full collection with the same answer', () => {
    const doc = new Doc(SOURCE);
    doc.both();
    const inBody = doc.text.indexOf('return (pair[0]');
    doc.edit(inBody, inBody, '}\nstatic int stray(void) {\n');
    let { remembered, fresh, walked } = doc.both();
    assert.deepEqual(remembered, fresh);
    assert.equal(walked, true);
    assert.ok(fresh.some((f) => f.name === 'stray'), 'the new function is found');
    const header = doc.text.indexOf('add_pair(');
    doc.edit(header, header + 'add_pair'.length, 'add_pairs');
    ({ remembered, fresh, walked } = doc.both());
    assert.deepEqual(remembered, fresh);
    assert.equal(walked, true);
    assert.ok(fresh.some((f) => f.name === 'add_pairs'));
    // The facts equal a direct read through the tree.
    const tree = doc.tree;
    const direct = collectFunctions(tree, 'c', doc.text).map((f) => facts(functionInfo(f.node, f.body, false)!));
    assert.deepEqual(fresh, direct);
  });
});
