// Generates the one large C file of the keystroke benchmark: plain filler
// code with single-phase modules of the shape real projects have (methods
// table, def with m_size -1, PyInit_ that builds the module with
// PyModule_Create). The workspace tree comes from bench/generate-tree.mjs.
import { singlePhaseModule } from '../test/integration/lsp/sources';

/** The LSP tests' module without its includes (the file has them once). */
function moduleSource(name: string): string {
  return singlePhaseModule(name).replace(/^(#.*\n|\n)+/, '');
}

/** Ordinary C with no module in it; exactly 12 lines. */
function fillerFunction(prefix: string, index: number): string {
  return `static int
${prefix}_helper_${index}(const int *values, int count)
{
    int total = 0;
    for (int i = 0; i < count; i++) {
        if (values[i] % ${(index % 7) + 2} == 0) {
            total += values[i] * ${index};
        }
    }
    return total;
}

`;
}

/** A file of about `lines` lines holding the given modules spread through filler. */
export function generateFile(prefix: string, lines: number, modules: string[]): string {
  const header = '#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n\n';
  const moduleText = modules.map(moduleSource);
  const moduleLines = moduleText.reduce((n, text) => n + text.split('\n').length, 0);
  const fillerCount = Math.max(0, Math.floor((lines - 3 - moduleLines) / 12));
  const parts: string[] = [header];
  // Spread the modules evenly so edits near any of them re-analyse real code.
  const every = Math.max(1, Math.floor(fillerCount / (modules.length + 1)));
  let next = 0;
  for (let i = 0; i < fillerCount; i++) {
    if (i > 0 && i % every === 0 && next < moduleText.length) parts.push(moduleText[next++]!, '\n');
    parts.push(fillerFunction(prefix, i));
  }
  while (next < moduleText.length) parts.push(moduleText[next++]!, '\n');
  return parts.join('');
}
