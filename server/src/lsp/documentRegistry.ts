// The open documents of one kind by URI, with the listeners that hear of each
// open, change and close. DocumentStore (C/C++) and EmbeddedDocumentStore
// (.rst/.md/.py) both keep theirs here, so lookup and notification are one
// piece of code.

type Listener<T> = (document: T) => void;

export class DocumentRegistry<T extends { readonly uri: string; readonly path: string | undefined }> {
  protected readonly byUri = new Map<string, T>();
  private readonly changeListeners: Listener<T>[] = [];
  private readonly closeListeners: Listener<T>[] = [];

  get(uri: string): T | undefined {
    return this.byUri.get(uri);
  }

  /** The open document for a file on disk, whatever spelling of its URI the client used. */
  forPath(path: string): T | undefined {
    for (const document of this.byUri.values()) if (document.path === path) return document;
    return undefined;
  }

  all(): T[] {
    return [...this.byUri.values()];
  }

  /** Called after a document opens or changes; returns a function that stops the calls. */
  onDidChangeContent(listener: Listener<T>): () => void {
    this.changeListeners.push(listener);
    return () => {
      const index = this.changeListeners.indexOf(listener);
      if (index >= 0) this.changeListeners.splice(index, 1);
    };
  }

  onDidClose(listener: Listener<T>): void {
    this.closeListeners.push(listener);
  }

  /** Tell the change listeners (a copy of the list: a listener may stop itself). */
  protected notifyChange(document: T): void {
    for (const listener of [...this.changeListeners]) listener(document);
  }

  /** Forget `uri`; the document that was open there, if any. */
  protected remove(uri: string): T | undefined {
    const document = this.byUri.get(uri);
    if (!document) return undefined;
    this.byUri.delete(uri);
    return document;
  }

  protected notifyClose(document: T): void {
    for (const listener of this.closeListeners) listener(document);
  }
}
