// The embedded-region layer: which code blocks and string literals hold C,
// how their text maps back to the document, and how edit text is written
// back (indentation, escapes, placeholders).
import assert from 'node:assert/strict';
import { markdownRegions, rstRegions } from '../../server/src/core/embedded/docs';
import { analyzeEmbeddedText, convertEmbeddedText } from '../../server/src/core/embedded/analyze';
import { pythonRegions } from '../../server/src/core/embedded/pythonRegions';
import { scanPythonStrings } from '../../server/src/core/embedded/pythonStrings';
import { hostSpanOf, reindent } from '../../server/src/core/embedded/region';
import { initParser } from '../../server/src/core/parser';

const MODULE = `static struct PyModuleDef m_def = {
    PyModuleDef_HEAD_INIT, "m", NULL, -1, NULL
};

PyMODINIT_FUNC
PyInit_m(void)
{
    return PyModule_Create(&m_def);
}
`;
const indent = (text: string, by: string): string => text.replace(/^(?=.)/gm, by);

describe('embedded C: code blocks', () => {
  it('reads .. code-block:: c with options, .. code:: cpp, and :: blocks only under .. highlight:: c', () => {
    const doc = [
      'Intro::',
      '',
      '    not C: no highlight yet',
      '',
      '.. code-block:: c',
      '   :caption: m.c',
      '',
      indent(MODULE, '   '),
      '.. code:: cpp',
      '',
      '    int x;',
      '',
      '.. code-block:: python',
      '',
      '    print("PyInit_x")',
      '',
      '.. highlight:: c',
      '',
      'Then::',
      '',
      '    int y;',
      '',
    ].join('\n');
    const regions = rstRegions(doc);
    assert.deepEqual(regions.map((r) => [r.lang, r.text.split('\n')[0]]), [
      ['c', 'static struct PyModuleDef m_def = {'],
      ['cpp', 'int x;'],
      ['c', 'int y;'],
    ]);
    // The common indentation is gone from the C text, and every offset maps to its place in the document.
    const first = regions[0]!;
    assert.equal(first.text, MODULE);
    const at = first.text.indexOf('PyModule_Create');
    assert.equal(doc.slice(first.hostOf[at]!, first.hostOf[at]! + 15), 'PyModule_Create');
    assert.deepEqual(hostSpanOf(first, { start: at, end: at + 15 }), { start: doc.indexOf('PyModule_Create'), end: doc.indexOf('PyModule_Create') + 15 });
  });

  it('reads ``` and ~~~ fences marked c, cpp or c++ (in a list item too), not other languages; an unclosed fence runs to the end', () => {
    const doc = '```c\nint a;\n```\n\n~~~c++\nint b;\n~~~\n\n1. item\n\n   ```cpp\n   int c;\n   ```\n\n```python\nx = 1\n```\n\n```C\nint d;\n';
    assert.deepEqual(markdownRegions(doc).map((r) => [r.lang, r.text]), [
      ['c', 'int a;\n'],
      ['cpp', 'int b;\n'],
      ['cpp', 'int c;\n'],
      ['c', 'int d;\n'],
    ]);
  });

  it('puts the block indentation back on every non-blank line an edit writes', () => {
    assert.equal(reindent('a\n\nb\n', '    ', { hostAfter: 'next', startsBlankLine: false }), 'a\n\n    b\n    ');
    assert.equal(reindent('a\n', '    ', { hostAfter: '\n', startsBlankLine: true }), '    a\n');
    assert.equal(reindent('a\n', '', { hostAfter: 'x', startsBlankLine: true }), 'a\n');
  });
});

describe('embedded C: Python strings', () => {
  it('scans prefixes, triple quotes, escapes, comments and f-string fields holding quotes', () => {
    const source = [
      "# a 'quote' in a comment",
      'a = rb"\\"x"',
      "b = f'{d[\"k\"]}' + xr\"y\"",
      'c = """one\n"two"\n"""',
      'd = u"\\\\"',
    ].join('\n');
    const found = scanPythonStrings(source).map((l) => [l.prefix, l.quote, source.slice(l.bodyStart, l.bodyEnd)]);
    assert.deepEqual(found, [
      ['rb', '"', '\\"x'],
      ['f', "'", '{d["k"]}'],
      ['', '"', 'y'],
      ['', '"""', 'one\n"two"\n'],
      ['u', '"', '\\\\'],
    ]);
  });

  it('decodes escapes and template braces, stands identifiers in for placeholders, and writes edits back the literal\'s way', () => {
    const source = 'T = "static int {name}_x = 1;\\nPyInit_{name} {{ }}\\n"\nT.format(name="m")\n';
    const { regions } = pythonRegions(source);
    assert.equal(regions.length, 1);
    const region = regions[0]!;
    assert.deepEqual(region.placeholders.map((p) => p.source), ['{name}']);
    const standIn = region.placeholders[0]!.standIn;
    assert.equal(region.text, `static int ${standIn}_x = 1;\nPyInit_${standIn} { }\n`);
    // `\n` is two characters in the source, one in the C text: the next line starts after it.
    const line2 = region.text.indexOf('PyInit_');
    assert.equal(source.slice(region.hostOf[line2]!, region.hostOf[line2]! + 7), 'PyInit_');
    assert.equal(region.encode(`int ${standIn}_y = "a\\b";\n{ }\n`, { hostAfter: '', startsBlankLine: false }), 'int {name}_y = \\"a\\\\b\\";\\n{{ }}\\n');
  });

  it('reads %-templates (%% and %(name)s) and #name# placeholders; a placeholder alone on its line stands for whole lines', () => {
    const percent = pythonRegions('S = """\nint a = 5 %% 3;\n%(body)s\nPyModuleDef %(name)s_def;\n""" % args\n').regions[0]!;
    assert.match(percent.text, /^\nint a = 5 % 3;\n\/\*MPH\d+_body\*\/\nPyModuleDef MPH\d+_name_def;\n$/);
    const hash = pythonRegions('S = """\n#include <Python.h>\n#ifdef X\n#endif\nPyInit_#modulename#(void);\n"""\n').regions[0]!;
    assert.deepEqual(hash.placeholders.map((p) => p.source), ['#modulename#']);
    assert.match(hash.text, /#include <Python.h>\n#ifdef X\n#endif\nPyInit_MPH\d+_modulename\(void\);/);
  });

  it('a raw string that cannot hold the converted text refuses the conversion', () => {
    const region = pythonRegions('S = r"PyInit_x"\n').regions[0]!;
    assert.throws(() => region.encode('a\nb', { hostAfter: '', startsBlankLine: false }), /raw string/);
  });
});

describe('embedded C: analysis and conversion', () => {
  before(() => initParser());

  it('reports fragments with what they miss and converts nothing of them', () => {
    const doc = `.. code-block:: c\n\n    PyMODINIT_FUNC PyInit_f(void) { return PyModule_Create(&f_def); }\n\n.. code-block:: c\n\n    static struct PyModuleDef g_def = { PyModuleDef_HEAD_INIT, "g", NULL, -1, NULL };\n`;
    const analysis = analyzeEmbeddedText(doc, 'rst');
    assert.deepEqual(
      analysis.results.map((r) => [r.module, r.ok ? 'ok' : r.reasons.map((x) => x.code).join(' ')]),
      [
        ['f', 'def-not-in-file'],
        ['g', 'embedded-fragment'],
      ],
    );
    assert.deepEqual(analysis.edits, []);
    assert.ok(analysis.findings.every((f) => !f.fixable && doc.slice(f.span.start, f.span.end).length > 0));
  });

  it('a string that is one piece of a template is refused with the computed piece named', () => {
    const source = 'def make(name, body):\n    return f"PyMODINIT_FUNC PyInit_{name}(void) {{\\n" + body + "}\\n"\n';
    const analysis = analyzeEmbeddedText(source, 'py');
    const refusal = analysis.results.find((r) => !r.ok);
    assert.ok(refusal && !refusal.ok);
    assert.deepEqual(refusal.reasons.map((r) => r.code), ['embedded-pieces']);
    assert.equal(convertEmbeddedText(source, 'py').text, source);
  });

  it('a textwrap.dedent template keeps its indentation: new lines get it, the closing quotes keep theirs, no trailing spaces', () => {
    const template = MODULE.replace(/[{}]/g, '$&$&').replace(/\bm_def\b/g, '{name}_def').replace('PyInit_m', 'PyInit_{name}').replace('"m"', '"{name}"');
    const quotes = '"'.repeat(3);
    const source = `import textwrap\n\n\ndef source(name):\n    return textwrap.dedent(f${quotes}\n        #include <Python.h>\n\n${indent(template, '        ')}    ${quotes})\n`;
    const { text, results } = convertEmbeddedText(source, 'py');
    assert.deepEqual(results.map((r) => r.ok), [true]);
    assert.ok(text.endsWith(`\n        PyMODINIT_FUNC\n        PyInit_{name}(void)\n        {{\n            return PyModuleDef_Init(&{name}_def);\n        }}\n    ${quotes})\n`), text);
    assert.doesNotMatch(text, /[ \t]$/m, 'no trailing whitespace');
    const code = text.slice(text.indexOf(`f${quotes}`) + 5, text.lastIndexOf(quotes));
    assert.ok(code.split('\n').every((line) => line === '' || line.startsWith('        ') || line === '    '), code);
  });

  it('converts a Markdown block in place, its fences and the text around it untouched', () => {
    const doc = `Intro.\n\n\`\`\`c\n#include <Python.h>\n${MODULE}\`\`\`\n\nOutro.\n`;
    const { text, results } = convertEmbeddedText(doc, 'md');
    assert.deepEqual(results.map((r) => [r.module, r.ok]), [['m (code block at line 4)', true]]);
    assert.match(text, /^Intro\.\n\n```c\n#include <Python.h>\n[\s\S]*return PyModuleDef_Init\(&m_def\);\n}\n```\n\nOutro\.\n$/);
  });
});
