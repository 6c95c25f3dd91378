// Chooses V8's wasm compiler for the tree-sitter grammars. By default V8
// re-compiles hot wasm functions with its optimising compiler (TurboFan). The
// grammars' lexer and parse-table functions are huge, so that costs a fixed
// ~250 ms of CPU and ~35 MB of memory per process, and pays back only at
// about 2 MB parsed: measured with `check` on numpy's tree (1.2 MB to parse:
// 1.30 s -> 1.00 s CPU, 175 -> 135 MB) and on generated trees (1.5 MB: even;
// 5.8 MB: 3.8 s -> 4.5 s CPU with the baseline compiler only). Only speed
// and memory change, never what a parse returns.
import { setFlagsFromString } from 'node:v8';

/** Below this many bytes to parse, the baseline compiler (Liftoff) alone is cheaper. */
export const BASELINE_WASM_MAX_BYTES = 2 * 1024 * 1024;

let applied = false;

/**
 * Keep wasm on the baseline compiler: call before the first grammar is
 * compiled. The flag is process-wide, so analysis worker threads inherit it.
 * `MULTIPHASE_WASM_OPTIMIZE=1` keeps V8's default (for measurements).
 */
export function useBaselineWasmCompiler(): void {
  if (applied || process.env.MULTIPHASE_WASM_OPTIMIZE === '1') return;
  applied = true;
  setFlagsFromString('--liftoff-only');
}
