import { z } from 'zod';
import { defineTool, ok } from '../tool.ts';
import { resolveInWorkspace } from '../workspace-path.ts';
import { commitFiles } from './commit-files.ts';
import { renderDiff } from './diff-output.ts';
import { asPartFailure, combinedFailure, type PartFailure } from './failures.ts';
import { recordChange } from './snapshots.ts';
import { applyStringEdit, encodedResult, loadEditableAt, type EditableFile } from './string-edit.ts';

const editSchema = z.object({
  file: z.string().describe('Path of the file, relative to the workspace root (or absolute inside it)'),
  old_string: z.string().describe('The exact text to replace; empty to create a new file'),
  new_string: z.string().describe('The text to put in its place'),
  replace_all: z.boolean().optional().describe('Replace every occurrence instead of requiring exactly one (default false)'),
});

const parameters = z.object({
  edits: z.array(editSchema).min(1).describe('The edits, applied in order; later edits see the result of earlier ones'),
});

const names = { oldString: 'old_string', newString: 'new_string', replaceAll: 'replace_all' };

export const multieditTool = defineTool({
  id: 'multiedit',
  description: [
    'Make several edits, in one or more files, as a single all-or-nothing change. Each edit works like the',
    'edit tool (old_string → new_string, tolerant of small whitespace differences, must match exactly one',
    'place unless replace_all). Edits apply in order, and several may target the same file: each sees the',
    'result of the previous ones. If any edit fails, no file is written and every failure is reported by its',
    'index in edits. On success all files are written and their diffs shown. Revert with undo.',
  ].join(' '),
  parameters,
  async execute(params, ctx) {
    const files = new Map<string, EditableFile>();
    const failures: PartFailure[] = [];
    const applied: Array<{ index: number; file: string; replacements: number; replacer: string }> = [];

    for (const [index, edit] of params.edits.entries()) {
      const label = `edits[${index}] (${edit.file})`;
      try {
        const path = resolveInWorkspace(ctx.workspaceRoot, edit.file, `edits[${index}].file`);
        const file = files.get(path) ?? (await loadEditableAt(ctx, path));
        files.set(path, file);
        const outcome = applyStringEdit(
          file,
          { oldString: edit.old_string, newString: edit.new_string, replaceAll: edit.replace_all ?? false },
          names,
        );
        applied.push({ index, file: file.shown, replacements: outcome.replacements, replacer: outcome.replacer });
      } catch (err) {
        failures.push(asPartFailure(label, err));
      }
    }
    if (failures.length > 0) {
      throw combinedFailure(
        `${failures.length} of ${params.edits.length} edits failed, so nothing was written. Fix them and send all edits again:`,
        failures,
      );
    }

    const changed = [...files.values()].filter((file) => file.text !== file.originalText);
    const writes = changed.map((file) => ({ path: file.path, before: file.original, after: encodedResult(file) }));
    ctx.signal.throwIfAborted();
    await recordChange(
      ctx,
      'multiedit',
      writes.map((write) => write.path),
      () => commitFiles(writes),
    );

    const diffs = changed.map((file) => ({ file, diff: renderDiff(file.shown, file.originalText, file.text) }));
    const summary = diffs.map(({ file, diff }) => `${file.originalText === null ? 'A' : 'M'} ${file.shown} (+${diff.additions} -${diff.deletions})`);
    return ok(
      [`Applied ${params.edits.length} edits to ${changed.length} file(s):`, ...summary, '', ...diffs.map(({ diff }) => diff.text)].join('\n'),
      {
        files: diffs.map(({ file, diff }) => ({
          file: file.shown,
          created: file.originalText === null,
          additions: diff.additions,
          deletions: diff.deletions,
        })),
        edits: applied,
      },
    );
  },
});
