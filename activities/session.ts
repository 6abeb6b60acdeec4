import { existsSync, realpathSync, statSync } from 'node:fs';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { buildSystemPrompt } from '../services/agent/system-prompt.ts';
import type { AuditLog } from '../services/audit/log.ts';
import { toolCallEvent, type ToolCallFacts } from '../services/audit/tool-event.ts';
import type { ToolRegistry } from '../services/tools/registry.ts';
import type { ToolResult, ToolSpec } from '../services/tools/tool.ts';

export interface PrepareSessionInput {
  readonly workspaceRoot: string;
  readonly excludeTools: readonly string[];
  /** Opt-in tools this session gets (swarm_share for a swarm's sub-agents). */
  readonly includeTools?: readonly string[];
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

export interface SessionActivityDeps {
  readonly registry: ToolRegistry;
  readonly dataDir: string;
  /** Where each tool call is recorded; without it, calls are not audited (tests of tools alone). */
  readonly audit?: AuditLog;
}

/** Activities on the workspace host's task queue: they touch the files. */
export function createSessionActivities(deps: SessionActivityDeps) {
  const heartbeatEveryMs = 5_000;

  async function audited(input: RunToolInput, started: number, outcome: ToolCallFacts['outcome']): Promise<void> {
    if (deps.audit === undefined) return;
    const facts = { sessionId: input.sessionId, callId: input.callId, tool: input.tool, input: input.input, durationMs: performance.now() - started, outcome };
    // A trail that cannot be written must not fail (and so re-run) a tool call that already happened.
    await deps.audit.append(toolCallEvent(facts, deps.audit.redactor)).catch((err: unknown) => {
      Context.current().log.warn('could not append the tool call to the audit trail', { error: String(err) });
    });
  }

  return {
    async prepareSession(input: PrepareSessionInput): Promise<PreparedSession> {
      if (!existsSync(input.workspaceRoot) || !statSync(input.workspaceRoot).isDirectory()) {
        throw ApplicationFailure.nonRetryable(`workspace ${input.workspaceRoot} is not a directory on this host`, 'WorkspaceMissing');
      }
      const root = realpathSync(input.workspaceRoot);
      return { systemPrompt: buildSystemPrompt(root), tools: deps.registry.specs(input.excludeTools, input.includeTools ?? []) };
    },

    async runTool(input: RunToolInput): Promise<ToolResult> {
      const ctx = Context.current();
      const started = performance.now();
      // Keep the activity visibly alive even for tools that do not heartbeat themselves.
      const keepAlive = setInterval(() => ctx.heartbeat({ tool: input.tool }), heartbeatEveryMs);
      try {
        const result = await deps.registry.execute(input.tool, input.input, {
          workspaceRoot: input.workspaceRoot,
          sessionId: input.sessionId,
          signal: ctx.cancellationSignal,
          heartbeat: (details) => ctx.heartbeat(details ?? { tool: input.tool }),
          dataDir: deps.dataDir,
        });
        await audited(input, started, result);
        return result;
      } catch (err) {
        await audited(input, started, { error: err });
        throw err;
      } finally {
        clearInterval(keepAlive);
      }
    },
  };
}

export type SessionActivities = ReturnType<typeof createSessionActivities>;
