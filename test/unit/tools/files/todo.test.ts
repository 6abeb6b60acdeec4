import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { todoReadTool, todoWriteTool } from '../../../../services/tools/files/todo.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorOf, makeWorkspace } from './workspace.ts';

afterAll(cleanTempDirs);

describe('todowrite and todoread', () => {
  it('adds todos with generated ids and defaults, persisted in the workspace', async () => {
    const ws = makeWorkspace();
    const added = await ws.run(todoWriteTool, { action: 'add', content: 'Write the parser' });
    expect(added.output).toBe('Added t1\n\n○ t1 Write the parser');
    await ws.run(todoWriteTool, { action: 'add', content: 'Ship it', priority: 'critical' });
    const file = readFileSync(join(ws.root, '.codetether-todos.json'), 'utf8');
    const stored = JSON.parse(file) as Array<Record<string, unknown>>;
    expect(stored).toHaveLength(2);
    expect(stored[0]).toEqual({
      id: 't1',
      content: 'Write the parser',
      status: 'pending',
      priority: 'medium',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(readdirSync(ws.root)).toEqual(['.codetether-todos.json']);
  });

  it('shows status icons and priority markers, with filters', async () => {
    const ws = makeWorkspace();
    await ws.run(todoWriteTool, { action: 'add', content: 'low one', priority: 'low' });
    await ws.run(todoWriteTool, { action: 'add', content: 'busy', status: 'in_progress', priority: 'high' });
    await ws.run(todoWriteTool, { action: 'add', content: 'finished', status: 'done' });
    const blocked = { action: 'add', id: 'deploy', content: 'stuck', status: 'blocked', priority: 'critical' };
    await ws.run(todoWriteTool, blocked);
    const all = await ws.run(todoReadTool, {});
    expect(all.output).toBe(
      ['○ t1 [low] low one', '◐ t2 [HIGH] busy', '● t3 finished', '✗ deploy [CRITICAL] stuck'].join('\n'),
    );
    expect(all.metadata).toEqual({ count: 4, total: 4 });
    expect((await ws.run(todoReadTool, { status: 'done' })).output).toBe('● t3 finished');
    expect((await ws.run(todoReadTool, { priority: 'high' })).output).toBe('◐ t2 [HIGH] busy');
    expect((await ws.run(todoReadTool, { status: 'done', priority: 'high' })).output).toBe('No todos match.');
  });

  it('updates, deletes and clears', async () => {
    const ws = makeWorkspace();
    await ws.run(todoWriteTool, { action: 'add', content: 'a' });
    await ws.run(todoWriteTool, { action: 'add', content: 'b' });
    expect((await ws.run(todoWriteTool, { action: 'update', id: 't1', status: 'done', content: 'A' })).output).toBe(
      'Updated t1\n\n● t1 A\n○ t2 b',
    );
    expect((await ws.run(todoWriteTool, { action: 'delete', id: 't2' })).output).toBe('Deleted t2\n\n● t1 A');
    expect((await ws.run(todoWriteTool, { action: 'add', content: 'c' })).output).toContain('Added t2');
    expect((await ws.run(todoWriteTool, { action: 'clear' })).output).toBe('Cleared the todo list\n\nNo todos.');
    expect((await ws.run(todoReadTool, {})).output).toBe('No todos.');
  });

  it('keeps every change when writes run in parallel', async () => {
    const ws = makeWorkspace();
    const adds = Array.from({ length: 10 }, (_, i) => ws.run(todoWriteTool, { action: 'add', content: `item ${i}` }));
    await Promise.all(adds);
    const result = await ws.run(todoReadTool, {});
    expect(result.metadata).toEqual({ count: 10, total: 10 });
  });

  it('names missing fields per action and unknown ids', async () => {
    const ws = makeWorkspace();
    // A missing enum is reported by zod as invalid_value, which tool.ts does not list in missing_fields.
    const noAction = errorOf(await ws.run(todoWriteTool, {}));
    expect(noAction.code).toBe('INVALID_ARGUMENT');
    expect(noAction.message).toContain('action');
    expect(errorOf(await ws.run(todoWriteTool, { action: 'add' })).missing_fields).toEqual(['content']);
    expect(errorOf(await ws.run(todoWriteTool, { action: 'update', status: 'done' })).missing_fields).toEqual(['id']);
    expect(errorOf(await ws.run(todoWriteTool, { action: 'delete' })).missing_fields).toEqual(['id']);
    expect(errorOf(await ws.run(todoWriteTool, { action: 'update', id: 't9', status: 'done' })).code).toBe('NOT_FOUND');
    const badStatus = await ws.run(todoWriteTool, { action: 'add', content: 'x', status: 'finished' });
    expect(errorOf(badStatus).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(await ws.run(todoWriteTool, { action: 'archive' })).code).toBe('INVALID_ARGUMENT');
    await ws.run(todoWriteTool, { action: 'add', content: 'x' });
    expect(errorOf(await ws.run(todoWriteTool, { action: 'update', id: 't1' })).code).toBe('INVALID_ARGUMENT');
    const duplicate = await ws.run(todoWriteTool, { action: 'add', id: 't1', content: 'dup' });
    expect(errorOf(duplicate).code).toBe('INVALID_ARGUMENT');
  });

  it('reports a corrupt file and lets clear reset it', async () => {
    const ws = makeWorkspace();
    writeFileSync(join(ws.root, '.codetether-todos.json'), '{ not json');
    const error = errorOf(await ws.run(todoReadTool, {}));
    expect(error.code).toBe('EXECUTION_FAILED');
    expect(error.message).toContain('clear');
    expect((await ws.run(todoWriteTool, { action: 'clear' })).success).toBe(true);
    expect((await ws.run(todoReadTool, {})).output).toBe('No todos.');
  });
});
