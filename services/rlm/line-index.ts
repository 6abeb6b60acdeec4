/** An index entry every this many bytes: finding a line reads at most this much before it. */
export const defaultIndexSpacing = 64 * 1024;

/**
 * A sparse line index: the byte offset of one line start in every
 * `spacing` bytes, so reading line N means one lookup and a short scan
 * instead of reading everything before it. Stored as its own blob:
 * little-endian float64 pairs (line, offset).
 */
export class LineIndexBuilder {
  private readonly spacing: number;
  private entries: number[] = [1, 0];
  private lastOffset = 0;

  constructor(spacing = defaultIndexSpacing) {
    this.spacing = spacing;
  }

  /** Feed every line start, in order. */
  lineStart(lineNo: number, offset: number): void {
    if (offset - this.lastOffset < this.spacing) return;
    this.entries.push(lineNo, offset);
    this.lastOffset = offset;
  }

  encode(): Buffer {
    const out = Buffer.alloc(this.entries.length * 8);
    this.entries.forEach((value, i) => out.writeDoubleLE(value, i * 8));
    return out;
  }
}

export interface IndexEntry {
  readonly line: number;
  readonly offset: number;
}

export class LineIndex {
  private readonly lines: Float64Array;
  private readonly offsets: Float64Array;

  constructor(encoded: Buffer) {
    const count = Math.floor(encoded.length / 16);
    this.lines = new Float64Array(count);
    this.offsets = new Float64Array(count);
    for (let i = 0; i < count; i += 1) {
      this.lines[i] = encoded.readDoubleLE(i * 16);
      this.offsets[i] = encoded.readDoubleLE(i * 16 + 8);
    }
    if (count === 0) {
      this.lines = Float64Array.of(1);
      this.offsets = Float64Array.of(0);
    }
  }

  get size(): number {
    return this.lines.length;
  }

  /** The last indexed line start at or before `line` (1-based). */
  before(line: number): IndexEntry {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.lines[lo]!, offset: this.offsets[lo]! };
  }
}
