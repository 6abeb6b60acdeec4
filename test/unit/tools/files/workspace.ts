import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ToolContext, ToolDefinition, ToolResult } from '../../../../services/tools/tool.ts';
import { tempDir } from '../../../helpers/tmp.ts';

export interface Workspace {
  readonly root: string;
  /** A directory next to the workspace, for escape attempts. */
  readonly outside: string;
  readonly ctx: ToolContext;
  readonly controller: AbortController;
  readonly heartbeats: unknown[];
  write(files: Record<string, string | Buffer>): void;
  symlink(path: string, target: string): void;
  run(tool: ToolDefinition, params: unknown): Promise<ToolResult>;
}

export function makeWorkspace(files: Record<string, string | Buffer> = {}): Workspace {
  const base = realpathSync(tempDir('ct-files-'));
  const root = join(base, 'ws');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  const controller = new AbortController();
  const heartbeats: unknown[] = [];
  const ctx: ToolContext = {
    workspaceRoot: root,
    sessionId: 'test-session',
    signal: controller.signal,
    heartbeat: (details) => void heartbeats.push(details),
    dataDir: join(base, 'data'),
  };
  const write = (more: Record<string, string | Buffer>): void => {
    for (const [path, content] of Object.entries(more)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  };
  write(files);
  return {
    root,
    outside,
    ctx,
    controller,
    heartbeats,
    write,
    symlink: (path, target) => symlinkSync(target, join(root, path)),
    run: (tool, params) => tool.execute(params, ctx),
  };
}

export interface ToolErrorBody {
  readonly code: string;
  readonly tool: string;
  readonly message: string;
  readonly [detail: string]: unknown;
}

/** The structured error of a failed result (throws if the call succeeded). */
export function errorOf(result: ToolResult): ToolErrorBody {
  if (result.success) throw new Error(`expected a failure, got: ${result.output}`);
  return (JSON.parse(result.output) as { error: ToolErrorBody }).error;
}
