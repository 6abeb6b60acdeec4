const DEFAULT_KEEP_CHARS = 400;

/**
 * What a server wrote to stderr, kept small for error messages: the start
 * (where tools like rustup put the reason) and the end (where runtimes put
 * the final error), with the middle dropped.
 */
export class StderrExcerpt {
  private head = '';
  private tail = '';
  private total = 0;
  private readonly keep: number;

  constructor(keep = DEFAULT_KEEP_CHARS) {
    this.keep = keep;
  }

  append(chunk: string): void {
    this.total += chunk.length;
    if (this.head.length < this.keep) this.head += chunk.slice(0, this.keep - this.head.length);
    this.tail = (this.tail + chunk).slice(-this.keep);
  }

  text(): string {
    if (this.total <= this.keep) return this.head.trim();
    if (this.total <= 2 * this.keep) return (this.head + this.tail.slice(this.keep * 2 - this.total)).trim();
    return `${this.head.trimEnd()}\n…\n${this.tail.trimStart()}`.trim();
  }
}
