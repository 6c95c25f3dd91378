// Open documents: text, version, and a syntax tree kept up to date
// incrementally. Each change is applied to the old tree with `tree.edit` and
// re-parsed from it; the replaced tree is deleted at once because wasm memory
// is never garbage-collected. The latest analysis is cached per version.
// While the user types, a parse may be cut short by a time limit (latency);
// such a document is parsed in full, without a limit, once typing pauses.
import type {
  Connection,
  DidChangeTextDocumentParams,
  DidOpenTextDocumentParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import type { Tree } from 'web-tree-sitter';
import type { ConversionOptions } from '../core/convert/options';
import type { Finding } from '../core/findings';
import { languageForLanguageId, type LanguageId } from '../core/grammars';
import type { FileModel } from '../core/model';
import { FunctionMemo } from '../core/analysis/functionMemo';
import { isLanguageLoaded, loadLanguage, ParseTimeoutError, parseText } from '../core/parser';
import { LineIndex } from '../core/text/lines';
import { analyzeLive, verdictOf, type VerdictCache } from './liveAnalysis';
import { nextTurn } from './scheduling';
import { applyContentChanges } from './textChanges';
import { uriToPath } from './uris';
import { DocumentRegistry } from './documentRegistry';
import { EmbeddedDocumentStore } from './embeddedStore';
import { hostKindForLanguageId } from '../core/embedded/hosts';

export interface DocumentAnalysis {
  version: number;
  settingsGeneration: number;
  text: string;
  lines: LineIndex;
  model: FileModel;
  findings: Finding[];
  /** False when converter verdicts were remembered from an earlier version (see liveAnalysis). */
  exact: boolean;
}

export class OpenDocument {
  private tree: Tree | null = null;
  private lineIndex: LineIndex | null = null;
  private cached: DocumentAnalysis | null = null;
  private verdicts: VerdictCache | null = null;
  private verdictsGeneration = -1;
  /** The functions earlier analyses found, so a keystroke inside a body does not re-read them all. */
  private readonly functions = new FunctionMemo();
  /** Why the last parse failed (a timeout); logged after each change while it lasts. */
  parseFailure: string | null = null;
  /**
   * No tree for this text yet, but one is owed (see ensureParsed): the last
   * parse ran out of the typing-time limit, or the grammar is still loading
   * (the C++ grammar loads when the first C++ document or file needs it).
   */
  parseCutShort = false;

  constructor(
    readonly uri: string,
    readonly path: string | undefined,
    readonly lang: LanguageId,
    public version: number,
    public text: string,
    private readonly parseTimeoutMs: number,
  ) {
    this.reparse(null, true);
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  get syntaxTree(): Tree | null {
    return this.tree;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const applied = applyContentChanges(this.text, this.lines, changes);
    this.dropAnalysis();
    this.text = applied.text;
    this.version = version;
    this.lineIndex = null;
    const old = this.tree;
    const incremental = old && !applied.replaced ? old : null;
    if (incremental) for (const edit of applied.edits) incremental.edit(edit);
    this.reparse(incremental, true);
    if (incremental && this.tree) this.functions.noteEdit(applied.edits, incremental.getChangedRanges(this.tree));
    else this.functions.forget();
    old?.delete();
  }

  /**
   * Analysis of the current version under the given settings generation; null
   * when the text could not be parsed. Quick: converter verdicts may be
   * remembered from an earlier version (see liveAnalysis).
   */
  analysis(settingsGeneration: number, options: ConversionOptions): DocumentAnalysis | null {
    const cached = this.cached;
    if (cached && cached.version === this.version && cached.settingsGeneration === settingsGeneration) return cached;
    const remembered = this.verdictsGeneration === settingsGeneration ? this.verdicts : null;
    // Just opened: show the findings first; the converter's verdicts come with the exact analysis.
    return this.analyse(settingsGeneration, options, remembered, false, this.verdicts === null);
  }

  /**
   * The analysis with every verdict asked of the converter for this text. One
   * module at a time, giving the event loop a turn in between; resolves null
   * when the document changed (or closed) meanwhile.
   */
  async exactAnalysis(settingsGeneration: number, options: ConversionOptions): Promise<DocumentAnalysis | null> {
    // Typing has paused: a parse the time limit cut short is done in full now.
    await this.ensureParsed();
    const start = this.analysis(settingsGeneration, options);
    if (!start || start.exact) return start;
    const verdicts: VerdictCache = new Map();
    for (const module of start.model.modules) {
      if (module.phase !== 'single') continue;
      await nextTurn();
      if (this.cached !== start) return null;
      verdicts.set(module.name, verdictOf(start.model, module, options));
    }
    await nextTurn();
    if (this.cached !== start) return null;
    // Same text, same model: the conversions just made stay with it for code actions.
    return this.analyse(settingsGeneration, options, verdicts, true, false, start.model);
  }

  private analyse(settingsGeneration: number, options: ConversionOptions, remembered: VerdictCache | null, rememberedAreExact: boolean, unknownAsConvertible = false, model?: FileModel): DocumentAnalysis | null {
    if (model && this.cached?.model === model) this.cached = null;
    else this.dropAnalysis();
    if (!this.tree) return null;
    const verdicts: VerdictCache = new Map();
    const live = analyzeLive(this.text, this.tree, this.lang, options, remembered, verdicts, { rememberedAreExact, unknownAsConvertible, functions: this.functions, model });
    this.verdicts = verdicts;
    this.verdictsGeneration = settingsGeneration;
    this.cached = { version: this.version, settingsGeneration, text: this.text, lines: this.lines, model: live.model, findings: live.findings, exact: live.exact };
    return this.cached;
  }

  dispose(): void {
    this.dropAnalysis();
    this.tree?.delete();
    this.tree = null;
  }

  private dropAnalysis(): void {
    this.cached?.model.dispose();
    this.cached = null;
  }

  /** Parse in full, without a limit, if a tree is owed: after loading the grammar if need be. */
  async ensureParsed(): Promise<void> {
    if (this.tree || !this.parseCutShort) return;
    await loadLanguage(this.lang);
    if (!this.tree && this.parseCutShort) this.reparse(null, false);
  }

  private reparse(oldTree: Tree | null, limited: boolean): void {
    if (!isLanguageLoaded(this.lang)) {
      // The grammar is on its way; DocumentStore.open parses once it is here.
      this.tree = null;
      this.parseCutShort = true;
      this.parseFailure = null;
      return;
    }
    try {
      this.tree = parseText(this.text, this.lang, oldTree, limited ? this.parseTimeoutMs : undefined);
      this.parseFailure = null;
      this.parseCutShort = false;
    } catch (error) {
      this.tree = null;
      this.parseCutShort = error instanceof ParseTimeoutError;
      this.parseFailure = error instanceof Error ? error.message : String(error);
    }
  }
}

export class DocumentStore extends DocumentRegistry<OpenDocument> {
  /** Open .rst/.md/.py documents (they may embed C); kept apart from the C/C++ documents. */
  readonly embedded = new EmbeddedDocumentStore();

  constructor(private readonly parseTimeoutMs: number) {
    super();
  }

  listen(connection: Connection): void {
    connection.onDidOpenTextDocument((params) => this.open(params, connection));
    connection.onDidChangeTextDocument((params) => this.change(params, connection));
    connection.onDidCloseTextDocument(({ textDocument }) => {
      this.embedded.close(textDocument.uri);
      const document = this.remove(textDocument.uri);
      if (!document) return;
      document.dispose();
      this.notifyClose(document);
    });
  }

  private open({ textDocument }: DidOpenTextDocumentParams, connection: Connection): void {
    const path = uriToPath(textDocument.uri);
    const lang = languageForLanguageId(textDocument.languageId, path ?? textDocument.uri);
    if (!lang) {
      const kind = hostKindForLanguageId(textDocument.languageId, path ?? textDocument.uri);
      if (kind) this.embedded.open(textDocument.uri, path, kind, textDocument.version, textDocument.text);
      return;
    }
    this.byUri.get(textDocument.uri)?.dispose();
    const document = new OpenDocument(textDocument.uri, path, lang, textDocument.version, textDocument.text, this.parseTimeoutMs);
    this.byUri.set(textDocument.uri, document);
    this.reportParseFailure(document, connection);
    this.notifyChange(document);
    if (!isLanguageLoaded(lang)) {
      // First document of this language: diagnostics follow as soon as its grammar is loaded.
      void document.ensureParsed().then(() => {
        if (this.byUri.get(document.uri) !== document || !document.syntaxTree) return;
        this.notifyChange(document);
      });
    }
  }

  private change({ textDocument, contentChanges }: DidChangeTextDocumentParams, connection: Connection): void {
    this.embedded.change(textDocument.uri, contentChanges, textDocument.version);
    const document = this.byUri.get(textDocument.uri);
    if (!document) return;
    document.update(contentChanges, textDocument.version);
    this.reportParseFailure(document, connection);
    this.notifyChange(document);
  }

  private reportParseFailure(document: OpenDocument, connection: Connection): void {
    if (!document.parseFailure) return;
    const when = document.parseCutShort ? 'diagnostics follow once typing pauses' : 'no diagnostics until it parses';
    connection.console.warn(`${document.uri}: ${document.parseFailure}; ${when}.`);
  }
}
