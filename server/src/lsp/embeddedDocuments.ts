// Open documents that may embed C: reStructuredText, Markdown and Python.
// They keep their text only (no C tree: their regions are parsed when
// analysed). A byte search for the module words comes first, so an ordinary
// Python file costs one string search per change. The regions are found once
// per version (choosing the grammars and analysing both read them); the
// analysis is cached per version and settings generation.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { ConversionOptions } from '../core/convert/options';
import { analyzeEmbeddedText, type EmbeddedAnalysis } from '../core/embedded/analyze';
import { hostEnabled, hostRegions, mayHoldEmbedded, neededLanguages, type EmbeddedOptions, type HostKind, type HostRegions } from '../core/embedded/hosts';
import { isLanguageLoaded, loadLanguage } from '../core/parser';
import { LineIndex } from '../core/text/lines';
import { applyContentChanges } from './textChanges';

export interface EmbeddedDocumentAnalysis {
  version: number;
  settingsGeneration: number;
  text: string;
  lines: LineIndex;
  analysis: EmbeddedAnalysis;
}

const NOTHING: EmbeddedAnalysis = { findings: [], modules: 0, regions: 0, results: [], edits: [], groups: [], silenced: [] };

/**
 * A document's embedded C analysed (nothing when its kind is turned off or it
 * names no module word). `found`: its regions, already found (hostRegions
 * finds none in a text without a module word, so that word test is not run again).
 */
export function analyzeHostText(text: string, kind: HostKind, options: ConversionOptions, embedded: EmbeddedOptions, found?: HostRegions): EmbeddedAnalysis {
  if (!hostEnabled(kind, embedded) || (found ? !holdsAny(found) : !mayHoldEmbedded(text))) return NOTHING;
  return analyzeEmbeddedText(text, kind, options, isLanguageLoaded, found);
}

function holdsAny(found: HostRegions): boolean {
  return found.regions.length > 0 || found.unreadable.length > 0;
}

/** Load the grammars a document's regions need (C++ blocks need the C++ grammar, loaded lazily); true if one was loaded. */
export async function loadNeededGrammars(text: string, kind: HostKind, found?: HostRegions): Promise<boolean> {
  if (!found && !mayHoldEmbedded(text)) return false;
  const missing = neededLanguages(found ?? hostRegions(text, kind)).filter((lang) => !isLanguageLoaded(lang));
  for (const lang of missing) await loadLanguage(lang);
  return missing.length > 0;
}

export class EmbeddedDocument {
  private cached: EmbeddedDocumentAnalysis | null = null;
  private lineIndex: LineIndex | null = null;
  private found: HostRegions | null = null;

  constructor(
    readonly uri: string,
    readonly path: string | undefined,
    readonly kind: HostKind,
    public version: number,
    public text: string,
  ) {}

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  /** This version's regions (found by text alone: a grammar loading later does not change them). */
  get regions(): HostRegions {
    this.found ??= hostRegions(this.text, this.kind);
    return this.found;
  }

  /** Drop the cached analysis (a grammar its regions needed has loaded). */
  forget(): void {
    this.cached = null;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    this.text = applyContentChanges(this.text, this.lines, changes).text;
    this.version = version;
    this.lineIndex = null;
    this.found = null;
    this.cached = null;
  }

  analysis(settingsGeneration: number, options: ConversionOptions, embedded: EmbeddedOptions): EmbeddedDocumentAnalysis {
    const cached = this.cached;
    if (cached && cached.version === this.version && cached.settingsGeneration === settingsGeneration) return cached;
    this.cached = { version: this.version, settingsGeneration, text: this.text, lines: this.lines, analysis: analyzeHostText(this.text, this.kind, options, embedded, hostEnabled(this.kind, embedded) ? this.regions : undefined) };
    return this.cached;
  }
}
