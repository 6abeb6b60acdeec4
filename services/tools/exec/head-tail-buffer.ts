/**
 * Keeps the first `headLimit` bytes and a rolling window of the last
 * `tailLimit` bytes of a stream, counting (but dropping) everything between, so
 * a command printing gigabytes costs a fixed amount of memory.
 */
export class HeadTailBuffer {
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(headLimit: number, tailLimit: number) {
    this.headLimit = headLimit;
    this.tailLimit = tailLimit;
  }

  append(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const take = Math.min(this.headLimit - this.headBytes, rest.length);
      // Copy so the head does not pin the (possibly large) chunk it came from.
      this.head.push(Buffer.from(rest.subarray(0, take)));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0 || this.tailLimit === 0) return;
    if (rest.length >= this.tailLimit) {
      this.tail = [Buffer.from(rest.subarray(rest.length - this.tailLimit))];
      this.tailBytes = this.tailLimit;
      return;
    }
    this.tail.push(Buffer.from(rest));
    this.tailBytes += rest.length;
    this.trimTail();
    // Many tiny writes would otherwise make the chunk list long and shift() slow.
    if (this.tail.length > 64) this.tail = [Buffer.concat(this.tail)];
  }

  private trimTail(): void {
    while (this.tailBytes > this.tailLimit) {
      const first = this.tail[0];
      if (first === undefined) return;
      const excess = this.tailBytes - this.tailLimit;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
      } else {
        this.tail[0] = Buffer.from(first.subarray(excess));
        this.tailBytes -= excess;
      }
    }
  }

  /** Every byte appended so far, kept or not. */
  get totalBytes(): number {
    return this.total;
  }

  /** Bytes actually held in memory. */
  get retainedBytes(): number {
    return this.headBytes + this.tailBytes;
  }

  get omittedBytes(): number {
    return this.total - this.retainedBytes;
  }

  get truncated(): boolean {
    return this.omittedBytes > 0;
  }

  /** Head and tail as text, with a marker where bytes were dropped. */
  toString(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    if (!this.truncated) return head + tail;
    return `${head}\n[… ${this.omittedBytes} bytes omitted …]\n${tail}`;
  }
}
