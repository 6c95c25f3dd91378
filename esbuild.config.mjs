// Bundles the three entry points and copies the wasm grammars next to them,
// so dist/ is self-contained (the .vsix and
// the npm package ship no node_modules). package.json's `files` lists what
// both ship (vsce reads it too, in place of a .vscodeignore).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

mkdirSync('dist', { recursive: true });
const wasm = [
  require.resolve('web-tree-sitter/tree-sitter.wasm'),
  join(dirname(require.resolve('tree-sitter-c/package.json')), 'tree-sitter-c.wasm'),
  join(dirname(require.resolve('tree-sitter-cpp/package.json')), 'tree-sitter-cpp.wasm'),
];
for (const file of wasm) copyFileSync(file, join('dist', file.split('/').pop()));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify,
  logLevel: 'warning',
  // The ESM build of web-tree-sitter needs import.meta.url, which a CJS
  // bundle lacks; its CJS build is the same code without that.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter').replace(/\.js$/, '.cjs') },
};
const builds = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // What the command line loads only when a file must be parsed or converted
  // (server/src/cli/loadAnalysis.ts); also its worker threads' script.
  { entryPoints: ['server/src/cli/analysisBundle.ts'], outfile: 'dist/cliAnalysis.js' },
  // The npm bin `multiphase-lsp` (started as `multiphase-lsp --stdio`).
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
];
const existing = builds.filter((b) => {
  try { readdirSync(dirname(b.entryPoints[0])); return require('node:fs').existsSync(b.entryPoints[0]); } catch { return false; }
});
if (watch) {
  for (const b of existing) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(existing.map((b) => esbuild.build({ ...common, ...b })));
  chmodSync('dist/cli.js', 0o755);
  chmodSync('dist/server.js', 0o755);
}
