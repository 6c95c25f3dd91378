// The parsing baseline: `node bench/parseAll.cjs LIST` parses every file
// named in LIST (one path a line) with plain web-tree-sitter, the grammar
// chosen by suffix, and prints how many it parsed. The bench times it as a
// whole process beside `multiphase check` on the same files.
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Parser, Language } = require('web-tree-sitter');

const grammar = (name) => join(dirname(require.resolve(`${name}/package.json`)), `${name}.wasm`);
const CPP = /\.(cc|cpp|cxx|hpp|hh|hxx)$/i;

(async () => {
  const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  await Parser.init();
  const parsers = {};
  const parserFor = async (lang) => {
    if (!parsers[lang]) {
      parsers[lang] = new Parser();
      parsers[lang].setLanguage(await Language.load(grammar(lang === 'cpp' ? 'tree-sitter-cpp' : 'tree-sitter-c')));
    }
    return parsers[lang];
  };
  let parsed = 0;
  for (const file of files) {
    const parser = await parserFor(CPP.test(file) ? 'cpp' : 'c');
    const tree = parser.parse(readFileSync(file, 'utf8'));
    if (tree) parsed++;
    tree?.delete();
  }
  process.stdout.write(`${parsed}\n`);
})();
