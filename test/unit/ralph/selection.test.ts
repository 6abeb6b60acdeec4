import { describe, expect, it } from '@jest/globals';
import { nextStory, readyStories, stages, type SelectableStory } from '../../../services/ralph/selection.ts';

function s(id: string, options: Partial<Omit<SelectableStory, 'id'>> = {}): SelectableStory {
  return { id, passes: false, priority: 1, complexity: 3, depends_on: [], ...options };
}

const ids = (stories: readonly SelectableStory[] | undefined) => (stories ?? []).map((x) => x.id);

describe('story selection', () => {
  it('picks by priority, then complexity, then file order', () => {
    expect(nextStory([s('a', { priority: 2 }), s('b', { priority: 1, complexity: 4 }), s('c', { priority: 1, complexity: 2 })])?.id).toBe('c');
    expect(nextStory([s('a', { priority: 2 }), s('b', { complexity: 4 }), s('c', { complexity: 4 })])?.id).toBe('b');
  });

  it('skips passed stories and waits for dependencies', () => {
    const stories = [s('a', { passes: true }), s('b', { priority: 1, depends_on: ['c'] }), s('c', { priority: 3, depends_on: ['a'] })];
    expect(nextStory(stories)?.id).toBe('c');
    expect(ids(readyStories(stories))).toEqual(['c']);
    expect(nextStory([s('a', { passes: true })])).toBeUndefined();
  });

  it('never picks a story whose dependency does not exist', () => {
    expect(nextStory([s('a', { depends_on: ['ghost'] })])).toBeUndefined();
  });
});

describe('stages', () => {
  it('groups stories whose dependencies are passed or in earlier stages, in file order', () => {
    const result = stages([
      s('d', { depends_on: ['b', 'c'] }),
      s('a', { passes: true }),
      s('b', { depends_on: ['a'] }),
      s('c'),
      s('e', { depends_on: ['d'] }),
    ]);
    expect(result.stages.map(ids)).toEqual([['b', 'c'], ['d'], ['e']]);
    expect(result.blocked).toEqual([]);
  });

  it('leaves stories in a cycle or with unknown dependencies out, as blocked', () => {
    const result = stages([s('a'), s('b', { depends_on: ['c'] }), s('c', { depends_on: ['b'] }), s('d', { depends_on: ['x'] })]);
    expect(result.stages.map(ids)).toEqual([['a']]);
    expect(ids(result.blocked)).toEqual(['b', 'c', 'd']);
  });

  it('has no stage when everything passed', () => {
    expect(stages([s('a', { passes: true })])).toEqual({ stages: [], blocked: [] });
  });
});
