import type { ToolDefinition } from '../tool.ts';
import { imageTool } from '../media/image-tool.ts';
import { webfetchTool } from './webfetch-tool.ts';
import { websearchTool } from './websearch-tool.ts';

export const webTools: ToolDefinition[] = [webfetchTool, websearchTool, imageTool];

export { webfetchTool } from './webfetch-tool.ts';
export { createWebSearchTool, websearchTool } from './websearch-tool.ts';
export { imageTool } from '../media/image-tool.ts';
export type { WebSearchBackend, WebSearchResult } from './search/backend.ts';
export { selectSearchBackend } from './search/select-backend.ts';
