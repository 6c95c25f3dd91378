// Tokenises C and C++ through vscode-textmate with the injection grammar
// wired the way package.json tells VS Code to wire it (contributes.grammars
// injectTo), and checks the scopes of the module-init names.
//
// The base grammars are tiny stand-ins for source.c / source.cpp (VS Code's
// real ones are not an npm package): they know comments and strings and
// nothing else, so every PEP 489 scope seen below comes from the injection.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IRawGrammar } from 'vscode-textmate';

const root = join(__dirname, '..', '..');

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

function contributedGrammars(): GrammarContribution[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes?: { grammars?: GrammarContribution[] } };
  return manifest.contributes?.grammars ?? [];
}

function stubBaseGrammar(scopeName: string): IRawGrammar {
  const suffix = scopeName.split('.').pop();
  const stub = {
    scopeName,
    patterns: [
      { begin: '/\\*', end: '\\*/', name: `comment.block.${suffix}` },
      { match: '//.*$', name: `comment.line.double-slash.${suffix}` },
      { begin: '"', end: '"', name: `string.quoted.double.${suffix}`, patterns: [{ match: '\\\\.', name: `constant.character.escape.${suffix}` }] },
    ],
  };
  return parseRawGrammar(JSON.stringify(stub), `${scopeName}.json`);
}

async function createRegistry(): Promise<Registry> {
  const wasm = readFileSync(join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammars = contributedGrammars();
  return new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const contribution = grammars.find((grammar) => grammar.scopeName === scopeName);
      if (contribution) return parseRawGrammar(readFileSync(join(root, contribution.path), 'utf8'), contribution.path);
      if (scopeName === 'source.c' || scopeName === 'source.cpp') return stubBaseGrammar(scopeName);
      return null;
    },
    // What VS Code does with `injectTo`: offer the injection to those scopes.
    getInjections: (scopeName) => grammars.filter((grammar) => grammar.injectTo?.includes(scopeName)).map((grammar) => grammar.scopeName),
  });
}

/** The scopes of every occurrence of `word` in `source`, one list per occurrence. */
function scopesOf(grammar: IGrammar, source: string, word: string): string[][] {
  const found: string[][] = [];
  let state = INITIAL;
  for (const line of source.split('\n')) {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
    state = ruleStack;
    for (const token of tokens) {
      if (line.slice(token.startIndex, token.endIndex) === word) found.push(token.scopes);
    }
  }
  return found;
}

const SAMPLE = `
static PyModuleDef_Slot spam_slots[] = {
    {Py_mod_exec, spam_exec},
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};
static struct PyModuleDef spam_def = { PyModuleDef_HEAD_INIT, "spam", NULL, 0, NULL, spam_slots };
PyMODINIT_FUNC PyInit_spam(void) { return PyModuleDef_Init(&spam_def); }
PyMODINIT_FUNC PyInit_old(void) { return PyModule_Create(&old_def); }
PyObject *m2 = PyModule_Create2(&old_def, PYTHON_API_VERSION);
int used = Py_MOD_GIL_USED;
/* PyModule_Create in a comment stays a comment */
const char *text = "Py_mod_gil in a string stays a string";
`;

describe('PEP 489 injection grammar', () => {
  let c: IGrammar;
  let cpp: IGrammar;

  before(async () => {
    const registry = await createRegistry();
    const loadedC = await registry.loadGrammar('source.c');
    const loadedCpp = await registry.loadGrammar('source.cpp');
    assert.ok(loadedC && loadedCpp, 'base grammars load');
    c = loadedC;
    cpp = loadedCpp;
  });

  it('is contributed as an injection into source.c and source.cpp', () => {
    const injection = contributedGrammars().find((grammar) => grammar.injectTo);
    assert.ok(injection, 'package.json contributes an injection grammar');
    assert.deepEqual([...(injection.injectTo ?? [])].sort(), ['source.c', 'source.cpp']);
  });

  const expectations: Array<[word: string, scope: string]> = [
    ['Py_mod_exec', 'support.constant.slot-id.pep489.c'],
    ['Py_mod_multiple_interpreters', 'support.constant.slot-id.pep489.c'],
    ['Py_mod_gil', 'support.constant.slot-id.pep489.c'],
    ['Py_MOD_PER_INTERPRETER_GIL_SUPPORTED', 'support.constant.slot-value.pep489.c'],
    ['Py_MOD_GIL_NOT_USED', 'support.constant.slot-value.pep489.c'],
    ['Py_MOD_GIL_USED', 'support.constant.slot-value.pep489.c'],
    ['PyModuleDef_HEAD_INIT', 'support.constant.module-def-head.pep489.c'],
    ['PyModuleDef_Init', 'support.function.module-init.pep489.c'],
    ['PyModule_Create', 'support.function.module-init.pep489.c'],
    ['PyModule_Create2', 'support.function.module-init.pep489.c'],
    ['PyModuleDef_Slot', 'support.type.module-def.pep489.c'],
    ['PyModuleDef', 'support.type.module-def.pep489.c'],
  ];

  for (const [language, pick] of [['C', () => c], ['C++', () => cpp]] as const) {
    for (const [word, scope] of expectations) {
      it(`${language}: ${word} is ${scope}`, () => {
        const occurrences = scopesOf(pick(), SAMPLE, word);
        assert.ok(occurrences.length > 0, `${word} is a token of its own`);
        for (const scopes of occurrences) assert.equal(scopes.at(-1), scope, `scopes of ${word}: ${scopes.join(' ')}`);
      });
    }
  }

  it('leaves comments and strings alone', () => {
    const comment = c.tokenizeLine('/* PyModule_Create in a comment */', INITIAL).tokens.map((token) => token.scopes.join(' '));
    assert.ok(comment.every((scopes) => !scopes.includes('pep489')), comment.join(' | '));
    const string = cpp.tokenizeLine('const char *s = "Py_mod_gil Py_MOD_GIL_USED";', INITIAL).tokens.map((token) => token.scopes.join(' '));
    assert.ok(string.every((scopes) => !scopes.includes('pep489')), string.join(' | '));
  });

  it('matches whole identifiers only', () => {
    const line = 'PyModuleDef_Init_helper(x); MyPy_mod_exec = 1; PyModule_Createx();';
    const tokens = c.tokenizeLine(line, INITIAL).tokens;
    assert.ok(tokens.every((token) => !token.scopes.some((scope) => scope.includes('pep489'))), 'no partial-identifier matches');
  });
});
