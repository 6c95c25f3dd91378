// `npm run bench [-- --tree DIR] [-- --runs N]`: builds first (see
// package.json), then measures; see bench/main.ts. Runs under tsx's loader so
// the TypeScript benches and the shared LSP test client load as they are.
import { generateTree } from './generate-tree.mjs';
import { runBench } from './main.ts';

await runBench(process.argv.slice(2), generateTree);
