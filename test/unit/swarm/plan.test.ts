import { describe, expect, it } from '@jest/globals';
import { assignStages, checkPlan, extractJson, findCycle, salvagePlan } from '../../../services/swarm/plan.ts';

const fenced = (value: unknown) => `Plan:\n\`\`\`json\n${JSON.stringify(value)}\n\`\`\`\nDone.`;

describe('reading a decomposition', () => {
  it('finds the JSON in a fenced block, or between the outer braces', () => {
    expect(extractJson('x ```json\n{"a":1}\n``` y {"b":2}')).toBe('{"a":1}');
    expect(extractJson('Sure: {"subtasks": []} — hope that helps')).toBe('{"subtasks": []}');
    expect(extractJson('no json here')).toBeUndefined();
  });

  it('turns subtasks into stages by their dependencies, named by id or by name', () => {
    const checked = checkPlan(
      fenced({
        subtasks: [
          { id: 'Research API', name: 'Research', instruction: 'read docs', specialty: 'research', priority: 2, estimated_complexity: 'low' },
          { name: 'Write code', instruction: 'implement', depends_on: ['Research API'], estimated_complexity: 8 },
          { id: 7, name: 'Tests', instruction: 'test it', dependencies: ['write code', 'research-api'] },
        ],
      }),
      10,
    );
    if (!checked.ok) throw new Error(checked.issues.join('; '));
    expect(checked.subtasks).toEqual([
      { id: 'research-api', name: 'Research', instruction: 'read docs', specialty: 'research', dependencies: [], priority: 2, complexity: 'low', stage: 0 },
      { id: 'write-code', name: 'Write code', instruction: 'implement', specialty: 'general', dependencies: ['research-api'], priority: 3, complexity: 'high', stage: 1 },
      { id: '7', name: 'Tests', instruction: 'test it', specialty: 'general', dependencies: ['write-code', 'research-api'], priority: 3, complexity: 'medium', stage: 2 },
    ]);
  });

  it('names every problem: no JSON, bad fields, too many, unknown or own dependencies, cycles, duplicate ids', () => {
    expect(checkPlan('I would split it in three.', 5)).toEqual({ ok: false, issues: ['the answer holds no JSON object'] });
    expect(checkPlan('{"subtasks": [ } oops }', 5)).toMatchObject({ ok: false, issues: [expect.stringContaining('the JSON does not parse')] });
    expect(checkPlan(fenced({ subtasks: [{ name: 'a' }] }), 5)).toEqual({ ok: false, issues: ['subtasks[0].instruction: Invalid input: expected string, received undefined'] });
    const many = { subtasks: Array.from({ length: 4 }, (_, i) => ({ id: `t${i}`, name: `t${i}`, instruction: 'x' })) };
    expect(checkPlan(fenced(many), 3)).toEqual({ ok: false, issues: ['4 subtasks: at most 3 are allowed'] });
    const bad = checkPlan(
      fenced({
        subtasks: [
          { id: 'a', name: 'A', instruction: 'x', dependencies: ['ghost', 'a'] },
          { id: 'b', name: 'B', instruction: 'x', dependencies: ['c'] },
          { id: 'c', name: 'C', instruction: 'x', dependencies: ['b'] },
        ],
      }),
      5,
    );
    expect(bad).toEqual({
      ok: false,
      issues: ['subtask "A" depends on "ghost", which is not a subtask', 'subtask "A" depends on itself', 'the dependencies form a cycle: b → c → b'],
    });
    // Two subtasks with one id are told apart rather than refused.
    const twins = checkPlan(fenced({ subtasks: [{ id: 'x', name: 'X1', instruction: 'i' }, { id: 'x', name: 'X2', instruction: 'i' }] }), 5);
    expect(twins.ok && twins.subtasks.map((s) => s.id)).toEqual(['x', 'x-2']);
  });

  it('salvages what it can: valid entries, the best-priority ones within the limit, no unknown dependency, no cycle', () => {
    const text = fenced({
      subtasks: [
        { id: 'a', name: 'A', instruction: 'x', dependencies: ['c'], priority: 1 },
        { id: 'broken', name: '' },
        { id: 'b', name: 'B', instruction: 'x', dependencies: ['a', 'ghost'], priority: 5 },
        { id: 'c', name: 'C', instruction: 'x', dependencies: ['a'], priority: 2 },
        { id: 'd', name: 'D', instruction: 'x', priority: 4 },
      ],
    });
    const kept = salvagePlan(text, 3)!;
    expect(kept.map((s) => [s.id, s.dependencies, s.stage])).toEqual([
      ['a', ['c'], 1],
      ['c', [], 0],
      ['d', [], 0],
    ]);
    expect(salvagePlan('nothing', 3)).toBeUndefined();
    expect(salvagePlan(fenced({ subtasks: [{ name: 'no instruction' }] }), 3)).toBeUndefined();
  });

  it('computes stages and finds cycles', () => {
    const deps = new Map<string, string[]>([
      ['a', []],
      ['b', ['a']],
      ['c', ['a', 'b']],
      ['d', []],
    ]);
    expect(Object.fromEntries(assignStages(deps))).toEqual({ a: 0, b: 1, c: 2, d: 0 });
    expect(findCycle(deps)).toBeUndefined();
    expect(findCycle(new Map([['x', ['y']], ['y', ['z']], ['z', ['x']]]))).toEqual(['x', 'y', 'z', 'x']);
  });
});
