// A module the raw text hides behind #if lines (a PyInit_ header split by
// `#if PY_MAJOR_VERSION >= 3 ... #else initx(void) #endif`) is seen in the
// target view: the file as Python 3.5+ compiles it, same offsets. The model
// is built from the view only when the view finds an init the raw text
// does not, so every other file is analysed as before.
import type { Tree } from 'web-tree-sitter';
import type { LanguageId } from '../grammars';
import type { FileModel, InitFunctionInfo } from '../model';
import { parseText } from '../parser';
import { targetView } from '../text/targetView';
import { matchBrace } from '../text/codeMask';

/** Multi-phase init exists from 3.5: every converted module needs at least that. */
export const VIEW_MINIMUM_HEX = 0x030500f0;

type Build = (text: string, tree: Tree, lang: LanguageId) => FileModel;

export function seenThroughPreprocessor(raw: FileModel, lang: LanguageId, build: Build): FileModel {
  if (raw.generator || !missesAnInit(raw)) return raw;
  // The raw model's own scan of the same mask (scanned once, kept for its rules).
  const pp = raw.preprocessor;
  // A Python 3 flag from the project's own header, read from the init's arms: without it the init stays hidden.
  const flags = raw.py3Flags;
  const view = targetView(raw.text, pp, VIEW_MINIMUM_HEX, flags);
  if (view.text === raw.text) return raw;
  const tree = parseText(view.text, lang);
  const seen = build(view.text, tree, lang);
  if (!readsBetter(raw, seen)) {
    seen.dispose();
    tree.delete();
    return raw;
  }
  raw.dispose();
  const disposeSeen = seen.dispose;
  return {
    ...seen,
    source: { text: raw.text, preprocessor: pp },
    // The view's own text has those groups resolved: the flags are read from the source.
    py3Flags: flags,
    dispose: () => {
      disposeSeen();
      tree.delete();
    },
  };
}

/** A `PyInit_x(` the raw model found no init for, or an init whose braces or header it could read only per #if arm. */
function missesAnInit(raw: FileModel): boolean {
  if (!/^[ \t]*#[ \t]*if/m.test(raw.mask)) return false;
  if (raw.inits.some(readPerArm)) return true;
  // One header for both Pythons (a template's `_MODULE_NAME`, pasted per arm) and a Py_InitModule arm the flags can resolve.
  if (raw.py3Flags.size > 0 && raw.inits.some((i) => i.creations.some((c) => c.python2))) return true;
  for (const m of raw.mask.matchAll(/\b(PyInit_\w+)\s*\(/g)) {
    if (raw.inits.some((i) => i.name === m[1])) continue;
    // A prototype or a call (`PyInit_x(void);`, `return PyInit_x();`) defines nothing: not worth a second parse.
    const close = matchBrace(raw.mask, m.index + m[0].length - 1);
    if (close !== -1 && !/^\s*[;,)]/.test(raw.mask.slice(close + 1, close + 40))) return true;
  }
  return false;
}

function python2Creation(init: InitFunctionInfo): boolean {
  return init.creations.some((c) => c.python2);
}

function readPerArm(init: InitFunctionInfo): boolean {
  return init.opaqueRefusal?.code === 'braces-per-arm';
}

/** The view finds a module the text hides, or reads whole an init the text could read only per arm. */
function readsBetter(raw: FileModel, seen: FileModel): boolean {
  const known = new Set(raw.modules.map((m) => m.name));
  if (seen.modules.some((m) => !known.has(m.name))) return true;
  return raw.modules.some((m) => m.init && (readPerArm(m.init) || python2Creation(m.init)) && seen.modules.some((v) => v.name === m.name && v.init && !v.init.opaque && !python2Creation(v.init)));
}
