// The raw-byte prefilter searches a short piece of each word first (faster in
// Buffer search) and the word itself only where the piece occurs: its answer
// must be exactly "does any word occur", on every fixture and on bytes built
// to hold a piece without its word.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDED_WORDS } from '../../server/src/core/embedded/hosts';
import { PREFILTER_WORDS, quickPiece, wordTests } from '../../server/src/core/prefilter';

const FIXTURES = join(__dirname, '..', '..', 'test-fixtures');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const naive = (words: readonly string[], content: Buffer): boolean => words.some((w) => content.includes(Buffer.from(w, 'latin1')));

describe('prefilter on raw bytes', () => {
  const wordSets: [string, readonly string[]][] = [
    ['the rules', PREFILTER_WORDS],
    ['embedded C', EMBEDDED_WORDS],
  ];

  it('searches a piece of at most 6 bytes that each word contains, without a leading Py', () => {
    for (const word of EMBEDDED_WORDS) {
      const piece = quickPiece(word);
      assert.ok(word.includes(piece) && piece.length <= 6 && !piece.startsWith('P'), `${word} -> ${piece}`);
    }
  });

  for (const [label, words] of wordSets) {
    it(`answers as a search for every word would, on every fixture (${label})`, () => {
      const { inBytes } = wordTests(words);
      const files = filesUnder(FIXTURES);
      assert.ok(files.length > 50);
      let yes = 0;
      for (const file of files) {
        const content = readFileSync(file);
        assert.equal(inBytes(content), naive(words, content), file);
        if (naive(words, content)) yes++;
      }
      assert.ok(yes > 0 && yes < files.length, 'the fixtures hold files of both kinds');
    });

    it(`says no for bytes holding only the pieces, and yes for each word at either end (${label})`, () => {
      const { inBytes } = wordTests(words);
      const pieces = words.map(quickPiece).join(' x_');
      assert.equal(inBytes(Buffer.from(`int ${pieces};\n`, 'latin1')), false);
      for (const word of words) {
        assert.equal(inBytes(Buffer.from(`${word} ${pieces}`, 'latin1')), true, word);
        assert.equal(inBytes(Buffer.from(`${pieces} ${word}`, 'latin1')), true, word);
      }
      assert.equal(inBytes(Buffer.alloc(0)), false);
    });
  }
});
