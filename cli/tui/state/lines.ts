import stringWidth from 'string-width';
import type { Theme } from '../theme.ts';

/** A theme colour by role, so lines built once follow a theme change. */
export type Tone = Exclude<keyof Theme, 'name' | 'background'>;

export interface Segment {
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly inverse?: boolean;
}

/** One screen row: segments whose widths add up to at most the width it was wrapped for. */
export interface Line {
  readonly segments: readonly Segment[];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function textWidth(text: string): number {
  return stringWidth(text);
}

/** Tabs and control characters would move the cursor behind the renderer's back. */
export function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, '    ').replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** Cut `text` to at most `width` columns, with an ellipsis when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = textWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

interface Token {
  text: string;
  width: number;
  space: boolean;
  style: Omit<Segment, 'text'>;
}

function tokens(segments: readonly Segment[]): Token[] {
  const out: Token[] = [];
  for (const { text, ...style } of segments) {
    for (const part of sanitize(text).split(/(\s+)/)) {
      if (part === '') continue;
      out.push({ text: part, width: textWidth(part), space: /^\s+$/.test(part), style });
    }
  }
  return out;
}

function splitToken(token: Token, width: number): Token[] {
  const out: Token[] = [];
  let current = '';
  let used = 0;
  for (const { segment } of segmenter.segment(token.text)) {
    const w = textWidth(segment);
    if (used + w > width && current !== '') {
      out.push({ ...token, text: current, width: used });
      current = '';
      used = 0;
    }
    current += segment;
    used += w;
  }
  if (current !== '') out.push({ ...token, text: current, width: used });
  return out;
}

function merge(line: Token[]): Line {
  const segments: Segment[] = [];
  for (const token of line) {
    const last = segments.at(-1);
    const { text: _text, ...lastStyle } = last ?? { text: '' };
    if (last !== undefined && JSON.stringify(lastStyle) === JSON.stringify(token.style)) {
      segments[segments.length - 1] = { ...last, text: last.text + token.text };
    } else {
      segments.push({ ...token.style, text: token.text });
    }
  }
  return { segments };
}

/**
 * Word-wrap one logical line of styled segments to `width` columns; words
 * longer than a row are broken. `indent` columns of blank lead the rows after
 * the first (hanging indent).
 */
export function wrapSegments(segments: readonly Segment[], width: number, indent = 0): Line[] {
  const max = Math.max(1, width);
  const rows: Token[][] = [];
  let row: Token[] = [];
  let used = 0;
  const pad = (): void => {
    if (indent > 0 && indent < max) {
      row.push({ text: ' '.repeat(indent), width: indent, space: true, style: {} });
      used = indent;
    }
  };
  for (const token of tokens(segments)) {
    if (token.space && used === 0) continue;
    const pieces = token.width > max - (rows.length > 0 ? indent : 0) ? splitToken(token, max - (rows.length > 0 && indent < max ? indent : 0)) : [token];
    for (const piece of pieces) {
      if (used + piece.width > max && row.length > 0) {
        while (row.length > 0 && row.at(-1)!.space) row.pop();
        rows.push(row);
        row = [];
        used = 0;
        pad();
        if (piece.space) continue;
      }
      row.push(piece);
      used += piece.width;
    }
  }
  while (row.length > 0 && row.at(-1)!.space && row.length > 1) row.pop();
  rows.push(row);
  return rows.map(merge);
}

/** Wrap multi-line text in one style: each of its own lines wraps on its own. */
export function wrapText(text: string, width: number, style: Omit<Segment, 'text'> = {}, indent = 0): Line[] {
  return text.split('\n').flatMap((line) => wrapSegments([{ ...style, text: line }], width, indent));
}

export function blankLine(): Line {
  return { segments: [] };
}
