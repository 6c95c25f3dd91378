// The command line comes in two bundles. dist/cli.js holds what every run
// needs: arguments, the walk, the result cache, screening on raw bytes, the
// output formats and fix's reads and writes. dist/cliAnalysis.js holds the
// parser, the analysis core and the conversion: a check whose every file is
// screened out or reused from the cache never loads it. Loading one bundle
// of both cost ~18 ms over node's own start, dist/cli.js alone ~7 ms (2
// cores, medians of 25). The two share no module state: only plain data
// (file names, options, results, texts) crosses between them.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as AnalysisBundle from './analysisBundle';

/** Built next to dist/cli.js by esbuild.config.mjs. */
const ANALYSIS_BUNDLE = 'cliAnalysis.js';

/**
 * The analysis bundle's file when running from a bundle (its build is part
 * of the result cache's build stamp), else the TypeScript module (the tests
 * run the sources under tsx).
 */
export function analysisBundlePath(): string {
  return __filename.endsWith('.js') ? join(__dirname, ANALYSIS_BUNDLE) : join(__dirname, 'analysisBundle.ts');
}

/** The analysis bundle, loaded on first use (require caches it). */
export function loadAnalysis(): typeof AnalysisBundle {
  // Through createRequire, which esbuild leaves alone: a plain require would be bundled in.
  return createRequire(__filename)(analysisBundlePath()) as typeof AnalysisBundle;
}
