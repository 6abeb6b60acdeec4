import type { ToolContext } from '../tool.ts';
import { displayPath, resolveInWorkspace } from '../workspace-path.ts';
import { statExisting } from './target-stat.ts';

export interface SearchTarget {
  readonly root: string;
  readonly absolute: string;
  readonly shown: string;
}

/** The confined, existing file or directory a search tool was asked to look in. */
export async function resolveSearchTarget(ctx: ToolContext, path: string): Promise<SearchTarget> {
  const absolute = resolveInWorkspace(ctx.workspaceRoot, path);
  const shown = displayPath(ctx.workspaceRoot, absolute);
  await statExisting(absolute, shown);
  return { root: resolveInWorkspace(ctx.workspaceRoot, '.'), absolute, shown };
}
