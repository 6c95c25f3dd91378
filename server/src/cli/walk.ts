// Walks paths for C/C++ sources.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { languageForPath } from '../core/grammars';

const SKIP_DIRS = new Set(['node_modules', '.git', 'build', 'dist', '.venv', 'venv', '__pycache__', '.tox', '.nox']);

export function* walkSources(paths: string[]): Generator<string> {
  for (const path of paths) {
    const st = statSync(path);
    if (st.isFile()) {
      yield path;
      continue;
    }
    const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) yield* walkSources([full]);
      } else if (entry.isFile() && languageForPath(entry.name)) {
        yield full;
      }
    }
  }
}
