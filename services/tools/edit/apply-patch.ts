import { z } from 'zod';
import { defineTool, ok, ToolError, type ToolContext } from '../tool.ts';
import { resolveInWorkspace } from '../workspace-path.ts';
import { commitFiles } from './commit-files.ts';
import { renderDiff } from './diff-output.ts';
import { asPartFailure, combinedFailure, type PartFailure } from './failures.ts';
import { applyHunks } from './patch-apply.ts';
import { parsePatch, type FilePatch } from './patch-parse.ts';
import { recordChange } from './snapshots.ts';
import { encodedResult, loadEditableAt, type EditableFile } from './string-edit.ts';

const parameters = z.object({
  patch: z.string().describe('A unified diff (git diff or diff -u output); may cover several files'),
  dry_run: z.boolean().default(false).describe('Only check that the patch applies and show what would change; write nothing'),
});

/** The files a patch touches, loaded once and patched in memory. */
class PatchWorkspace {
  readonly files = new Map<string, EditableFile>();
  readonly notes: string[] = [];
  readonly #ctx: ToolContext;

  constructor(ctx: ToolContext) {
    this.#ctx = ctx;
  }

  async file(path: string): Promise<EditableFile> {
    const absolute = resolveInWorkspace(this.#ctx.workspaceRoot, path, 'patch path');
    const known = this.files.get(absolute);
    if (known) return known;
    const loaded = await loadEditableAt(this.#ctx, absolute);
    this.files.set(absolute, loaded);
    return loaded;
  }

  async apply(section: FilePatch): Promise<void> {
    const source = section.oldPath === null ? null : await this.file(section.oldPath);
    const target = section.newPath === null ? null : await this.file(section.newPath);
    if (source === null) {
      if (target === null) return;
      if (target.text !== null) {
        throw new ToolError('INVALID_ARGUMENT', `${target.shown} already exists, but the patch creates it (--- /dev/null)`);
      }
      target.text = this.#patched(target.shown, null, section);
      return;
    }
    if (source.text === null) throw new ToolError('NOT_FOUND', `${source.shown} does not exist`);
    const patched = this.#patched(source.shown, source.text, section);
    if (target === null) {
      source.text = null;
    } else if (target === source) {
      source.text = patched;
    } else {
      if (target.text !== null) throw new ToolError('INVALID_ARGUMENT', `cannot rename ${source.shown} to ${target.shown}: it already exists`);
      target.format = source.format;
      target.text = patched;
      source.text = null;
    }
  }

  #patched(shown: string, text: string | null, section: FilePatch): string {
    const { text: result, notes } = applyHunks(text, section.hunks);
    this.notes.push(...notes.map((note) => `${shown}: ${note}`));
    return result;
  }

  changed(): EditableFile[] {
    return [...this.files.values()].filter((file) => file.text !== file.originalText);
  }
}

function changeLetter(file: EditableFile): 'A' | 'D' | 'M' {
  if (file.originalText === null) return 'A';
  return file.text === null ? 'D' : 'M';
}

export const applyPatchTool = defineTool({
  id: 'apply_patch',
  description: [
    'Apply a unified diff (as produced by `git diff` or `diff -u`) to files in the workspace. Handles several',
    'files at once, `--- /dev/null` to create a file and `+++ /dev/null` to delete one, git renames, and',
    '"\\ No newline at end of file". Each hunk is placed at the line its @@ header names, or else at the',
    'nearest place where its context and removed lines match (exactly, then ignoring whitespace), so slightly',
    'wrong line numbers are fine but context lines must be real. All or nothing: if any hunk fails, no file is',
    'written and the failing hunks are reported. Set dry_run to check a patch without writing. Revert with undo.',
  ].join(' '),
  parameters,
  async execute(params, ctx) {
    const sections = parsePatch(params.patch);
    if (sections.length === 0) {
      throw new ToolError(
        'INVALID_ARGUMENT',
        'no file changes found in the patch; expected a unified diff with "--- a/path" / "+++ b/path" headers and @@ hunks',
      );
    }
    const workspace = new PatchWorkspace(ctx);
    const failures: PartFailure[] = [];
    for (const section of sections) {
      const label = section.oldPath === section.newPath || section.newPath === null ? section.oldPath : section.newPath;
      try {
        await workspace.apply(section);
      } catch (err) {
        failures.push(asPartFailure(label ?? '?', err));
      }
    }
    if (failures.length > 0) {
      throw combinedFailure(`The patch does not apply (${failures.length} problem(s)), so nothing was written:`, failures);
    }

    const changed = workspace.changed();
    const writes = changed.map((file) => ({ path: file.path, before: file.original, after: encodedResult(file) }));
    if (!params.dry_run && writes.length > 0) {
      ctx.signal.throwIfAborted();
      await recordChange(
        ctx,
        'apply_patch',
        writes.map((write) => write.path),
        () => commitFiles(writes),
      );
    }

    const diffs = changed.map((file) => ({ file, diff: renderDiff(file.shown, file.originalText, file.text) }));
    const summary = diffs.map(({ file, diff }) => `${changeLetter(file)} ${file.shown} (+${diff.additions} -${diff.deletions})`);
    const headline = params.dry_run
      ? `Dry run: the patch applies cleanly; nothing was written. It would change ${changed.length} file(s):`
      : `Applied the patch to ${changed.length} file(s):`;
    const notes = workspace.notes.length > 0 ? ['', 'Notes:', ...workspace.notes.map((note) => `- ${note}`)] : [];
    return ok([headline, ...summary, ...notes, '', ...diffs.map(({ diff }) => diff.text)].join('\n'), {
      dry_run: params.dry_run,
      files: diffs.map(({ file, diff }) => ({
        file: file.shown,
        change: { A: 'created', D: 'deleted', M: 'modified' }[changeLetter(file)],
        additions: diff.additions,
        deletions: diff.deletions,
      })),
      notes: workspace.notes,
    });
  },
});
