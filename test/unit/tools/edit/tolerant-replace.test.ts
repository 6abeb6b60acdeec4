import { describe, expect, it } from '@jest/globals';
import { ToolError } from '../../../../services/tools/tool.ts';
import { replaceTolerant } from '../../../../services/tools/edit/tolerant-replace.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ToolError ? err.code : 'not a ToolError';
  }
  return undefined;
}

describe('replaceTolerant: each replacer, with a case only it matches', () => {
  it('exact', () => {
    const result = replaceTolerant('alpha\nbeta\n', 'beta', 'gamma', false);
    expect(result).toEqual({ content: 'alpha\ngamma\n', count: 1, replacer: 'exact' });
  });

  it('line-trimmed: indentation differs on every line', () => {
    const content = 'function f() {\n    return 1;\n}\n';
    const result = replaceTolerant(content, 'function f() {\nreturn 1;', 'function f() {\n    return 2;', false);
    expect(result.replacer).toBe('line-trimmed');
    expect(result.content).toBe('function f() {\n    return 2;\n}\n');
  });

  it('line-trimmed keeps the line break when oldString ends with one', () => {
    const result = replaceTolerant('a\n  b\nc\n', ' b \n', 'B\n', false);
    expect(result.replacer).toBe('line-trimmed');
    expect(result.content).toBe('a\nB\nc\n');
  });

  it('block-anchor: first and last lines match, a middle line has a typo', () => {
    const content = 'function f() {\n  const a = 1;\n  const b = 2;\n  return a + b;\n}\n';
    const find = 'function f() {\n  const a = 1;\n  const bb = 2;\n  return a + b;\n}';
    const result = replaceTolerant(content, find, 'function f() {\n  return 3;\n}', false);
    expect(result.replacer).toBe('block-anchor');
    expect(result.content).toBe('function f() {\n  return 3;\n}\n');
  });

  it('block-anchor: with several candidate blocks, picks the clearly most similar one', () => {
    const content = [
      'if (ready) {',
      '  launch(rocket, now);',
      '}',
      'if (ready) {',
      '  cleanUpEverything();',
      '}',
      '',
    ].join('\n');
    const result = replaceTolerant(content, 'if (ready) {\n  launch(rockett, now);\n}', 'if (ready) {\n  go();\n}', false);
    expect(result.replacer).toBe('block-anchor');
    expect(result.content).toBe('if (ready) {\n  go();\n}\nif (ready) {\n  cleanUpEverything();\n}\n');
  });

  it('block-anchor: refuses a lone block whose middle is too different', () => {
    const content = 'start {\n  completely different text here\n}\n';
    expect(codeOf(() => replaceTolerant(content, 'start {\n  zz\n}', 'x', false))).toBe('NOT_FOUND');
  });

  it('whitespace-normalized: runs of spaces differ inside a line', () => {
    const result = replaceTolerant('const x = compute(a, b);\n', 'x  =  compute(a,  b)', 'y = compute(a, b)', false);
    expect(result.replacer).toBe('whitespace-normalized');
    expect(result.content).toBe('const y = compute(a, b);\n');
  });

  it('indentation-flexible: the same relative indentation picks one of two look-alike blocks', () => {
    const content = 'if (a) {\n  foo();\n    bar();\n}\nif (b) {\n    foo();\n  bar();\n}\n';
    // Shifted two columns to the right of the second block; the first block has the opposite shape.
    const result = replaceTolerant(content, '      foo();\n    bar();', '    baz();', false);
    expect(result.replacer).toBe('indentation-flexible');
    expect(result.content).toBe('if (a) {\n  foo();\n    bar();\n}\nif (b) {\n    baz();\n}\n');
  });

  it('trimmed-boundary: surrounding whitespace in oldString', () => {
    const content = 'a(foo  bar); b(foo bar);\n';
    const result = replaceTolerant(content, ' foo bar ', 'qux', false);
    expect(result.replacer).toBe('trimmed-boundary');
    expect(result.content).toBe('a(foo  bar); b(qux);\n');
  });
});

describe('replaceTolerant: uniqueness', () => {
  it('reports AMBIGUOUS_MATCH when the text occurs more than once', () => {
    const content = 'x = 1;\ny = 2;\nx = 1;\n';
    let error: unknown;
    try {
      replaceTolerant(content, 'x = 1;', 'x = 3;', false);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).code).toBe('AMBIGUOUS_MATCH');
    expect((error as ToolError).message).toMatch(/more surrounding lines/);
    expect((error as ToolError).details).toEqual({ matches: 2 });
  });

  it('replaceAll replaces every occurrence', () => {
    const result = replaceTolerant('x = 1;\ny = 2;\nx = 1;\n', 'x = 1;', 'x = 3;', true);
    expect(result).toEqual({ content: 'x = 3;\ny = 2;\nx = 3;\n', count: 2, replacer: 'exact' });
  });

  it('reports NOT_FOUND with a hint when nothing matches', () => {
    let message = '';
    try {
      replaceTolerant('hello\n', 'goodbye', 'x', false);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe('oldString not found in content. Provide more context or check for typos.');
  });
});
