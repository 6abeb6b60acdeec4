import { ApplicationFailure, executeChild, isCancellation, uuid4 } from '@temporalio/workflow';
import type { ToolResult } from '../../services/tools/tool.ts';
import { rlmContentTypes, type RlmContentTypeChoice } from '../../services/rlm/types.ts';
import { rlmWorkflow } from '../rlm/workflow.ts';
import type { StepToolCall } from './llm.ts';
import type { SessionSettings, WorkspaceRef } from './types.ts';

const defaultIterations = 15;
const answerTokens = 4_000;

function failed(code: string, message: string): ToolResult {
  return { success: false, output: JSON.stringify({ error: { code, tool: 'rlm', message } }), metadata: { error_code: code, tool: 'rlm' } };
}

/** The innermost failure: its message is the one worth showing, its type tells bad input from bad luck. */
function rootCause(err: unknown): unknown {
  let current: unknown = err;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current;
}

/**
 * The agent's `rlm` tool: hand files too large for the context to RLM, which
 * runs as a child workflow (the same rlmWorkflow as `codetether rlm`) and
 * ingests them on the workspace's host. Only its answer comes back.
 */
export async function runRlmTool(
  context: { sessionId: string; workspace: WorkspaceRef; settings: SessionSettings },
  call: StepToolCall,
): Promise<ToolResult> {
  const input = (call.input ?? {}) as { query?: unknown; files?: unknown; content_type?: unknown; max_iterations?: unknown };
  if (typeof input.query !== 'string' || input.query.trim() === '') return failed('INVALID_ARGUMENT', 'query: the question to answer is required');
  const files = Array.isArray(input.files) ? input.files.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [];
  if (files.length === 0) return failed('INVALID_ARGUMENT', 'files: at least one path or glob in the workspace is required');
  const contentType = (rlmContentTypes as readonly unknown[]).includes(input.content_type) ? (input.content_type as RlmContentTypeChoice) : 'auto';
  const iterations = typeof input.max_iterations === 'number' ? Math.min(Math.max(1, Math.floor(input.max_iterations)), 50) : defaultIterations;
  const childId = `${context.sessionId}.rlm-${uuid4()}`;
  try {
    const result = await executeChild(rlmWorkflow, {
      workflowId: childId,
      args: [
        {
          query: input.query,
          source: { kind: 'files', cwd: context.workspace.root, patterns: files, confine: true },
          contentType,
          ingestQueue: context.workspace.taskQueue,
          settings: {
            model: context.settings.model,
            maxIterations: iterations,
            maxTokens: answerTokens,
            ...(context.settings.llmHeartbeatSeconds !== undefined ? { llmHeartbeatSeconds: context.settings.llmHeartbeatSeconds } : {}),
            ...(context.settings.toolHeartbeatSeconds !== undefined ? { toolHeartbeatSeconds: context.settings.toolHeartbeatSeconds } : {}),
          },
        },
      ],
    });
    const c = result.content;
    const footer =
      `[RLM: ${c.bytes} bytes, ${c.lines} lines of ${c.contentType} | ${result.iterations} iterations | ` +
      `${result.subQueries.length} sub-queries | ${result.usage.inputTokens} → ${result.usage.outputTokens} tokens]`;
    return {
      success: true,
      output: `${result.answer}\n\n${footer}`,
      metadata: { workflow_id: childId, iterations: result.iterations, sub_queries: result.subQueries.length, stop_reason: result.stopReason },
    };
  } catch (err) {
    if (isCancellation(err)) throw err;
    const root = rootCause(err);
    const bad = root instanceof ApplicationFailure && root.type === 'RlmInputError';
    return failed(bad ? 'INVALID_ARGUMENT' : 'EXECUTION_FAILED', `rlm ${childId} failed: ${root instanceof Error ? root.message : String(root)}`);
  }
}
