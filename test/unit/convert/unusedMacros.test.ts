// Dead definitions of the macros a conversion expanded (unusedMacros.ts).
import assert from 'node:assert/strict';
import { dropUnusedMacros } from '../../../server/src/core/convert/unusedMacros';

describe('conversion: definitions of expanded macros nothing uses any more', () => {
  it('removes them in every #if arm, and a group left with nothing', () => {
    const text = '#if PY_MAJOR_VERSION >= 3\n#define RET(v) return (v)\n#else\n#define RET(v)\n#endif\nint x;\n';
    assert.deepEqual(dropUnusedMacros(text, ['RET']), { text: 'int x;\n', dropped: ['RET'] });
  });

  it('keeps a name still used in code, in another macro, or by #ifdef', () => {
    for (const use of ['int y = RET;\n', '#define OTHER RET\n', '#ifdef RET\nint z;\n#endif\n']) {
      const text = `#define RET 1\n${use}`;
      assert.deepEqual(dropUnusedMacros(text, ['RET']), { text, dropped: [] }, use);
    }
  });

  it('drops an emptied trailing #else line, but never an emptied #if arm that another arm follows', () => {
    const elseEmptied = '#if PY3\n#define KEEP 1\n#else\n#define GONE\n#endif\nint k = KEEP;\n';
    assert.equal(dropUnusedMacros(elseEmptied, ['GONE']).text, '#if PY3\n#define KEEP 1\n#endif\nint k = KEEP;\n');
    const ifEmptied = '#if PY3\n#define GONE\n#else\n#define KEEP 1\n#endif\nint k = KEEP;\n';
    assert.equal(dropUnusedMacros(ifEmptied, ['GONE']).text, '#if PY3\n#else\n#define KEEP 1\n#endif\nint k = KEEP;\n');
  });

  it('leaves no double blank line where a definition stood between two blank lines', () => {
    assert.equal(dropUnusedMacros('int a;\n\n#define GONE 1\n\nint b;\n', ['GONE']).text, 'int a;\n\nint b;\n');
  });
});
