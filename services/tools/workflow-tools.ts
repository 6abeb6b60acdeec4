import { z } from 'zod';
import { defineTool, ToolError, type ToolDefinition } from './tool.ts';

/**
 * Tools the agent-session workflow carries out itself (they wait for people,
 * fan out, or change the session's own state). They are registered here for
 * their schemas and descriptions; their `execute` is never reached.
 */
function handledByWorkflow(id: string): never {
  throw new ToolError('EXECUTION_FAILED', `${id} is carried out by the session workflow, not by a worker`);
}

export const questionTool = defineTool({
  id: 'question',
  execution: 'workflow',
  description:
    'Ask the user a question and wait for the answer. Use it only when you cannot proceed without a decision or ' +
    'information only the user has. The session pauses (input required) until the answer arrives.',
  parameters: z.object({
    question: z.string().min(1).describe('The question, self-contained'),
    options: z.array(z.string()).optional().describe('Allowed answers, if the answer must be one of them'),
    default: z.string().optional().describe('The answer to assume if the user just confirms'),
  }),
  execute: async () => handledByWorkflow('question'),
});

export const batchTool = defineTool({
  id: 'batch',
  execution: 'workflow',
  description:
    'Run several independent tool calls at once and get all their results. Only for calls that do not depend ' +
    'on each other; batch cannot contain batch.',
  parameters: z.object({
    calls: z
      .array(z.object({ tool: z.string().min(1), args: z.record(z.string(), z.unknown()).default({}) }))
      .min(1)
      .max(25)
      .describe('The calls: tool id and its arguments'),
  }),
  execute: async () => handledByWorkflow('batch'),
});

export const taskTool = defineTool({
  id: 'task',
  execution: 'workflow',
  description:
    'Hand a self-contained piece of work to a sub-agent with a fresh context and get its final answer back. ' +
    'Use it for focused research or changes whose details you do not need in your own context.',
  parameters: z.object({
    description: z.string().min(1).max(200).describe('A short label for the sub-task'),
    prompt: z.string().min(1).describe('Complete instructions for the sub-agent; it sees nothing else'),
    max_steps: z.number().int().min(1).max(100).optional().describe('Step cap for the sub-agent (default 25)'),
  }),
  execute: async () => handledByWorkflow('task'),
});

export const rlmTool = defineTool({
  id: 'rlm',
  execution: 'workflow',
  description:
    'Answer a question about files too large to read (huge logs, many sources, long transcripts): RLM explores ' +
    'them with search, slices and sub-queries over chunks, without loading them into your context, and returns ' +
    'only its answer. Give the question and the files (paths or globs in the workspace).',
  parameters: z.object({
    query: z.string().min(1).describe('The question to answer about the files'),
    files: z.array(z.string().min(1)).min(1).max(50).describe('Paths or globs relative to the workspace, e.g. ["logs/*.log"]'),
    content_type: z
      .enum(['auto', 'code', 'logs', 'conversation', 'documents', 'mixed'])
      .default('auto')
      .describe('How to cut the content into chunks (default: detected)'),
    max_iterations: z.number().int().min(1).max(50).optional().describe('Steps RLM may take (default 15)'),
  }),
  execute: async () => handledByWorkflow('rlm'),
});

export const planEnterTool = defineTool({
  id: 'plan_enter',
  execution: 'workflow',
  description: 'Enter plan mode with a goal and numbered steps; the plan is shown to the user and tracked.',
  parameters: z.object({
    goal: z.string().min(1),
    steps: z.array(z.string().min(1)).min(1),
  }),
  execute: async () => handledByWorkflow('plan_enter'),
});

export const planExitTool = defineTool({
  id: 'plan_exit',
  execution: 'workflow',
  description:
    'Mark a plan step complete (step_complete, 1-based) or leave plan mode with a summary when the plan is done.',
  parameters: z.object({
    summary: z.string().optional(),
    step_complete: z.number().int().min(1).optional(),
    notes: z.string().optional(),
  }),
  execute: async () => handledByWorkflow('plan_exit'),
});

export const swarmShareTool = defineTool({
  id: 'swarm_share',
  execution: 'workflow',
  optIn: true,
  description:
    'Share results with the other sub-agents of your swarm, and read theirs. publish stores a JSON value under a key ' +
    '(replacing an older one) with optional tags; get reads one key; list shows every key; query_tags finds results ' +
    'with any of the tags; query_prefix finds keys starting with a prefix. Each finished subtask is also published ' +
    'under its subtask id, tagged stage:N and subtask:ID.',
  parameters: z.object({
    action: z.enum(['publish', 'get', 'list', 'query_tags', 'query_prefix']),
    key: z.string().min(1).max(200).optional().describe('The key (publish, get)'),
    value: z.unknown().optional().describe('The JSON value to publish (at most 32 KB as JSON)'),
    tags: z.array(z.string().min(1)).max(20).optional().describe('Tags to publish with, or to search for (query_tags)'),
    prefix: z.string().optional().describe('Key prefix (query_prefix)'),
  }),
  execute: async () => handledByWorkflow('swarm_share'),
});

export const workflowTools: ToolDefinition[] = [questionTool, batchTool, taskTool, planEnterTool, planExitTool, rlmTool, swarmShareTool];
