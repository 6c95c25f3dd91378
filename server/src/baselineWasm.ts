// Keeps the tree-sitter grammars on V8's baseline wasm compiler (Liftoff).
// By default V8 re-compiles hot wasm functions with its optimising compiler
// (TurboFan); the grammars' lexer and parse-table functions are huge, so that
// costs more CPU and memory than the faster code saves in a process that
// parses a few MB: on numpy's tree `check` used about 25 % less CPU and 38 MB
// less peak memory, and the server's workspace scan gains the same way (see
// `npm run bench`). Only speed changes, never what a parse returns.
import { setFlagsFromString } from 'node:v8';

let applied = false;

/**
 * Call before the first grammar is compiled (the CLI and the server do it at
 * start). V8 flags are process-wide, so analysis worker threads inherit it.
 */
export function useBaselineWasmCompiler(): void {
  if (applied || process.env.MULTIPHASE_WASM_OPTIMIZE === '1') return;
  applied = true;
  setFlagsFromString('--liftoff-only');
}
