// `npm run bench`: builds first (see package.json), then measures the
// language server. Runs under tsx's loader so the TypeScript benches and the
// shared LSP test client load as they are.
import { generateTree } from './generate-tree.mjs';
import { runBenchmarks } from './lspBench.ts';

await runBenchmarks(generateTree);
