import { rmdir } from 'node:fs/promises';
import { z } from 'zod';
import { defineTool, ok, ToolError } from '../tool.ts';
import { commitFiles } from './commit-files.ts';
import { renderDiff } from './diff-output.ts';
import { dropChangeSets, type ChangeSet } from './snapshots.ts';
import { planUndo, type FileRestore } from './undo-plan.ts';

const parameters = z.object({
  steps: z.number().int().min(1).max(10).default(1).describe('How many of the most recent file-changing tool calls to undo (1-10)'),
  preview: z.boolean().default(false).describe('Only list what would be restored; change nothing'),
});

function describeRestore(restore: FileRestore): string {
  if (restore.target === null) return `delete ${restore.shown} (it did not exist before)`;
  if (restore.current === null) return `recreate ${restore.shown} (it was deleted)`;
  return `restore the previous content of ${restore.shown}`;
}

function describeSet(set: ChangeSet): string {
  return `#${set.seq} ${set.tool} at ${set.createdAt} (${set.files.length} file${set.files.length === 1 ? '' : 's'})`;
}

function asText(content: Buffer | null): string | null {
  return content === null ? null : content.toString('utf8').replace(/\r\n/g, '\n');
}

export const undoTool = defineTool({
  id: 'undo',
  description: [
    "Revert the agent's own recent file changes in this session. Every call of edit, multiedit, apply_patch or",
    'write that changed files is recorded as one change set; undo pops the last `steps` change sets (newest',
    'first) and puts each file back as it was before: previous content restored, files the agent created',
    'deleted, files it deleted recreated. It never uses git. Safety rule: a file is only restored if it still',
    'holds exactly what the agent left in it; if any file was changed since (by the user, another process or a',
    'shell command), undo refuses, changes nothing, and names the file, so you can fix it with edit instead.',
    'Set preview to list what would be restored without changing anything.',
  ].join(' '),
  parameters,
  async execute(params, ctx) {
    const plan = await planUndo(ctx, params.steps);
    if (plan.sets.length === 0) {
      throw new ToolError(
        'NOT_FOUND',
        'nothing to undo: no file changes by edit, multiedit, apply_patch or write are recorded for this session (or they were all undone)',
      );
    }
    const fewer =
      plan.sets.length < params.steps ? [`Only ${plan.sets.length} change set(s) are recorded; undoing those.`] : [];
    const sets = plan.sets.map((set) => `- ${describeSet(set)}`);
    const actions = plan.restores.map((restore) => `- ${describeRestore(restore)}`);
    const conflicts = plan.conflicts.map((conflict) => `- ${conflict.shown}: ${conflict.reason}`);
    const metadata = {
      change_sets: plan.sets.map((set) => ({ seq: set.seq, tool: set.tool, created_at: set.createdAt })),
      files: plan.restores.map((restore) => restore.shown),
      conflicts: plan.conflicts.map((conflict) => ({ file: conflict.shown, reason: conflict.reason })),
    };

    if (params.preview) {
      const verdict =
        conflicts.length > 0
          ? ['', 'Undo would be refused, because these files changed since the agent wrote them:', ...conflicts]
          : [];
      return ok(
        [
          `Preview: nothing was changed. Undoing ${plan.sets.length} change set(s):`,
          ...fewer,
          ...sets,
          'would:',
          ...actions,
          ...verdict,
        ].join('\n'),
        { ...metadata, preview: true },
      );
    }
    if (conflicts.length > 0) {
      throw new ToolError(
        'EXECUTION_FAILED',
        [
          'Undo refused, nothing was changed: these files no longer hold what the agent left in them, and restoring them would overwrite those later changes:',
          ...conflicts,
          'Read the files and fix them with edit instead.',
        ].join('\n'),
        { conflicts: metadata.conflicts },
      );
    }

    ctx.signal.throwIfAborted();
    await commitFiles(plan.restores.map((restore) => ({ path: restore.path, before: restore.current, after: restore.target })));
    await dropChangeSets(
      ctx,
      plan.sets.map((set) => set.seq),
    );
    for (const dir of plan.createdDirs) await rmdir(dir).catch(() => undefined);

    const diffs = plan.restores.map((restore) => renderDiff(restore.shown, asText(restore.current), asText(restore.target)).text);
    return ok(
      [`Undid ${plan.sets.length} change set(s):`, ...fewer, ...sets, 'Done:', ...actions, '', ...diffs].join('\n'),
      { ...metadata, preview: false },
    );
  },
});
