import type { ToolDefinition } from '../tool.ts';
import { codesearchTool } from './codesearch.ts';
import { globTool } from './glob.ts';
import { grepTool } from './grep.ts';
import { listTool } from './list.ts';
import { readTool } from './read.ts';
import { todoReadTool, todoWriteTool } from './todo.ts';
import { writeTool } from './write.ts';

/** The workspace file tools: reading, writing, finding and searching files, and the task list. */
export const fileTools: ToolDefinition[] = [
  readTool,
  writeTool,
  listTool,
  globTool,
  grepTool,
  codesearchTool,
  todoReadTool,
  todoWriteTool,
];
