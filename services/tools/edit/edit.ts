import { z } from 'zod';
import { defineTool, ok } from '../tool.ts';
import { commitFiles } from './commit-files.ts';
import { renderDiff } from './diff-output.ts';
import { recordChange } from './snapshots.ts';
import { applyStringEdit, encodedResult, loadEditable } from './string-edit.ts';

const parameters = z.object({
  filePath: z.string().describe('Path of the file to edit, relative to the workspace root (or absolute inside it)'),
  oldString: z
    .string()
    .describe('The exact text to replace, copied from the file with enough surrounding lines to be unique. Empty to create a new file.'),
  newString: z.string().describe('The text to put in its place (must differ from oldString)'),
  replaceAll: z.boolean().default(false).describe('Replace every occurrence of oldString instead of requiring exactly one'),
});

export const editTool = defineTool({
  id: 'edit',
  description: [
    'Replace text in a file: finds oldString and puts newString in its place, then shows the diff.',
    'oldString should be copied exactly from the file (without line-number prefixes). Small differences in',
    'indentation or whitespace are tolerated, but oldString must identify exactly one place unless replaceAll',
    'is true; if it matches several, include more surrounding lines. To create a new file, pass an empty',
    "oldString. The file's line endings (LF or CRLF) are kept. The change can be reverted with undo.",
  ].join(' '),
  parameters,
  async execute(params, ctx) {
    const file = await loadEditable(ctx, params.filePath, 'filePath');
    const outcome = applyStringEdit(
      file,
      { oldString: params.oldString, newString: params.newString, replaceAll: params.replaceAll },
      { oldString: 'oldString', newString: 'newString', replaceAll: 'replaceAll' },
    );
    const after = encodedResult(file);
    ctx.signal.throwIfAborted();
    await recordChange(ctx, 'edit', [file.path], () => commitFiles([{ path: file.path, before: file.original, after }]));
    const diff = renderDiff(file.shown, file.originalText, file.text);
    const what = outcome.created
      ? `Created ${file.shown}`
      : `Edited ${file.shown}: ${outcome.replacements} replacement${outcome.replacements === 1 ? '' : 's'}`;
    return ok(`${what} (+${diff.additions} -${diff.deletions}).\n\n${diff.text}`, {
      file: file.shown,
      replacements: outcome.replacements,
      replacer: outcome.replacer,
      created: outcome.created,
      additions: diff.additions,
      deletions: diff.deletions,
    });
  },
});
