import { existsSync, realpathSync, statSync } from 'node:fs';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { buildSystemPrompt } from '../services/agent/system-prompt.ts';
import type { ToolRegistry } from '../services/tools/registry.ts';
import type { ToolResult, ToolSpec } from '../services/tools/tool.ts';

export interface PrepareSessionInput {
  readonly workspaceRoot: string;
  readonly excludeTools: readonly string[];
}

export interface PreparedSession {
  readonly systemPrompt: string;
  readonly tools: ToolSpec[];
}

export interface RunToolInput {
  readonly sessionId: string;
  readonly workspaceRoot: string;
  readonly callId: string;
  readonly tool: string;
  readonly input: unknown;
}

/** Activities on the workspace host's task queue: they touch the files. */
export function createSessionActivities(deps: { registry: ToolRegistry; dataDir: string }) {
  const heartbeatEveryMs = 5_000;
  return {
    async prepareSession(input: PrepareSessionInput): Promise<PreparedSession> {
      if (!existsSync(input.workspaceRoot) || !statSync(input.workspaceRoot).isDirectory()) {
        throw ApplicationFailure.nonRetryable(`workspace ${input.workspaceRoot} is not a directory on this host`, 'WorkspaceMissing');
      }
      const root = realpathSync(input.workspaceRoot);
      return { systemPrompt: buildSystemPrompt(root), tools: deps.registry.specs(input.excludeTools) };
    },

    async runTool(input: RunToolInput): Promise<ToolResult> {
      const ctx = Context.current();
      // Keep the activity visibly alive even for tools that do not heartbeat themselves.
      const keepAlive = setInterval(() => ctx.heartbeat({ tool: input.tool }), heartbeatEveryMs);
      try {
        return await deps.registry.execute(input.tool, input.input, {
          workspaceRoot: input.workspaceRoot,
          sessionId: input.sessionId,
          signal: ctx.cancellationSignal,
          heartbeat: (details) => ctx.heartbeat(details ?? { tool: input.tool }),
          dataDir: deps.dataDir,
        });
      } finally {
        clearInterval(keepAlive);
      }
    },
  };
}

export type SessionActivities = ReturnType<typeof createSessionActivities>;
