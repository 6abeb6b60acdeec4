import { z } from 'zod';
import { defineTool, ToolError } from '../tool.ts';
import type { ToolDefinition } from '../tool.ts';
import { suggestToolNames } from './tool-name-suggestions.ts';

const INVALID_TOOL_ID = 'invalid';

const parameters = z.object({
  requested_tool: z.string().describe('The tool name that was called but does not exist.'),
  args: z.unknown().optional().describe('The arguments that were passed to it.'),
});

/**
 * The tool a call to an unknown tool name is routed to: it always fails,
 * telling the model which real tools it probably meant. `toolIds` is read on
 * each call so it reflects the tools registered at that moment.
 */
export function createInvalidTool(toolIds: () => string[]): ToolDefinition {
  return defineTool({
    id: INVALID_TOOL_ID,
    description:
      'Reports that a requested tool does not exist and suggests the closest real ones. Do not call this tool directly.',
    parameters,
    async execute(params) {
      const known = toolIds().filter((id) => id !== INVALID_TOOL_ID);
      const suggestions = suggestToolNames(params.requested_tool, known);
      const guidance =
        suggestions.length > 0
          ? `Did you mean: ${suggestions.join(', ')}?`
          : `Available tools: ${[...known].sort().join(', ')}.`;
      throw new ToolError(
        'NOT_FOUND',
        `Tool "${params.requested_tool}" does not exist. ${guidance} Call one of the available tools instead.`,
        { requested_tool: params.requested_tool, suggestions },
      );
    },
  });
}
