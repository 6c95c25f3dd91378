// The open documents that may embed C (.rst, .md, .py), kept apart from the
// C/C++ documents: DocumentStore hands them here. Listeners hear of each
// open and change, and once more when a grammar the document's C needs has
// loaded (C++ blocks load the C++ grammar on demand).
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { HostKind } from '../core/embedded/hosts';
import { EmbeddedDocument, loadNeededGrammars } from './embeddedDocuments';

type EmbeddedListener = (document: EmbeddedDocument) => void;

export class EmbeddedDocumentStore {
  private readonly byUri = new Map<string, EmbeddedDocument>();
  private readonly changeListeners: EmbeddedListener[] = [];
  private readonly closeListeners: EmbeddedListener[] = [];

  get(uri: string): EmbeddedDocument | undefined {
    return this.byUri.get(uri);
  }

  all(): EmbeddedDocument[] {
    return [...this.byUri.values()];
  }

  forPath(path: string): EmbeddedDocument | undefined {
    for (const document of this.byUri.values()) if (document.path === path) return document;
    return undefined;
  }

  /** Called after a document opens or changes; returns a function that stops the calls. */
  onDidChange(listener: EmbeddedListener): () => void {
    this.changeListeners.push(listener);
    return () => {
      const index = this.changeListeners.indexOf(listener);
      if (index >= 0) this.changeListeners.splice(index, 1);
    };
  }

  onDidClose(listener: EmbeddedListener): void {
    this.closeListeners.push(listener);
  }

  open(uri: string, path: string | undefined, kind: HostKind, version: number, text: string): void {
    const document = new EmbeddedDocument(uri, path, kind, version, text);
    this.byUri.set(uri, document);
    this.notify(document);
  }

  change(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const document = this.byUri.get(uri);
    if (!document) return;
    document.update(changes, version);
    this.notify(document);
  }

  close(uri: string): void {
    const document = this.byUri.get(uri);
    if (!document) return;
    this.byUri.delete(uri);
    for (const listener of this.closeListeners) listener(document);
  }

  private notify(document: EmbeddedDocument): void {
    for (const listener of [...this.changeListeners]) listener(document);
    void loadNeededGrammars(document.text, document.kind).then((loaded) => {
      if (!loaded || this.byUri.get(document.uri) !== document) return;
      document.forget();
      for (const listener of [...this.changeListeners]) listener(document);
    });
  }
}
