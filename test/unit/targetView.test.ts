import assert from 'node:assert/strict';
import { codeMask } from '../../server/src/core/text/codeMask';
import { evaluateCondition } from '../../server/src/core/text/conditions';
import { balancedWithin, scanPreprocessor } from '../../server/src/core/text/preprocessorModel';
import { targetView } from '../../server/src/core/text/targetView';
import { inferredPy3Flags } from '../../server/src/core/text/py3Flag';

const PY38 = 0x030800f0;

/** The lines the view keeps (blank lines dropped), for readable assertions. */
function kept(source: string, minimum = PY38): string[] {
  const view = targetView(source, scanPreprocessor(codeMask(source)), minimum).text;
  assert.equal(view.length, source.length, 'offsets map 1:1');
  return view.split('\n').filter((l) => l.trim() !== '').map((l) => l.trim());
}

describe('preprocessor model', () => {
  it('gives every directive its group and arm, and lists the defines with params, body and #undef', () => {
    const source = '#if A\n#define X 1\n#elif B\n#  define F(a, b) ((a) + \\\n   (b))\n#else\n#undef X\n#endif\n';
    const pp = scanPreprocessor(codeMask(source));
    assert.deepEqual(pp.directives.map((d) => d.kind), ['if', 'define', 'elif', 'define', 'else', 'undef', 'endif']);
    assert.equal(pp.groups.length, 1);
    assert.equal(pp.groups[0]!.arms.length, 3);
    assert.deepEqual(pp.directives.map((d) => d.inside?.arm), [undefined, 0, undefined, 1, undefined, 2, undefined]);
    const [x, f] = pp.defines;
    assert.deepEqual([x!.name, x!.body, x!.undefined, x!.params], ['X', '1', true, undefined]);
    assert.deepEqual([f!.name, f!.params, f!.body.replace(/\s+/g, ' '), f!.undefined], ['F', ['a', 'b'], '((a) + (b))', false]);
    assert.equal(source.slice(f!.span.start, f!.span.end), '#  define F(a, b) ((a) + \\\n   (b))');
  });

  it('keeps a stray #else/#endif apart and leaves an unfinished group open', () => {
    const pp = scanPreprocessor('#endif\n#if A\nint x;\n');
    assert.deepEqual(pp.stray.map((d) => d.kind), ['endif']);
    assert.equal(pp.groups[0]!.endif, undefined);
  });

  it('says whether a span holds whole #if groups', () => {
    const source = 'a\n#if A\nb\n#endif\nc\n';
    const pp = scanPreprocessor(source);
    assert.ok(balancedWithin(pp, { start: 0, end: source.length }));
    assert.ok(!balancedWithin(pp, { start: 0, end: source.indexOf('b') }));
  });
});

describe('condition evaluation', () => {
  const env = { lookup: (name: string) => (name === 'TWO' ? { body: '2' } : name === 'EMPTY' ? { body: '' } : name === 'GONE' ? undefined : ('unknown' as const)) };
  it('does arithmetic, comparisons, defined() and the logical operators', () => {
    assert.equal(evaluateCondition('(TWO << 4) + 1 == 0x21', env), 1);
    assert.equal(evaluateCondition('defined(TWO) && !defined GONE', env), 1);
    assert.equal(evaluateCondition('TWO > 3 ? 0 : 7', env), 7);
    assert.equal(evaluateCondition('0x030800f0UL >= 0x03050000L', env), 1);
  });

  it('reads a name starting with U or L right after a parenthesis as the whole name (no number suffix)', () => {
    const flags = { lookup: (name: string) => (name === 'USING_PY3' ? { body: '1' } : name === 'LIMIT' ? { body: '4' } : undefined) };
    assert.equal(evaluateCondition('defined(USING_PY3)', flags), 1);
    assert.equal(evaluateCondition('(LIMIT) * 2 == 8', flags), 1);
  });
  it('keeps unknown macros unknown, unless the other side decides', () => {
    assert.equal(evaluateCondition('Py_GIL_DISABLED', env), undefined);
    assert.equal(evaluateCondition('defined(Py_GIL_DISABLED)', env), undefined);
    assert.equal(evaluateCondition('defined(Py_GIL_DISABLED) && 0', env), 0);
    assert.equal(evaluateCondition('UNKNOWN || TWO', env), 1);
    assert.equal(evaluateCondition('FOO(1)', env), undefined);
  });
  it('reads a name starting with u, U, l or L after ( or ! as a name, not as a number suffix', () => {
    const lev = { lookup: (name: string) => (name === 'LEV_PY3' || name === 'USE_X' ? { body: '' } : ('unknown' as const)) };
    assert.equal(evaluateCondition('defined(LEV_PY3)', lev), 1);
    assert.equal(evaluateCondition('!defined(USE_X)', lev), 0);
    assert.equal(evaluateCondition('(LEV_PY3) || 1', lev), 1);
  });
});

describe('target view', () => {
  it('keeps the Python 3 arm of nested #if/#elif/#else groups and blanks the rest', () => {
    const source = [
      '#if PY_MAJOR_VERSION >= 3',
      '#  if PY_VERSION_HEX >= 0x03050000',
      'int new_api;',
      '#  elif PY_VERSION_HEX >= 0x03000000',
      'int old3;',
      '#  else',
      'int never;',
      '#  endif',
      '#else',
      'int py2;',
      '#endif',
      '',
    ].join('\n');
    assert.deepEqual(kept(source), ['int new_api;']);
  });

  it('resolves PY_VERSION_HEX only when every version from the minimum up agrees', () => {
    const source = '#if PY_VERSION_HEX >= 0x030A0000\nint ten;\n#else\nint older;\n#endif\n';
    assert.deepEqual(kept(source, PY38), ['#if PY_VERSION_HEX >= 0x030A0000', 'int ten;', '#else', 'int older;', '#endif']);
    assert.deepEqual(kept(source, 0x030a00f0), ['int ten;']);
    assert.deepEqual(kept('#if PY_VERSION_HEX < 0x03000000\nint py2;\n#endif\nint x;\n'), ['int x;']);
  });

  it('keeps both arms of conditions on unknown macros', () => {
    const source = '#ifdef Py_GIL_DISABLED\nint ft;\n#else\nint gil;\n#endif\n#if defined(_WIN32) && PY_MAJOR_VERSION >= 3\nint win;\n#endif\n';
    assert.deepEqual(kept(source), ['#ifdef Py_GIL_DISABLED', 'int ft;', '#else', 'int gil;', '#endif', '#if defined(_WIN32) && PY_MAJOR_VERSION >= 3', 'int win;', '#endif']);
    // One side known false decides the && whatever the other.
    assert.deepEqual(kept('#if defined(_WIN32) && PY_MAJOR_VERSION < 3\nint x;\n#endif\n'), []);
  });

  it("follows the file's own macros derived from the version, defined twice in different arms", () => {
    const source = [
      '#if PY_MAJOR_VERSION >= 3',
      '#define IS_PY3K 1',
      '#define INITERROR return NULL',
      '#else',
      '#define INITERROR return',
      '#endif',
      '#ifdef IS_PY3K',
      'int three;',
      '#else',
      'int two;',
      '#endif',
      '#if IS_PY3K',
      'int again;',
      '#endif',
      '',
    ].join('\n');
    assert.deepEqual(kept(source), ['#define IS_PY3K 1', '#define INITERROR return NULL', 'int three;', 'int again;']);
    assert.equal(scanPreprocessor(source).definitions('INITERROR').length, 2);
  });

  it('maps offsets back exactly: every kept character is where it was', () => {
    const source = 'alpha\r\n#if PY_MAJOR_VERSION < 3\r\nbeta /* c */\r\n#else\r\ndelta\r\n#endif\r\nepsilon\r\n';
    const view = targetView(source, scanPreprocessor(codeMask(source)), PY38).text;
    assert.equal(view.length, source.length);
    for (let i = 0; i < source.length; i++) assert.ok(view[i] === source[i] || (view[i] === ' ' && !/[\r\n]/.test(source[i]!)), `offset ${i}`);
    assert.equal(view.indexOf('delta'), source.indexOf('delta'));
    assert.equal(view.indexOf('epsilon'), source.indexOf('epsilon'));
    assert.ok(!view.includes('beta') && !view.includes('#'));
  });

  it('leaves an unfinished group and a stray #endif alone', () => {
    assert.deepEqual(kept('#if PY_MAJOR_VERSION >= 3\nint x;\n'), ['#if PY_MAJOR_VERSION >= 3', 'int x;']);
    assert.deepEqual(kept('#endif\nint y;\n'), ['#endif', 'int y;']);
  });

  it('resolves groups inside an arm on an unknown macro only when asked, keeping that arm', () => {
    const source = '#ifndef C_ONLY\n#if PY_MAJOR_VERSION >= 3\nint three;\n#else\nint two;\n#endif\n#endif\n';
    const pp = scanPreprocessor(codeMask(source));
    const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '').map((l) => l.trim());
    assert.deepEqual(lines(targetView(source, pp, PY38).text), ['#ifndef C_ONLY', '#if PY_MAJOR_VERSION >= 3', 'int three;', '#else', 'int two;', '#endif', '#endif']);
    assert.deepEqual(lines(targetView(source, pp, PY38, new Map(), { insideUnknown: true }).text), ['#ifndef C_ONLY', 'int three;', '#endif']);
    // A define inside the unknown arm stays unknown for later tests.
    const defined = '#ifdef BUILD_X\n#define FLAG\n#endif\n#ifdef FLAG\nint f;\n#endif\n';
    assert.deepEqual(lines(targetView(defined, scanPreprocessor(codeMask(defined)), PY38, new Map(), { insideUnknown: true }).text), defined.trim().split('\n'));
  });

  describe('a Python 3 flag a header defines, read from the init\'s arms', () => {
    const viewWithFlags = (source: string): { flags: Map<string, boolean>; lines: string[] } => {
      const mask = codeMask(source);
      const pp = scanPreprocessor(mask);
      const flags = inferredPy3Flags(mask, pp);
      const lines = targetView(source, pp, PY38, flags).text.split('\n').filter((l) => l.trim() !== '').map((l) => l.trim());
      return { flags, lines };
    };

    it('takes the arm holding PyInit_ as Python 3, for every group on the same macro', () => {
      const source = [
        '#ifdef IS_PY3K', 'static struct PyModuleDef def;', '#endif',
        'PyMODINIT_FUNC', '#ifdef IS_PY3K', 'PyInit_m(void)', '#else', 'initm(void)', '#endif',
        '{', '#ifndef IS_PY3K', 'Py_InitModule("m", NULL);', '#else', 'return PyModule_Create(&def);', '#endif', '}',
      ].join('\n');
      const { flags, lines } = viewWithFlags(source);
      assert.deepEqual([...flags], [['IS_PY3K', true]]);
      assert.deepEqual(lines, ['static struct PyModuleDef def;', 'PyMODINIT_FUNC', 'PyInit_m(void)', '{', 'return PyModule_Create(&def);', '}']);
    });

    it('reads an alias of the init (#define f PyInit_m) and PyModule_Create against Py_InitModule as Python 3', () => {
      const alias = ['#ifdef PY3K', '#define init_fn PyInit_m', '#else', '#define init_fn initm', '#endif'].join('\n');
      const creation = ['#ifndef PY3K', 'm = Py_InitModule3("m", methods, doc);', '#else', 'm = PyModule_Create(&def);', '#endif'].join('\n');
      for (const source of [alias, creation]) assert.deepEqual([...viewWithFlags(source).flags], [['PY3K', true]], source);
    });

    it('reads #ifndef and !defined() the other way round', () => {
      const source = ['#if !defined(PY2_BUILD)', 'PyObject *PyInit_m(void);', '#else', 'void initm(void);', '#endif', '#ifndef PY2_BUILD', 'int three;', '#endif'].join('\n');
      const { flags, lines } = viewWithFlags(source);
      assert.deepEqual([...flags], [['PY2_BUILD', false]]);
      assert.deepEqual(lines, ['PyObject *PyInit_m(void);', 'int three;']);
    });

    it('reads a template\'s pasted init names and its creation calls as the arms\' Python versions', () => {
      const source = [
        '#ifdef USE_PY3', '#define INIT_NAME CAT(PyInit_, MODULE_NAME)', '#else', '#define INIT_NAME CAT(init, MODULE_NAME)', '#endif',
        '#ifdef USE_PY3', 'm = PyModule_Create(&def);', '#else', 'm = Py_InitModule3("m", NULL, NULL);', '#endif',
      ].join('\n');
      const { flags, lines } = viewWithFlags(source);
      assert.deepEqual([...flags], [['USE_PY3', true]]);
      assert.deepEqual(lines, ['#define INIT_NAME CAT(PyInit_, MODULE_NAME)', 'm = PyModule_Create(&def);']);
    });

    it('infers nothing when the arms do not separate the inits, the groups disagree, or the file defines the macro', () => {
      const noPy2 = ['#ifdef FAST', 'PyInit_m(void)', '#else', 'PyInit_m(void)', '#endif'].join('\n');
      const disagree = ['#ifdef F', 'PyInit_a(void)', '#else', 'inita(void)', '#endif', '#ifdef F', 'initb(void)', '#else', 'PyInit_b(void)', '#endif'].join('\n');
      const definedHere = ['#if 0', '#define F', '#endif', '#ifdef F', 'PyInit_a(void)', '#else', 'inita(void)', '#endif'].join('\n');
      for (const source of [noPy2, disagree, definedHere]) {
        const { flags, lines } = viewWithFlags(source);
        assert.equal(flags.size, 0, source);
        assert.ok(lines.some((l) => l.startsWith('#if')), 'both arms kept');
      }
    });
  });
});
