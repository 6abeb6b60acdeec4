import { undoTool } from '../../../services/tools/edit/undo.ts';

/**
 * /undo: the agent's own `undo` tool, run here on the session's change sets
 * (they live in this host's data dir, beside the workspace). It restores only
 * files that still hold what the agent left in them.
 */
export async function undoChanges(options: { workspaceRoot: string; dataDir: string; sessionId: string; steps: number }): Promise<{ ok: boolean; text: string }> {
  const result = await undoTool.execute(
    { steps: options.steps },
    {
      workspaceRoot: options.workspaceRoot,
      sessionId: options.sessionId,
      dataDir: options.dataDir,
      signal: new AbortController().signal,
      heartbeat: () => undefined,
    },
  );
  if (result.success) return { ok: true, text: result.output };
  try {
    const body = JSON.parse(result.output) as { error?: { message?: string } };
    return { ok: false, text: body.error?.message ?? result.output };
  } catch {
    return { ok: false, text: result.output };
  }
}
