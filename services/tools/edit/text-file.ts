import { ToolError } from '../tool.ts';

/**
 * How a text file stores line breaks. Pure-CRLF files are edited as LF and
 * converted back on write; files with mixed endings are edited byte for byte.
 */
export type LineEndings = 'lf' | 'crlf' | 'mixed';

export interface TextFormat {
  readonly lineEndings: LineEndings;
  readonly bom: boolean;
}

export interface DecodedText {
  /** The content as the tools match against it (LF line breaks unless `mixed`). */
  readonly text: string;
  readonly format: TextFormat;
}

const BOM = '\uFEFF';

/** The format a newly created file gets. */
export const newFileFormat: TextFormat = { lineEndings: 'lf', bom: false };

function detectLineEndings(raw: string): LineEndings {
  const crlf = raw.match(/\r\n/g)?.length ?? 0;
  if (crlf === 0) return 'lf';
  const allLf = raw.match(/\n/g)?.length ?? 0;
  return crlf === allLf ? 'crlf' : 'mixed';
}

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

/** Decode a file for editing; binary files are refused. */
export function decodeText(bytes: Buffer, shownAs: string): DecodedText {
  if (looksBinary(bytes)) {
    throw new ToolError('INVALID_ARGUMENT', `${shownAs} is a binary file; it cannot be edited as text`);
  }
  let raw = bytes.toString('utf8');
  const bom = raw.startsWith(BOM);
  if (bom) raw = raw.slice(1);
  const lineEndings = detectLineEndings(raw);
  const text = lineEndings === 'crlf' ? raw.replace(/\r\n/g, '\n') : raw;
  return { text, format: { lineEndings, bom } };
}

/**
 * Bring text the model wrote (oldString, newString, patch lines) to the form
 * the file is edited in: LF, unless the file mixes endings and is kept raw.
 */
export function toEditingForm(text: string, format: TextFormat): string {
  return format.lineEndings === 'mixed' ? text : text.replace(/\r\n/g, '\n');
}

/** Encode edited text back with the file's own line endings and BOM. */
export function encodeText(text: string, format: TextFormat): Buffer {
  const body = format.lineEndings === 'crlf' ? text.replace(/\r?\n/g, '\r\n') : text;
  return Buffer.from(format.bom ? BOM + body : body, 'utf8');
}
