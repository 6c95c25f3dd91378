// `node bench/check-speed.mjs [files] [linesPerFile] [moduleEvery]` after a
// build: generates a tree (default 400 files x 500 lines, a module in every
// fourth file) in a temporary folder, runs `dist/cli.js check --stats` on it
// a few times, and prints the wall-clock times. Measures; never fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from './generate-tree.mjs';

const [files = 400, linesPerFile = 500, moduleEvery = 4] = process.argv.slice(2).map(Number);
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'multiphase-check-bench-'));
try {
  const tree = generateTree(dir, { files, linesPerFile, moduleEvery });
  process.stdout.write(`tree: ${tree.files} files, ${tree.lines} lines, ${tree.bytes} bytes, ${tree.modules} modules\n`);
  for (let run = 1; run <= 3; run++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [cli, 'check', '--stats', '--format', 'json', dir], { encoding: 'utf8' });
    const wall = performance.now() - started;
    const stats = /files: .*/.exec(result.stderr)?.[0] ?? result.stderr.trim();
    process.stdout.write(`run ${run}: ${(wall / 1000).toFixed(2)} s wall (process start to exit); check says ${stats}; exit ${result.status}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
