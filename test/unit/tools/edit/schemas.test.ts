import { describe, expect, it } from '@jest/globals';
import { editTools } from '../../../../services/tools/edit/index.ts';
import { toolSpec } from '../../../../services/tools/tool.ts';

describe('edit tools: model-visible schemas', () => {
  it('exports edit, multiedit, apply_patch and undo', () => {
    expect(editTools.map((tool) => tool.id)).toEqual(['edit', 'multiedit', 'apply_patch', 'undo']);
  });

  for (const tool of editTools) {
    it(`${tool.id} spec`, () => {
      expect(toolSpec(tool)).toMatchSnapshot();
    });
  }
});
