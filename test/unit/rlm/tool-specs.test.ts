import { describe, expect, it } from '@jest/globals';
import { rlmToolSpecs } from '../../../services/rlm/tool-specs.ts';
import { llmQueryInput, sliceInput } from '../../../services/rlm/tool-input.ts';
import { toolSpec } from '../../../services/tools/tool.ts';
import { rlmTool } from '../../../services/tools/workflow-tools.ts';

describe('the rlm_* tools as the model sees them', () => {
  it('keeps a stable schema', () => {
    expect(rlmToolSpecs()).toMatchSnapshot();
  });

  it('names the original seven tools, and rlm_chunks', () => {
    expect(rlmToolSpecs().map((s) => s.name)).toEqual([
      'rlm_head', 'rlm_tail', 'rlm_grep', 'rlm_count', 'rlm_slice', 'rlm_chunks', 'rlm_llm_query', 'rlm_final',
    ]);
    expect(JSON.stringify(rlmToolSpecs())).not.toContain('9007199254740991');
  });

  it('refuses ambiguous inputs: a range and a chunk at once', () => {
    expect(sliceInput.safeParse({ start_line: 1, chunk_id: 2 }).success).toBe(false);
    expect(sliceInput.safeParse({ chunk_id: 2 }).success).toBe(true);
    expect(llmQueryInput.safeParse({ query: 'q', chunk_ids: [1], start_line: 3 }).success).toBe(false);
    expect(llmQueryInput.safeParse({ query: 'q', chunk_ids: [] }).success).toBe(false);
  });
});

describe('the agent’s rlm tool', () => {
  it('keeps a stable schema', () => {
    expect(toolSpec(rlmTool)).toMatchSnapshot();
  });
});
