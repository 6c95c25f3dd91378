// The language server as an editor sees it, over stdio, each figure beside a
// baseline from the same run: start-up to first diagnostics and keystroke
// latency beside bench/minimalServer.cjs (vscode-languageserver publishing
// one fixed diagnostic), and keystrokes also beside a plain web-tree-sitter
// incremental reparse of the same edits in this process.
import { dirname, join } from 'node:path';
import { Language, Parser, type Edit } from 'web-tree-sitter';
import { editorCapabilities, LspTestClient, REPO_ROOT } from '../test/support/lspClient';
import { singlePhaseModule } from '../test/integration/lsp/sources';
import { peakRssMb } from './treeBench';
import { median, percentile } from './report';
import { generateFile } from './sourceGenerator';

const MINIMAL_SERVER = join(REPO_ROOT, 'bench', 'minimalServer.cjs');
const OPTIONS = { initializationOptions: { diagnosticsDebounceMs: 0 }, capabilities: editorCapabilities() };

/** Median time from spawning a server to the first diagnostics for a file opened right after initialize. */
export async function measureStartup(runs: number, serverPath?: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const client = LspTestClient.spawn(serverPath);
    try {
      await client.initialize(OPTIONS);
      const uri = 'file:///bench/startup.c';
      await client.open(uri, singlePhaseModule('startup'));
      await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      times.push(performance.now() - started);
    } finally {
      await client.shutdown();
    }
  }
  return median(times);
}

interface Keystroke {
  /** LSP position of the insertion. */
  line: number;
  character: number;
  offset: number;
  text: string;
}

/** One character at a time, typed into PyInit_beta's body: 40 new lines of code. */
function keystrokes(text: string, count: number): Keystroke[] {
  let offset = text.indexOf('{\n', text.indexOf('PyInit_beta(void)')) + 2;
  let line = text.slice(0, offset).split('\n').length - 1;
  let character = 0;
  const typed = Array.from({ length: 40 }, (_, i) => `    int counter_${i} = ${i};\n`).join('').slice(0, count);
  const out: Keystroke[] = [];
  for (const ch of typed) {
    out.push({ line, character, offset, text: ch });
    offset++;
    if (ch === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  return out;
}

export interface KeystrokeFigures {
  lines: number;
  edits: number;
  p50: number;
  p95: number;
  peakRssMb?: number;
}

/** Each keystroke's time from didChange to the diagnostics of that version. */
export async function measureKeystrokes(lines: number, edits: number, serverPath?: string): Promise<KeystrokeFigures> {
  const text = generateFile('bench', lines, ['alpha', 'beta', 'gamma']);
  const client = LspTestClient.spawn(serverPath);
  try {
    await client.initialize(OPTIONS);
    const uri = 'file:///bench/keystrokes.c';
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const latencies: number[] = [];
    for (const key of keystrokes(text, edits)) {
      const at = { line: key.line, character: key.character };
      const started = performance.now();
      const version = await client.change(uri, [{ range: { start: at, end: at }, text: key.text }]);
      await client.nextDiagnostics(uri, (p) => p.version === version);
      latencies.push(performance.now() - started);
    }
    return { lines: text.split('\n').length, edits, p50: percentile(latencies, 50), p95: percentile(latencies, 95), peakRssMb: peakRssMb(client.pid) };
  } finally {
    await client.shutdown();
  }
}

/** The same edits, re-parsed incrementally by web-tree-sitter alone (tree.edit + parse with the old tree). */
export async function treeSitterKeystrokes(lines: number, edits: number): Promise<{ p50: number; p95: number }> {
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(join(dirname(require.resolve('tree-sitter-c/package.json')), 'tree-sitter-c.wasm')));
  let text = generateFile('bench', lines, ['alpha', 'beta', 'gamma']);
  let tree = parser.parse(text)!;
  const latencies: number[] = [];
  for (const key of keystrokes(text, edits)) {
    const started = performance.now();
    text = text.slice(0, key.offset) + key.text + text.slice(key.offset);
    const newEnd = key.text === '\n' ? { row: key.line + 1, column: 0 } : { row: key.line, column: key.character + 1 };
    const edit: Edit = { startIndex: key.offset, oldEndIndex: key.offset, newEndIndex: key.offset + 1, startPosition: { row: key.line, column: key.character }, oldEndPosition: { row: key.line, column: key.character }, newEndPosition: newEnd };
    tree.edit(edit);
    const next = parser.parse(text, tree)!;
    tree.delete();
    tree = next;
    latencies.push(performance.now() - started);
  }
  tree.delete();
  parser.delete();
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

export { MINIMAL_SERVER };
