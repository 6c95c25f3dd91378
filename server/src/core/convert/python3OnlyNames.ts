// What a function needs from code only Python 3 compiles: a kept Python 2
// init calls the exec function too, so exec must not use a static or a
// helper that sits in a Python-3-only arm (replay's body module, namespace
// and forget helpers are written beside the def, under its #if).
import { matchBrace } from '../text/codeMask';
import type { PreprocessorModel } from '../text/preprocessorModel';
import { groupTest, type Py3Flags } from './dualMode';

/** Names `fnName`'s body uses that are declared at file scope only in arms Python 2 does not compile (`mask` and `pp` of one text). */
export function python3OnlyNamesUsedBy(mask: string, pp: PreprocessorModel, fnName: string, flags: Py3Flags): string[] {
  const header = new RegExp(`^static int\\s+${fnName}\\s*\\([^)]*\\)\\s*\\{`, 'm').exec(mask);
  if (!header) return [];
  const open = header.index + header[0].length - 1;
  const close = matchBrace(mask, open);
  if (close === -1) return [];
  const used = new Set(mask.slice(open, close).match(/\b[A-Za-z_]\w*\b/g) ?? []);
  const found = new Set<string>();
  for (const group of pp.groups) {
    const first = group.arms[0]!;
    const verdict = groupTest(group, flags);
    if (!verdict?.py3 || verdict.py2) continue;
    const arm = mask.slice(first.body.start, first.body.end);
    for (const m of arm.matchAll(/^static\b[^;{=(]*?\b(\w+)\s*(?=[=;[(])/gm)) if (used.has(m[1]!)) found.add(m[1]!);
  }
  return [...found];
}
