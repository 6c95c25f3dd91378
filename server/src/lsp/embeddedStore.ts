// The open documents that may embed C (.rst, .md, .py), kept apart from the
// C/C++ documents: DocumentStore hands them here. Listeners hear of each
// open and change, and once more when a grammar the document's C needs has
// loaded (C++ blocks load the C++ grammar on demand).
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { HostKind } from '../core/embedded/hosts';
import { DocumentRegistry } from './documentRegistry';
import { EmbeddedDocument, loadNeededGrammars } from './embeddedDocuments';

export class EmbeddedDocumentStore extends DocumentRegistry<EmbeddedDocument> {
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
    const document = this.remove(uri);
    if (document) this.notifyClose(document);
  }

  private notify(document: EmbeddedDocument): void {
    this.notifyChange(document);
    void loadNeededGrammars(document.text, document.kind, document.regions).then((loaded) => {
      if (!loaded || this.byUri.get(document.uri) !== document) return;
      document.forget();
      this.notifyChange(document);
    });
  }
}
