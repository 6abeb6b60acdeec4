import { z } from 'zod';

/** The rlm_* tools' arguments, validated in the activities; their JSON Schema is what the model sees (workflows/rlm/tools.ts). */
export const headTailInput = z.object({
  n: z.number().int().min(1).max(500).default(10).describe('How many lines (default 10, at most 500)'),
});

export const grepInput = z.object({
  pattern: z.string().min(1).describe('A JavaScript regular expression, matched against each line (an invalid one is searched as literal text)'),
  context: z.number().int().min(0).max(10).default(0).describe('Lines to show before and after each match (default 0)'),
  max_matches: z.number().int().min(1).max(500).default(50).describe('Stop after this many matching lines (default 50)'),
  ignore_case: z.boolean().default(false).describe('Match regardless of case'),
});

export const countInput = z.object({
  pattern: z.string().min(1).optional().describe('Count lines matching this regular expression, and its matches; without it, count lines, bytes and chunks'),
  ignore_case: z.boolean().default(false).describe('Match regardless of case'),
});

export const sliceInput = z
  .object({
    start_line: z.number().int().min(1).optional().describe('First line (1-based)'),
    end_line: z.number().int().min(1).optional().describe('Last line, inclusive (default: start_line + 99)'),
    chunk_id: z.number().int().min(1).optional().describe('A chunk id instead of a line range'),
  })
  .refine((v) => (v.chunk_id === undefined) !== (v.start_line === undefined), {
    message: 'give either start_line (with an optional end_line) or chunk_id',
  });

export const chunksInput = z.object({
  from: z.number().int().min(1).default(1).describe('First chunk id to list (default 1)'),
  limit: z.number().int().min(1).max(200).default(50).describe('How many chunks to list (default 50)'),
  title_contains: z.string().optional().describe('Only chunks whose title contains this text (case-insensitive)'),
});

export const llmQueryInput = z
  .object({
    query: z.string().min(1).describe('The question for the sub-query; it sees only the context you give it'),
    chunk_ids: z.array(z.number().int().min(1)).min(1).max(20).optional().describe('Chunks to give it as context'),
    start_line: z.number().int().min(1).optional().describe('Or a line range: first line'),
    end_line: z.number().int().min(1).optional().describe('Last line of the range, inclusive'),
  })
  .refine((v) => !(v.chunk_ids !== undefined && v.start_line !== undefined), {
    message: 'give chunk_ids or a line range, not both',
  });

export const finalInput = z.object({
  answer: z.string().min(1).describe('The complete answer to the question'),
});

export type HeadTailInput = z.infer<typeof headTailInput>;
export type GrepInput = z.infer<typeof grepInput>;
export type CountInput = z.infer<typeof countInput>;
export type SliceInput = z.infer<typeof sliceInput>;
export type ChunksInput = z.infer<typeof chunksInput>;
export type LlmQueryInput = z.infer<typeof llmQueryInput>;
