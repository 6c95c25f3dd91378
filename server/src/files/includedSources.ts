// A source file that `#include`s another source file (pycrypto's MD4.c ends
// in `#include "hash_template.c"`, after `#define MODULE_NAME MD4`) compiles
// that file's module init as its own: the module is MD4, yet its init lives in
// the template. Checking or fixing MD4.c alone would find no module at all and
// say nothing, so the template comes along: it is analysed (and converted) as
// the file it is, once, however many files include it.
import { dirname, join, resolve } from 'node:path';
import { languageForPath } from '../core/grammars';
import { codeMask } from '../core/text/codeMask';
import { isWithin, realPath } from './links';
import { decodeSource, readSourceBytes } from './sources';

/** `#include "x.c"`: a quoted include of a C/C++ source, never of a header. */
const SOURCE_INCLUDE = /^[ \t]*#[ \t]*include[ \t]*"([^"\r\n]+\.(?:c|cc|cpp|cxx|c\+\+))"/gm;
/** Searched in the raw bytes first (a memory search): most files include no source file and are never decoded. */
const SOURCE_ENDINGS = ['.c"', '.cc"', '.cpp"', '.cxx"', '.c++"'].map((e) => Buffer.from(e, 'latin1'));

/**
 * Finds the source files that `files` include, from bytes the caller has
 * already read (`check` and `fix` read every file once and hand each one's
 * bytes here). `take` answers for one of `files`: the included files not seen yet,
 * in order. The real paths of `files` are resolved only once some file
 * includes a source file, which most trees never do.
 */
export class IncludedSources {
  readonly includedBy = new Map<string, string>();
  private seen: Set<string> | undefined;

  constructor(private readonly files: readonly string[]) {}

  take(file: string, content: Buffer): string[] {
    const included = sourceIncludes(file, content);
    if (included.length === 0) return [];
    this.seen ??= new Set(this.files.map((f) => realPath(f) ?? resolve(f)));
    const added: string[] = [];
    for (const path of included) {
      const real = realPath(path);
      if (!real || this.seen.has(real)) continue;
      this.seen.add(real);
      added.push(path);
      this.includedBy.set(path, file);
    }
    return added;
  }
}

/** Whether `file`'s bytes could include a source file at all (a memory search). */
export function mayIncludeSources(file: string, content: Buffer): boolean {
  return Boolean(languageForPath(file)) && SOURCE_ENDINGS.some((ending) => content.includes(ending));
}

/** The existing source files `file` (whose bytes are `content`) includes with quotes, in its folder or below it. */
function sourceIncludes(file: string, content: Buffer): string[] {
  if (!mayIncludeSources(file, content)) return [];
  const source = decodeSource(content);
  if (source.kind !== 'text') return [];
  const folder = realPath(dirname(file));
  if (!folder) return [];
  // An include inside /* ... */ is not compiled: its `#` is blank in the mask (which blanks the quoted name too, so that is read from the text).
  // Masked only once an included file exists: numpy's two such includes name generated files, absent from a source tree.
  let mask: string | undefined;
  const found: string[] = [];
  for (const m of source.text.matchAll(SOURCE_INCLUDE)) {
    const path = join(dirname(file), m[1]!);
    const real = realPath(path);
    if (!real || !isWithin(real, folder) || !languageForPath(real) || readSourceBytes(real).kind !== 'bytes') continue;
    mask ??= codeMask(source.text);
    if (/^[ \t]*#/.test(mask.slice(m.index, m.index + m[0].length))) found.push(path);
  }
  return found;
}
