import { createInvalidTool } from './exec/index.ts';
import { editTools } from './edit/index.ts';
import { execTools } from './exec/index.ts';
import { fileTools } from './files/index.ts';
import { lspTools } from './lsp/index.ts';
import { failure, ToolError, toolSpec, type ToolContext, type ToolDefinition, type ToolResult, type ToolSpec } from './tool.ts';
import { webTools } from './web/index.ts';
import { workflowTools } from './workflow-tools.ts';

/** Every tool the agent has, by id; the one place tool modules are gathered. */
export class ToolRegistry {
  private readonly tools = new Map<string, ToolDefinition>();

  constructor(tools: readonly ToolDefinition[]) {
    for (const tool of tools) {
      if (this.tools.has(tool.id)) throw new Error(`tool id ${tool.id} registered twice`);
      this.tools.set(tool.id, tool);
    }
  }

  ids(): string[] {
    return [...this.tools.keys()].sort();
  }

  get(id: string): ToolDefinition | undefined {
    return this.tools.get(id);
  }

  /**
   * Model-visible specs, minus excluded ids, minus `invalid` (it is the answer to unknown names, not a choice)
   * and minus opt-in tools not named in `include`.
   */
  specs(exclude: readonly string[] = [], include: readonly string[] = []): ToolSpec[] {
    const skip = new Set([...exclude, 'invalid']);
    return this.ids()
      .filter((id) => !skip.has(id) && (this.tools.get(id)!.optIn !== true || include.includes(id)))
      .map((id) => toolSpec(this.tools.get(id)!));
  }

  async execute(id: string, input: unknown, ctx: ToolContext): Promise<ToolResult> {
    const tool = this.tools.get(id) ?? this.tools.get('invalid');
    if (tool === undefined) return failure(id, new ToolError('NOT_FOUND', `no tool named ${id}`));
    if (tool.execution === 'workflow') {
      return failure(id, new ToolError('INVALID_ARGUMENT', `${id} cannot run here; the session workflow handles it`));
    }
    return tool.id === 'invalid' && id !== 'invalid'
      ? tool.execute({ requested_tool: id, args: input }, ctx)
      : tool.execute(input, ctx);
  }
}

export function createToolRegistry(): ToolRegistry {
  let registry: ToolRegistry | undefined;
  const invalid = createInvalidTool(() => registry?.ids().filter((id) => id !== 'invalid') ?? []);
  registry = new ToolRegistry([...fileTools, ...editTools, ...execTools, ...webTools, ...lspTools, ...workflowTools, invalid]);
  return registry;
}
