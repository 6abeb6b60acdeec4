import type { RlmChunk } from '../types.ts';

/**
 * How one type of content is cut: where a unit (a symbol, a time window, a
 * turn, a section) begins, where a unit that grew big may be split softly,
 * and how the title of several merged units reads.
 */
export interface ChunkRules {
  /** A title when this line begins a new unit; undefined when it continues the current one. */
  boundary(text: string, lineNo: number): string | undefined;
  /** The title of a unit that begins without a boundary line (the content's first lines). */
  opening(text: string): string;
  /** May a unit past the soft limit be split before this line? */
  softBreak(text: string): boolean;
  /** The title of a piece split off a unit that grew too big, from its first line (default: the unit's title, "(cont.)"). */
  continuation?(text: string): string | undefined;
  /** The title of a chunk made of several units, from their titles (the first few and the last). */
  merged(titles: readonly string[], units: number): string;
  /** Is this line worth counting in the title (logs count errors)? */
  notable?(text: string): boolean;
  /** Words for the title from that count (for example "3 errors"). */
  note?(notable: number): string;
}

interface Unit {
  start: number;
  end: number;
  bytes: number;
  title: string;
  notable: number;
}

interface Pending extends Unit {
  titles: string[];
  units: number;
}

const titlesKept = 12;

const fileHeader = /^=== FILE: (.*?) ===$/;
const maxTitle = 100;

function clip(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  return flat.length > maxTitle ? `${flat.slice(0, maxTitle - 1)}…` : flat;
}

/**
 * Streams lines into chunk descriptors: units start at the rules' boundaries
 * (and at every `=== FILE:` header of a multi-file content); small neighbouring
 * units merge up to the target size; a unit over it is split, at a soft break
 * once past three quarters of the target, at the latest when it would exceed
 * it. Memory holds only the descriptors.
 */
export class Chunker {
  private readonly rules: ChunkRules;
  private readonly target: number;
  private readonly soft: number;
  private readonly chunks: RlmChunk[] = [];
  private unit: Unit | undefined;
  private pending: Pending | undefined;

  constructor(rules: ChunkRules, targetBytes: number) {
    this.rules = rules;
    this.target = Math.max(256, targetBytes);
    this.soft = Math.floor(this.target * 0.75);
  }

  /** `bytes` counts the line with its newline. */
  line(lineNo: number, bytes: number, text: string): void {
    const file = fileHeader.exec(text);
    const title = file ? `FILE ${file[1]}` : this.rules.boundary(text, lineNo);
    if (file) {
      this.closeUnit();
      this.flushPending();
    }
    const unit = this.unit;
    if (title !== undefined || unit === undefined) {
      this.closeUnit();
      this.unit = { start: lineNo, end: lineNo, bytes: 0, title: clip(title ?? this.rules.opening(text)), notable: 0 };
    } else if (unit.bytes + bytes > this.target || (unit.bytes >= this.soft && this.rules.softBreak(text))) {
      this.closeUnit();
      const title = this.rules.continuation?.(text);
      this.unit = { start: lineNo, end: lineNo, bytes: 0, title: title !== undefined ? clip(title) : continued(unit.title), notable: 0 };
    }
    const current = this.unit!;
    current.end = lineNo;
    current.bytes += bytes;
    if (this.rules.notable?.(text)) current.notable += 1;
  }

  finish(): RlmChunk[] {
    this.closeUnit();
    this.flushPending();
    return this.chunks;
  }

  private closeUnit(): void {
    const unit = this.unit;
    this.unit = undefined;
    if (unit === undefined) return;
    const pending = this.pending;
    if (pending !== undefined && pending.bytes + unit.bytes <= this.target && !unit.title.startsWith('FILE ')) {
      pending.end = unit.end;
      pending.bytes += unit.bytes;
      pending.notable += unit.notable;
      pending.units += 1;
      if (pending.titles.length >= titlesKept) pending.titles.pop();
      pending.titles.push(unit.title);
      return;
    }
    this.flushPending();
    this.pending = { ...unit, titles: [unit.title], units: 1 };
  }

  private flushPending(): void {
    const p = this.pending;
    this.pending = undefined;
    if (p === undefined) return;
    const base = p.units === 1 ? p.title : this.rules.merged(p.titles, p.units);
    const note = p.notable > 0 ? (this.rules.note?.(p.notable) ?? '') : '';
    this.chunks.push({
      id: this.chunks.length + 1,
      startLine: p.start,
      endLine: p.end,
      bytes: p.bytes,
      title: clip(note ? `${base} · ${note}` : base),
    });
  }
}

function continued(title: string): string {
  return title.endsWith('(cont.)') ? title : `${title} (cont.)`;
}
