// Loaded by mocha before any test (.mocharc.json): the CLIs the tests start
// keep their results in a folder of this run, not in the user's cache, and
// every later check in the run exercises reuse.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (process.env.MULTIPHASE_CACHE_DIR === undefined) {
  const folder = mkdtempSync(join(tmpdir(), 'multiphase-test-cache-'));
  process.env.MULTIPHASE_CACHE_DIR = folder;
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}
