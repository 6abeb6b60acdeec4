import { textWidth } from './lines.ts';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export interface InputRows {
  readonly rows: readonly string[];
  readonly cursorRow: number;
  /** Index into `rows[cursorRow]` (UTF-16 units) where the cursor stands. */
  readonly cursorIndex: number;
}

/** The input's text cut into rows `width` columns wide (hard wrap), and where the cursor falls. */
export function inputRows(text: string, cursor: number, width: number): InputRows {
  const max = Math.max(2, width);
  const rows: string[] = [];
  let cursorRow = 0;
  let cursorIndex = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    let row = '';
    let used = 0;
    for (const { segment, index } of segmenter.segment(line)) {
      const w = textWidth(segment);
      // Leave one column free at the end of a row for the cursor.
      if (used + w > max - 1) {
        rows.push(row);
        row = '';
        used = 0;
      }
      if (offset + index === cursor) {
        cursorRow = rows.length;
        cursorIndex = row.length;
      }
      row += segment;
      used += w;
    }
    if (offset + line.length === cursor) {
      cursorRow = rows.length;
      cursorIndex = row.length;
    }
    rows.push(row);
    offset += line.length + 1;
  }
  return { rows, cursorRow, cursorIndex };
}
