// The server as users install it: `npm pack` of this repository (its built
// dist/, no prepack rebuild) installed with `npm install -g --prefix <dir>`,
// which puts `multiphase-lsp` and `multiphase` in <dir>/bin.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lspClient';

/** Pack the repository into `dir` and return the tarball's path. */
export function packServer(dir: string): string {
  mkdirSync(dir, { recursive: true });
  // --ignore-scripts: pack the dist/ the test run built instead of re-minifying it in prepack.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [{ filename }] = JSON.parse(out) as [{ filename: string }];
  const tarball = join(dir, filename);
  if (!existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`);
  return tarball;
}

/**
 * `npm install -g --prefix <prefix> <tarball>`; returns <prefix>/bin. Offline:
 * the package has no dependencies, so it must install without the registry.
 */
export function installGlobally(tarball: string, prefix: string): string {
  mkdirSync(prefix, { recursive: true });
  execFileSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: prefix, stdio: ['ignore', 'pipe', 'pipe'] });
  return join(prefix, 'bin');
}
