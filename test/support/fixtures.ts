// The conversion fixtures under test-fixtures/convert/<name>/: the input
// module, its smoke script, what converting it must give (golden file or
// refusal) and what a second load of the converted module must do.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RefusalCode } from '../../server/src/core/convert/refusalCatalogue';

export const FIXTURES_DIR = resolve(__dirname, '../../test-fixtures/convert');

export interface ConvertedModule {
  name: string;
  /** The converted module opts out of re-initialisation (numpy's guard). */
  onceGuard: boolean;
  /** The converted module replays its first namespace on a second load (m_size -1 with state). */
  replay?: boolean;
}

export interface RefusedModule {
  name: string;
  /** A refusal code (docs/refusals.md) that must be among the module's reasons. */
  refusal: RefusalCode;
}

export interface ConvertFixture {
  name: string;
  dir: string;
  lang: 'c' | 'cpp';
  inputPath: string;
  input: string;
  smokePath: string;
  /** expected.c / expected.cpp: where the golden output lives (may not exist yet). */
  expectedPath: string;
  converted: ConvertedModule[];
  refused: RefusedModule[];
  /** Every module name the file defines, the shared object first. */
  moduleNames: string[];
  /** Python packages the module builds against ("numpy"). */
  needs: string[];
  /** Macros the build defines (`NAME=VALUE`, passed as -D), as a project's build passes the module's name. */
  defines: string[];
  /**
   * Also converted with keepPython2: golden file expected.keep-python2.<ext>;
   * `python2`: that output is built, imported and smoke-tested on Python 2.7 too.
   */
  keepPython2?: { expectedPath: string; python2: boolean };
}

interface FixtureJson {
  modules: ({ name: string; onceGuard: boolean; replay?: boolean } | { name: string; refusal: RefusalCode })[];
  needs?: string[];
  defines?: string[];
  keepPython2?: { python2?: boolean };
}

function isRefused(m: FixtureJson['modules'][number]): m is RefusedModule {
  return 'refusal' in m;
}

export function loadFixture(name: string): ConvertFixture {
  const dir = join(FIXTURES_DIR, name);
  const lang = existsSync(join(dir, 'input.cpp')) ? 'cpp' : 'c';
  const ext = lang === 'cpp' ? 'cpp' : 'c';
  const inputPath = join(dir, `input.${ext}`);
  const meta = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as FixtureJson;
  const refused = meta.modules.filter(isRefused);
  const converted = meta.modules.filter((m): m is ConvertedModule => !isRefused(m));
  if (refused.length > 0 && converted.length > 0) throw new Error(`${name}: a fixture either converts or refuses, not both`);
  return {
    name,
    dir,
    lang,
    inputPath,
    // Never normalised: CRLF bytes are part of what is tested.
    input: readFileSync(inputPath, 'utf8'),
    smokePath: join(dir, 'smoke.py'),
    expectedPath: join(dir, `expected.${ext}`),
    converted,
    refused,
    moduleNames: meta.modules.map((m) => m.name),
    needs: meta.needs ?? [],
    defines: meta.defines ?? [],
    ...(meta.keepPython2 ? { keepPython2: { expectedPath: join(dir, `expected.keep-python2.${ext}`), python2: meta.keepPython2.python2 ?? false } } : {}),
  };
}

export function loadFixtures(): ConvertFixture[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(FIXTURES_DIR, e.name, 'fixture.json')))
    .map((e) => loadFixture(e.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}
