import { z } from 'zod';

/** Error codes a tool reports to the model (the original CodeTether's set, plus PERMISSION_DENIED). */
export const toolErrorCodes = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'AMBIGUOUS_MATCH',
  'EXECUTION_FAILED',
  'TIMEOUT',
  'PERMISSION_DENIED',
] as const;
export type ToolErrorCode = (typeof toolErrorCodes)[number];

/** A failure the model should read and act on; never crashes the workflow. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: ToolErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ToolErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** What a tool call gives back: `output` is what the model sees. Plain JSON, safe for history. */
export interface ToolResult {
  readonly success: boolean;
  readonly output: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** What a tool's `execute` gets besides its arguments. */
export interface ToolContext {
  /** Absolute, real path of the workspace root; every path a tool touches must stay inside it. */
  readonly workspaceRoot: string;
  /** The agent session the call belongs to (for per-session state such as undo snapshots). */
  readonly sessionId: string;
  /** Aborted when the call is cancelled (workflow cancelled, timeout): stop work, kill processes. */
  readonly signal: AbortSignal;
  /** Tell Temporal the call is alive; long-running tools call it at least every few seconds. */
  heartbeat(details?: unknown): void;
  /** The data dir, for tool state kept outside the workspace (snapshots, caches). */
  readonly dataDir: string;
}

/**
 * Where a tool runs: `activity` tools run in the worker that holds the
 * workspace; `workflow` tools (question, batch, task, plans) are decided by the
 * agent-session workflow itself and never reach `execute`.
 */
export type ToolExecution = 'activity' | 'workflow';

export interface ToolDefinition<P = unknown> {
  readonly id: string;
  readonly description: string;
  readonly parameters: z.ZodType<P>;
  readonly execution: ToolExecution;
  /** Offered only to sessions that ask for it by name (swarm_share: only a swarm's sub-agents). */
  readonly optIn?: boolean;
  execute(params: P, ctx: ToolContext): Promise<ToolResult>;
}

/** The model-visible description of a tool: plain JSON. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: Record<string, unknown>;
}

export function ok(output: string, metadata: Record<string, unknown> = {}): ToolResult {
  return { success: true, output, metadata };
}

export function failure(tool: string, error: ToolError): ToolResult {
  const body = { error: { code: error.code, tool, message: error.message, ...error.details } };
  return {
    success: false,
    output: JSON.stringify(body),
    metadata: { error_code: error.code, tool },
  };
}

function isAbsent(raw: unknown, path: readonly PropertyKey[]): boolean {
  let node: unknown = raw;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !(key in node)) return true;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node === undefined;
}

function describeIssues(error: z.ZodError, raw: unknown): { message: string; missing: string[] } {
  const missing = error.issues.filter((i) => i.path.length > 0 && isAbsent(raw, i.path)).map((i) => i.path.join('.'));
  const message = error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`)
    .join('; ');
  return { message, missing };
}

/**
 * One wrapper for every tool: arguments are validated against the schema and
 * bad ones come back as INVALID_ARGUMENT with the missing fields named; a
 * ToolError becomes a structured result; anything else is EXECUTION_FAILED.
 * Cancellation is not swallowed: an aborted call rethrows so Temporal sees it.
 */
export function defineTool<S extends z.ZodType>(spec: {
  id: string;
  description: string;
  parameters: S;
  execution?: ToolExecution;
  optIn?: boolean;
  execute(params: z.infer<S>, ctx: ToolContext): Promise<ToolResult | string>;
}): ToolDefinition<unknown> {
  return {
    id: spec.id,
    description: spec.description,
    parameters: spec.parameters as z.ZodType<unknown>,
    execution: spec.execution ?? 'activity',
    ...(spec.optIn ? { optIn: true } : {}),
    async execute(raw, ctx) {
      const parsed = spec.parameters.safeParse(raw ?? {});
      if (!parsed.success) {
        const { message, missing } = describeIssues(parsed.error, raw ?? {});
        return failure(
          spec.id,
          new ToolError('INVALID_ARGUMENT', message, missing.length > 0 ? { missing_fields: missing } : {}),
        );
      }
      try {
        const result = await spec.execute(parsed.data, ctx);
        return typeof result === 'string' ? ok(result) : result;
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        if (err instanceof ToolError) return failure(spec.id, err);
        return failure(spec.id, new ToolError('EXECUTION_FAILED', (err as Error).message ?? String(err)));
      }
    },
  };
}

export function toolSpec(tool: ToolDefinition<unknown>): ToolSpec {
  const schema = z.toJSONSchema(tool.parameters, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  delete schema.$schema;
  return { name: tool.id, description: tool.description, inputSchema: schema };
}
