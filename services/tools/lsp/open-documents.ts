/** The notifications that keep a server's view of a document in step with the disk. */
export interface DocumentNotifier {
  didOpen(uri: string, languageId: string, version: number, text: string): void;
  didChange(uri: string, version: number, text: string): void;
  didClose(uri: string): void;
}

interface OpenDocument {
  version: number;
  text: string;
}

/** Servers slow down with many open files; past this, the least recently used is closed. */
const DEFAULT_MAX_OPEN = 64;

/**
 * The documents one server has open. Each call syncs the file's current text:
 * opened the first time, a full-text change when it differs from what the
 * server last saw, nothing when it is the same.
 */
export class OpenDocuments {
  // Map iteration order doubles as recency: a synced document is moved to the end.
  private readonly documents = new Map<string, OpenDocument>();
  private readonly notifier: DocumentNotifier;
  private readonly maxOpen: number;

  constructor(notifier: DocumentNotifier, maxOpen = DEFAULT_MAX_OPEN) {
    this.notifier = notifier;
    this.maxOpen = maxOpen;
  }

  sync(uri: string, languageId: string, text: string): void {
    const open = this.documents.get(uri);
    if (open === undefined) {
      this.documents.set(uri, { version: 1, text });
      this.notifier.didOpen(uri, languageId, 1, text);
      this.closeLeastRecent();
      return;
    }
    this.documents.delete(uri);
    this.documents.set(uri, open);
    if (open.text === text) return;
    open.version += 1;
    open.text = text;
    this.notifier.didChange(uri, open.version, text);
  }

  private closeLeastRecent(): void {
    for (const uri of this.documents.keys()) {
      if (this.documents.size <= this.maxOpen) return;
      this.documents.delete(uri);
      this.notifier.didClose(uri);
    }
  }
}
