import { ToolError, type ToolContext } from '../tool.ts';
import { displayPath, resolveInWorkspace } from '../workspace-path.ts';
import { isDirectory, readFileOrNull } from './file-io.ts';
import { decodeText, encodeText, newFileFormat, toEditingForm, type TextFormat } from './text-file.ts';
import { replaceTolerant, type ParameterNames } from './tolerant-replace.ts';

/** A file being edited in memory: what is on disk, and the text as edited so far (null: absent). */
export interface EditableFile {
  readonly path: string;
  readonly shown: string;
  readonly original: Buffer | null;
  readonly originalText: string | null;
  /** Kept on write; a renamed file takes its source's format. */
  format: TextFormat;
  text: string | null;
}

export async function loadEditable(ctx: ToolContext, requested: string, what: string): Promise<EditableFile> {
  return loadEditableAt(ctx, resolveInWorkspace(ctx.workspaceRoot, requested, what));
}

/** Load a file whose path was already confined with resolveInWorkspace. */
export async function loadEditableAt(ctx: ToolContext, path: string): Promise<EditableFile> {
  const shown = displayPath(ctx.workspaceRoot, path);
  if (await isDirectory(path)) throw new ToolError('INVALID_ARGUMENT', `${shown} is a directory, not a file`);
  const original = await readFileOrNull(path);
  if (original === null) return { path, shown, original, originalText: null, format: newFileFormat, text: null };
  const { text, format } = decodeText(original, shown);
  return { path, shown, original, originalText: text, format, text };
}

export function encodedResult(file: EditableFile): Buffer | null {
  return file.text === null ? null : encodeText(file.text, file.format);
}

export interface StringEdit {
  readonly oldString: string;
  readonly newString: string;
  readonly replaceAll: boolean;
}

export interface StringEditOutcome {
  readonly replacements: number;
  /** Which replacer found oldString, or `create` / `fill-empty`. */
  readonly replacer: string;
  readonly created: boolean;
}

/** Apply one oldString → newString edit to the in-memory file (it changes `file.text`). */
export function applyStringEdit(file: EditableFile, edit: StringEdit, names: ParameterNames & { newString: string }): StringEditOutcome {
  if (edit.oldString === edit.newString) {
    throw new ToolError('INVALID_ARGUMENT', `${names.oldString} and ${names.newString} are identical; there is nothing to change`);
  }
  const newString = toEditingForm(edit.newString, file.format);
  if (file.text === null) {
    if (edit.oldString !== '') {
      throw new ToolError('NOT_FOUND', `File ${file.shown} does not exist. To create it, pass an empty ${names.oldString}.`);
    }
    file.text = newString;
    return { replacements: 1, replacer: 'create', created: true };
  }
  if (edit.oldString === '') {
    if (file.text !== '') {
      throw new ToolError(
        'INVALID_ARGUMENT',
        `${names.oldString} is empty but ${file.shown} already has content; give the text to replace`,
      );
    }
    file.text = newString;
    return { replacements: 1, replacer: 'fill-empty', created: false };
  }
  const result = replaceTolerant(file.text, toEditingForm(edit.oldString, file.format), newString, edit.replaceAll, names);
  if (result.content === file.text) {
    throw new ToolError('INVALID_ARGUMENT', `the edit would leave ${file.shown} unchanged`);
  }
  file.text = result.content;
  return { replacements: result.count, replacer: result.replacer, created: false };
}
