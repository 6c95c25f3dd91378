// Entry point of the analysis bundle (dist/cliAnalysis.js): the parser, the
// analysis core and the conversion, which the command line loads only when
// a file must be parsed or converted (see loadAnalysis.ts). The bundle is
// also the script of the worker threads of a parallel check.
import { isAnalysisWorker, runAnalysisWorker } from './parseFiles';
import { limitHeapGrowth } from './heapLimits';

export { parseClaimed } from './parseFiles';
export { analyzeFile } from './analyzeFile';
export { convertSource } from './convertSource';
// fix --diff's unified diffs, printed only for files converted.
export { createTwoFilesPatch } from 'diff';

if (isAnalysisWorker()) {
  // Set again in the worker, as when workers ran dist/cli.js: without it a
  // first check of numpy's tree peaked at ~130 MB instead of ~118 MB
  // (medians of 11), though the flags are nominally process-wide.
  limitHeapGrowth();
  void runAnalysisWorker();
}
