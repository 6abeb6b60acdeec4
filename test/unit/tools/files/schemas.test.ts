import { describe, expect, it } from '@jest/globals';
import { fileTools } from '../../../../services/tools/files/index.ts';
import { toolSpec } from '../../../../services/tools/tool.ts';

describe('file tools', () => {
  it('are registered under their ids', () => {
    expect(fileTools.map((t) => t.id)).toEqual([
      'read',
      'write',
      'list',
      'glob',
      'grep',
      'codesearch',
      'todoread',
      'todowrite',
    ]);
    for (const tool of fileTools) expect(tool.execution).toBe('activity');
  });

  it.each(fileTools.map((t) => [t.id, t] as const))('%s shows the model a stable schema', (_id, tool) => {
    expect(toolSpec(tool)).toMatchSnapshot();
  });
});
