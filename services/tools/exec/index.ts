import type { ToolDefinition } from '../tool.ts';
import { skillTool } from '../skills/skill-tool.ts';
import { bashTool } from './bash-tool.ts';

export const execTools: ToolDefinition[] = [bashTool, skillTool];

export { bashTool } from './bash-tool.ts';
export { createInvalidTool } from './invalid-tool.ts';
export { createSkillTool, skillTool } from '../skills/skill-tool.ts';
export { killProcessTree, liveGroupMembers, isProcessRunning, signalProcessTree } from './process-tree.ts';
export type { KillTreeOptions } from './process-tree.ts';
