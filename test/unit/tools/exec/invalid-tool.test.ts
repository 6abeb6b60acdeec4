import { afterAll, describe, expect, it } from '@jest/globals';
import { createInvalidTool } from '../../../../services/tools/exec/invalid-tool.ts';
import { levenshtein, suggestToolNames } from '../../../../services/tools/exec/tool-name-suggestions.ts';
import { toolSpec } from '../../../../services/tools/tool.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';
import { errorBody, testToolContext } from './tool-context.ts';

afterAll(cleanTempDirs);

const toolIds = ['bash', 'read', 'write', 'edit', 'multiedit', 'grep', 'glob', 'webfetch', 'websearch', 'invalid'];

describe('tool name suggestions', () => {
  it('measures edit distance', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('bash', 'bash')).toBe(0);
  });

  it('suggests close names by distance and by substring, closest first, at most three', () => {
    expect(suggestToolNames('bsh', toolIds)).toEqual(['bash']);
    expect(suggestToolNames('Read', toolIds)[0]).toBe('read');
    expect(suggestToolNames('web', toolIds).slice(0, 2)).toEqual(['webfetch', 'websearch']);
    expect(suggestToolNames('edit_file', toolIds)).toEqual(['edit']);
    expect(suggestToolNames('e', toolIds)).toHaveLength(3);
    expect(suggestToolNames('deploy_to_kubernetes', toolIds)).toEqual([]);
  });
});

describe('invalid tool', () => {
  const tool = createInvalidTool(() => toolIds);
  const ctx = testToolContext(tempDir('ct-invalid-'));

  it('fails, naming the nearest real tools', async () => {
    const result = await tool.execute({ requested_tool: 'web_fetch', args: { url: 'x' } }, ctx);
    expect(result.success).toBe(false);
    expect(errorBody(result.output)).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Tool "web_fetch" does not exist. Did you mean: webfetch? Call one of the available tools instead.',
      suggestions: ['webfetch'],
    });
  });

  it('lists every tool (but itself) when nothing is near', async () => {
    const result = await tool.execute({ requested_tool: 'deploy_to_kubernetes' }, ctx);
    const error = errorBody(result.output);
    expect(error.message).toBe(
      'Tool "deploy_to_kubernetes" does not exist. Available tools: bash, edit, glob, grep, multiedit, read, webfetch, websearch, write. Call one of the available tools instead.',
    );
    expect(error.suggestions).toEqual([]);
  });

  it('reads the tool list at call time', async () => {
    const ids = ['alpha'];
    const dynamic = createInvalidTool(() => ids);
    ids.push('bravo');
    const result = await dynamic.execute({ requested_tool: 'brav' }, ctx);
    expect(errorBody(result.output).suggestions).toEqual(['bravo']);
  });

  it('exposes a stable model-visible schema', () => {
    expect(toolSpec(tool)).toMatchSnapshot();
  });
});
