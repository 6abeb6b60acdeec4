/** Called once per line: its 1-based number, byte offset and length (without the newline), and its first bytes. */
export type LineHandler = (lineNo: number, start: number, length: number, head: Buffer) => void;

const newline = 10;

/**
 * Splits a byte stream into lines without holding more than one line's head:
 * lines end at `\n` (a trailing `\r` stays in the bytes; readers strip it),
 * the empty string after a final newline is not a line. `head` is at most
 * `headBytes` long and is only valid during the call.
 */
export class LineScanner {
  private readonly onLine: LineHandler;
  private readonly headBytes: number;
  private offset = 0;
  private lineNo = 1;
  private lineStart = 0;
  private carry: Buffer[] = [];
  private carryBytes = 0;

  constructor(onLine: LineHandler, headBytes = 256) {
    this.onLine = onLine;
    this.headBytes = headBytes;
  }

  /** Lines completed so far. */
  get lines(): number {
    return this.lineNo - 1;
  }

  get bytes(): number {
    return this.offset;
  }

  push(buf: Buffer): void {
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(newline, pos);
      if (nl === -1) {
        this.keep(buf, pos, buf.length);
        break;
      }
      const end = this.offset + nl;
      this.emit(this.headOf(buf, pos, nl), end - this.lineStart);
      this.lineStart = end + 1;
      pos = nl + 1;
    }
    this.offset += buf.length;
  }

  /** The last line, when the content does not end with a newline. */
  end(): void {
    if (this.lineStart < this.offset) this.emit(this.headOf(Buffer.alloc(0), 0, 0), this.offset - this.lineStart);
    this.lineStart = this.offset;
  }

  private emit(head: Buffer, length: number): void {
    this.onLine(this.lineNo, this.lineStart, length, head);
    this.lineNo += 1;
    this.carry = [];
    this.carryBytes = 0;
  }

  private headOf(buf: Buffer, from: number, to: number): Buffer {
    if (this.carryBytes === 0) return buf.subarray(from, Math.min(to, from + this.headBytes));
    this.keep(buf, from, to);
    return Buffer.concat(this.carry, this.carryBytes);
  }

  private keep(buf: Buffer, from: number, to: number): void {
    const room = this.headBytes - this.carryBytes;
    if (room <= 0 || from >= to) return;
    // Copy: the caller may reuse its buffer.
    const piece = Buffer.from(buf.subarray(from, Math.min(to, from + room)));
    this.carry.push(piece);
    this.carryBytes += piece.length;
  }
}

/** A line's head as text: UTF-8, without a trailing `\r`. */
export function headText(head: Buffer): string {
  const end = head.length > 0 && head[head.length - 1] === 13 ? head.length - 1 : head.length;
  return head.toString('utf8', 0, end);
}
