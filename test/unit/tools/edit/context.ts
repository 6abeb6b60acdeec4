import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ToolContext, ToolDefinition, ToolResult } from '../../../../services/tools/tool.ts';
import { tempDir } from '../../../helpers/tmp.ts';

/** A workspace and data dir in fresh temp dirs, and a context for calling tools in them. */
export interface Workspace {
  readonly root: string;
  readonly ctx: ToolContext;
  write(path: string, content: string): void;
  read(path: string): string;
  run(tool: ToolDefinition, params: unknown): Promise<ToolResult>;
}

let sessions = 0;

export function makeWorkspace(): Workspace {
  const root = realpathSync(tempDir('ct-edit-ws-'));
  const dataDir = tempDir('ct-edit-data-');
  const ctx: ToolContext = {
    workspaceRoot: root,
    sessionId: `session-${++sessions}`,
    signal: new AbortController().signal,
    heartbeat: () => undefined,
    dataDir,
  };
  return {
    root,
    ctx,
    write(path, content) {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    },
    read: (path) => readFileSync(join(root, path), 'utf8'),
    run: (tool, params) => tool.execute(params, ctx),
  };
}

/** The error code of a failed result (undefined when it succeeded). */
export function errorCode(result: ToolResult): unknown {
  return result.metadata.error_code;
}

export function errorMessage(result: ToolResult): string {
  const body = JSON.parse(result.output) as { error: { message: string } };
  return body.error.message;
}
