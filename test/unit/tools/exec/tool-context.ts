import type { ToolContext } from '../../../../services/tools/tool.ts';

export interface TestToolContext extends ToolContext {
  /** Every ctx.heartbeat() call, with when it happened. */
  readonly heartbeats: Array<{ at: number; details: unknown }>;
}

/** A ToolContext for calling tools directly in tests. */
export function testToolContext(workspaceRoot: string, options: { signal?: AbortSignal; dataDir?: string } = {}): TestToolContext {
  const heartbeats: Array<{ at: number; details: unknown }> = [];
  return {
    workspaceRoot,
    sessionId: 'test-session',
    signal: options.signal ?? new AbortController().signal,
    dataDir: options.dataDir ?? workspaceRoot,
    heartbeats,
    heartbeat(details?: unknown) {
      heartbeats.push({ at: Date.now(), details });
    },
  };
}

/** The parsed `{ error: {...} }` body of a failed tool result. */
export function errorBody(output: string): { code: string; message: string; [key: string]: unknown } {
  return (JSON.parse(output) as { error: { code: string; message: string } }).error;
}
