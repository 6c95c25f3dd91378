// Chooses V8's wasm compiler for the tree-sitter grammars. By default V8
// re-compiles hot wasm functions with its optimising compiler (TurboFan). The
// grammars' lexer and parse-table functions are huge, so that costs a fixed
// ~250 ms of CPU and ~35 MB of memory per process, and pays back only at
// about 2 MB parsed: measured with `check` on numpy's tree (1.2 MB to parse:
// 1.30 s -> 1.00 s CPU, 175 -> 135 MB) and on generated trees (1.5 MB: even;
// 5.8 MB: 3.8 s -> 4.5 s CPU with the baseline compiler only). Only speed
// and memory change, never what a parse returns.
//
// V8 decides whether a wasm module tiers up when it compiles the module, and
// a module compiled once is shared by every thread of the process. So `check`
// compiles the tree-sitter runtime first, under the decision taken for the
// work ahead, then sets the flag before any grammar is compiled
// (analyzeFile.ts): from 2 to 8 MB the runtime is optimised and the grammars
// are not. The grammar's lexer was the largest optimising compile (~17 MB of
// compiler memory, which the C allocator keeps for the rest of the run): on
// a generated 2,000-file tree (6 MB to parse) peak RSS fell by ~8-14 MB with
// CPU the same within the noise (3.42 -> 3.46 s, 3.71 -> 3.67 s); at 8,000
// files (24 MB) the grammars' tier-up pays back (~2.5 % CPU), so above 8 MB
// they are optimised too.
import { setFlagsFromString } from 'node:v8';

/** Below this many bytes to parse, the baseline compiler (Liftoff) alone is cheaper. */
export const BASELINE_WASM_MAX_BYTES = 2 * 1024 * 1024;

/** Up to this many bytes to parse, the grammars stay on the baseline compiler even where the runtime is optimised. */
export const BASELINE_GRAMMAR_MAX_BYTES = 8 * 1024 * 1024;

let applied = false;
let grammarsOnBaseline = true;

/**
 * Choose the compilers from the work ahead, before any wasm is compiled: in
 * the main thread and in each analysis worker (whose grammar decision is its
 * own module state, though the flag is shared).
 */
export function chooseWasmTiers(bytesToParse: number): void {
  if (bytesToParse <= BASELINE_WASM_MAX_BYTES) useBaselineWasmCompiler();
  grammarsOnBaseline = bytesToParse <= BASELINE_GRAMMAR_MAX_BYTES;
}

/** Call once the runtime is compiled and before a grammar is: keeps the grammars on the baseline compiler when chooseWasmTiers said so. */
export function beforeGrammarCompile(): void {
  if (grammarsOnBaseline) useBaselineWasmCompiler();
}

/**
 * Keep wasm on the baseline compiler: every module compiled from now on
 * (a module compiled before keeps its tiers). The flag is process-wide, so
 * analysis worker threads inherit it.
 * `MULTIPHASE_WASM_OPTIMIZE=1` keeps V8's default (for measurements).
 */
export function useBaselineWasmCompiler(): void {
  if (applied || process.env.MULTIPHASE_WASM_OPTIMIZE === '1') return;
  applied = true;
  setFlagsFromString('--liftoff-only');
}
