// The embedded-C fixtures under test-fixtures/embedded/<name>/: a document
// (.rst, .md, .py) holding C, its golden conversion, the modules it must
// convert or refuse, and the values that fill its template placeholders so
// the C can be built.
import type { RefusalCode } from '../../server/src/core/convert/refusalCatalogue';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hostKindForPath, hostRegions, type HostKind } from '../../server/src/core/embedded/hosts';

export const EMBEDDED_DIR = resolve(__dirname, '../../test-fixtures/embedded');

export interface EmbeddedModule {
  name: string;
  onceGuard?: boolean;
  /** A refusal code (docs/refusals.md) the module's refusal must have. */
  refusal?: RefusalCode;
}

export interface EmbeddedFixture {
  name: string;
  dir: string;
  kind: HostKind;
  ext: string;
  inputPath: string;
  input: string;
  expectedPath: string;
  smokePath: string;
  modules: EmbeddedModule[];
  /** Placeholder as written → the text a generator would put there. */
  fill: Record<string, string>;
  /**
   * Modules whose C the document assembles from several strings at run time:
   * the fixture's assemble.py runs the document (input or converted) up to
   * the compiler and prints each module's source, by these names.
   */
  assemble?: string[];
}

export function loadEmbeddedFixtures(): EmbeddedFixture[] {
  return readdirSync(EMBEDDED_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const dir = join(EMBEDDED_DIR, e.name);
      const inputName = readdirSync(dir).find((f) => f.startsWith('input.'))!;
      const ext = inputName.slice('input.'.length);
      const meta = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as { modules: EmbeddedModule[]; fill?: Record<string, string>; assemble?: string[] };
      return {
        name: e.name,
        dir,
        kind: hostKindForPath(inputName)!,
        ext,
        inputPath: join(dir, inputName),
        input: readFileSync(join(dir, inputName), 'utf8'),
        expectedPath: join(dir, `expected.${ext}`),
        smokePath: join(dir, 'smoke.py'),
        modules: meta.modules,
        fill: meta.fill ?? {},
        ...(meta.assemble ? { assemble: meta.assemble } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface ExtractedModule {
  /** From PyInit_<name> once the placeholders are filled. */
  name: string;
  lang: 'c' | 'cpp';
  source: string;
}

/**
 * The complete modules of a document as C a compiler takes: every region
 * holding a PyInit function and its creation (single- or multi-phase), with
 * the placeholders filled in. Fragments are left out.
 */
export function extractModules(text: string, kind: HostKind, fill: Record<string, string>): ExtractedModule[] {
  const modules: ExtractedModule[] = [];
  for (const region of hostRegions(text, kind).regions) {
    // A template in pieces (its body passed in by the caller) is no module to build.
    if (!/\bPyModule(Def_Init|_Create)\s*\(/.test(region.text) || !/\bPyModuleDef\s+\w+\s*=/.test(region.text)) continue;
    let source = region.text;
    for (const p of region.placeholders) {
      const value = fill[p.source];
      if (value === undefined) throw new Error(`no fill value for placeholder ${p.source}`);
      source = source.split(p.standIn).join(value);
    }
    if (!/\bPyModule(Def_Init|_Create)\s*\(/.test(source) || !/\bPyModuleDef\s+\w+\s*=/.test(source)) continue;
    const name = /\bPyInit_(\w+)\s*\(/.exec(source)?.[1];
    if (name) modules.push({ name, lang: region.lang, source });
  }
  return modules;
}

/** The modules an assembling document builds, by running its assemble.py on `documentPath` with `python`. */
export function assembleModules(fixture: EmbeddedFixture, documentPath: string, python: string): ExtractedModule[] {
  const out = execFileSync(python, [join(fixture.dir, 'assemble.py'), documentPath], { encoding: 'utf8' });
  const modules = (JSON.parse(out) as { name: string; source: string }[]).map((m) => ({ name: m.name, lang: 'c' as const, source: m.source }));
  if (modules.map((m) => m.name).join() !== fixture.assemble?.join()) throw new Error(`assemble.py built ${modules.map((m) => m.name).join(', ')}`);
  return modules;
}
