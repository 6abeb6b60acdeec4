import { z } from 'zod';
import type { ToolSpec } from '../tools/tool.ts';
import { chunksInput, countInput, finalInput, grepInput, headTailInput, llmQueryInput, sliceInput } from './tool-input.ts';

/** The rlm_* tools as the model sees them. The workflow runs them; only the schemas and descriptions live here. */
const tools: ReadonlyArray<{ id: string; description: string; parameters: z.ZodType }> = [
  {
    id: 'rlm_head',
    description: 'The first n lines of the content, numbered (N:line).',
    parameters: headTailInput,
  },
  {
    id: 'rlm_tail',
    description: 'The last n lines of the content, numbered (N:line).',
    parameters: headTailInput,
  },
  {
    id: 'rlm_grep',
    description:
      'Search every line of the content with a regular expression. Returns matching lines as N:line (context ' +
      'lines as N-line, groups separated by --) and the chunks they are in; stops after max_matches. Use it to ' +
      'find where things are before reading them.',
    parameters: grepInput,
  },
  {
    id: 'rlm_count',
    description:
      'Count the lines, bytes and chunks of the content; or, with a pattern, its matches and the lines that ' +
      'hold them over the whole content.',
    parameters: countInput,
  },
  {
    id: 'rlm_slice',
    description: 'Read a line range (start_line to end_line, at most 1000 lines) or one chunk by chunk_id, numbered.',
    parameters: sliceInput,
  },
  {
    id: 'rlm_chunks',
    description:
      'List the chunks the content is cut into (by symbol, time window, turn or section): id, line range, size ' +
      'and title; filter by title.',
    parameters: chunksInput,
  },
  {
    id: 'rlm_llm_query',
    description:
      'Ask a smaller model a question about chunks (chunk_ids) or a line range, which it reads in full; returns ' +
      'its answer. Several rlm_llm_query calls in one step run in parallel: use them to read many chunks at once.',
    parameters: llmQueryInput,
  },
  {
    id: 'rlm_final',
    description: 'Give the final answer and end the analysis.',
    parameters: finalInput,
  },
];

/** The JSON Schema of each tool's input; zod's Number.MAX_SAFE_INTEGER bound on every int is left out. */
export function rlmToolSpecs(): ToolSpec[] {
  return tools.map((t) => {
    const schema = z.toJSONSchema(t.parameters, { target: 'draft-7', io: 'input' });
    const inputSchema = JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
      key === '$schema' || (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) ? undefined : value,
    ) as Record<string, unknown>;
    return { name: t.id, description: t.description, inputSchema };
  });
}
