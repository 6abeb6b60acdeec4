import type { Position } from 'vscode-languageserver-protocol';
import { ToolError } from '../tool.ts';

/** Lines as LSP counts them: split on \n, \r\n and lone \r. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * The 0-based LSP position of a 1-based line and column. Columns count
 * UTF-16 code units, as JavaScript strings and LSP's default encoding do; the
 * column just past the line's end is allowed.
 */
export function toLspPosition(text: string, line: number, column: number, shown: string): Position {
  const lines = splitLines(text);
  const lineText = lines[line - 1];
  if (lineText === undefined) {
    throw new ToolError('INVALID_ARGUMENT', `line ${line} is past the end of ${shown}, which has ${lines.length} lines`, {
      total_lines: lines.length,
    });
  }
  if (column > lineText.length + 1) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `column ${column} is past the end of line ${line} of ${shown}, which has ${lineText.length} characters`,
      { line_length: lineText.length },
    );
  }
  return { line: line - 1, character: column - 1 };
}

/** `line:col`, 1-based, for a 0-based LSP position. */
export function formatPosition(position: Position): string {
  return `${position.line + 1}:${position.character + 1}`;
}
