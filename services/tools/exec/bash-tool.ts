import { statSync } from 'node:fs';
import { z } from 'zod';
import { defineTool, ok, ToolError } from '../tool.ts';
import type { ToolContext, ToolResult } from '../tool.ts';
import { displayPath, resolveInWorkspace } from '../workspace-path.ts';
import { runCommand } from './run-command.ts';
import type { RunOutcome } from './run-command.ts';

const DEFAULT_TIMEOUT_SECONDS = 120;
const MAX_TIMEOUT_SECONDS = 3_600;

const parameters = z.object({
  command: z.string().min(1).describe('The shell command to run with `bash -c`.'),
  cwd: z
    .string()
    .optional()
    .describe('Directory to run in, relative to the workspace root (default: the workspace root). Must be inside the workspace.'),
  timeout: z
    .number()
    .positive()
    .max(MAX_TIMEOUT_SECONDS)
    .default(DEFAULT_TIMEOUT_SECONDS)
    .describe(`Seconds before the command and everything it started are killed (default ${DEFAULT_TIMEOUT_SECONDS}, max ${MAX_TIMEOUT_SECONDS}).`),
  description: z
    .string()
    .max(200)
    .optional()
    .describe('A few words saying what the command does, e.g. "Run unit tests".'),
});

const description = [
  'Run a shell command with bash in the workspace and return its combined stdout and stderr.',
  'stdin is /dev/null, so interactive prompts fail: pass flags such as --yes or -y instead.',
  'Output longer than about 40 KB keeps only its first and last 20 KB; redirect to a file and search it if you need everything.',
  'The command, and every process it started, is killed when the timeout expires.',
  'When the command ends, background processes still attached to its output are stopped; to keep one running (a dev server), redirect its output: `cmd > server.log 2>&1 &`.',
  'Prefer the dedicated file tools for reading, searching and editing files.',
].join(' ');

function resolveCwd(ctx: ToolContext, cwd: string | undefined): string {
  const dir = resolveInWorkspace(ctx.workspaceRoot, cwd ?? '.', 'cwd');
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new ToolError('NOT_FOUND', `cwd "${cwd ?? '.'}" does not exist`);
  }
  if (!isDirectory) throw new ToolError('INVALID_ARGUMENT', `cwd "${cwd ?? '.'}" is not a directory`);
  return dir;
}

function describeEnd(outcome: RunOutcome): string[] {
  const notes: string[] = [];
  if (outcome.backgroundStopped) {
    notes.push('[background processes still attached to the output were stopped when the command ended]');
  }
  if (outcome.signal !== null) notes.push(`[killed by signal ${outcome.signal}]`);
  else if (outcome.exitCode !== 0) notes.push(`[exit code ${String(outcome.exitCode)}]`);
  return notes;
}

export const bashTool = defineTool({
  id: 'bash',
  description,
  parameters,
  async execute(params, ctx): Promise<ToolResult> {
    ctx.signal.throwIfAborted();
    const cwd = resolveCwd(ctx, params.cwd);
    const outcome = await runCommand({
      command: params.command,
      cwd,
      timeoutMs: params.timeout * 1000,
      signal: ctx.signal,
      env: { ...process.env, CODETETHER: '1' },
      onHeartbeat: (progress) => ctx.heartbeat({ tool: 'bash', elapsed_ms: progress.elapsedMs, bytes: progress.bytes }),
    });
    // An abort is the caller's decision, not a tool result: let it propagate.
    if (outcome.ending === 'aborted') ctx.signal.throwIfAborted();

    const metadata = {
      exit_code: outcome.exitCode,
      signal: outcome.signal,
      truncated: outcome.truncated,
      duration_ms: outcome.durationMs,
      bytes: outcome.bytes,
      cwd: displayPath(ctx.workspaceRoot, cwd),
      ...(params.description !== undefined ? { description: params.description } : {}),
    };
    if (outcome.ending === 'timeout') {
      throw new ToolError('TIMEOUT', `Command timed out after ${params.timeout} seconds`, {
        output: outcome.output,
        ...metadata,
      });
    }
    const text = [outcome.output === '' ? '(no output)' : outcome.output.replace(/\n$/, ''), ...describeEnd(outcome)].join('\n');
    if (outcome.exitCode === 0) return ok(text, metadata);
    return { success: false, output: text, metadata: { ...metadata, error_code: 'EXECUTION_FAILED', tool: 'bash' } };
  },
});
