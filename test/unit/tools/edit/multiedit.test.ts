import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { multieditTool } from '../../../../services/tools/edit/multiedit.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorCode, errorMessage, makeWorkspace } from './context.ts';

afterAll(cleanTempDirs);

describe('multiedit', () => {
  it('writes every file when all edits apply, and shows per-file diffs', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'alpha\n');
    ws.write('b.txt', 'beta\n');
    const result = await ws.run(multieditTool, {
      edits: [
        { file: 'a.txt', old_string: 'alpha', new_string: 'ALPHA' },
        { file: 'b.txt', old_string: 'beta', new_string: 'BETA' },
        { file: 'c/new.txt', old_string: '', new_string: 'gamma\n' },
      ],
    });
    expect(result.success).toBe(true);
    expect(ws.read('a.txt')).toBe('ALPHA\n');
    expect(ws.read('b.txt')).toBe('BETA\n');
    expect(ws.read('c/new.txt')).toBe('gamma\n');
    expect(result.output).toContain('+++ b/a.txt');
    expect(result.output).toContain('+++ b/b.txt');
    expect(result.metadata.files).toEqual([
      { file: 'a.txt', created: false, additions: 1, deletions: 1 },
      { file: 'b.txt', created: false, additions: 1, deletions: 1 },
      { file: 'c/new.txt', created: true, additions: 1, deletions: 0 },
    ]);
  });

  it('writes nothing when a later edit fails, and lists each failure by index', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'alpha\n');
    ws.write('b.txt', 'beta\n');
    const result = await ws.run(multieditTool, {
      edits: [
        { file: 'a.txt', old_string: 'alpha', new_string: 'ALPHA' },
        { file: 'b.txt', old_string: 'not there', new_string: 'x' },
        { file: 'missing.txt', old_string: 'x', new_string: 'y' },
      ],
    });
    expect(result.success).toBe(false);
    expect(errorCode(result)).toBe('NOT_FOUND');
    const message = errorMessage(result);
    expect(message).toContain('2 of 3 edits failed');
    expect(message).toContain('edits[1] (b.txt)');
    expect(message).toContain('edits[2] (missing.txt)');
    expect(message).not.toContain('edits[0]');
    expect(JSON.parse(result.output).error.failures).toHaveLength(2);
    expect(ws.read('a.txt')).toBe('alpha\n');
    expect(ws.read('b.txt')).toBe('beta\n');
  });

  it('applies edits to one file in sequence, each on the result of the previous', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'one\ntwo\n');
    const result = await ws.run(multieditTool, {
      edits: [
        { file: 'a.txt', old_string: 'one', new_string: 'uno' },
        { file: 'a.txt', old_string: 'uno\ntwo', new_string: 'uno\ndos' },
        { file: 'a.txt', old_string: 'dos', new_string: 'dos\ntres' },
      ],
    });
    expect(result.success).toBe(true);
    expect(ws.read('a.txt')).toBe('uno\ndos\ntres\n');
    expect(result.metadata.edits).toHaveLength(3);
  });

  it('can create a file and then edit it in the same call', async () => {
    const ws = makeWorkspace();
    const result = await ws.run(multieditTool, {
      edits: [
        { file: 'n.txt', old_string: '', new_string: 'a\nb\n' },
        { file: 'n.txt', old_string: 'b', new_string: 'B' },
      ],
    });
    expect(result.success).toBe(true);
    expect(ws.read('n.txt')).toBe('a\nB\n');
  });

  it('does not create files when a later edit fails', async () => {
    const ws = makeWorkspace();
    const result = await ws.run(multieditTool, {
      edits: [
        { file: 'n.txt', old_string: '', new_string: 'a\n' },
        { file: 'n.txt', old_string: 'zzz', new_string: 'B' },
      ],
    });
    expect(result.success).toBe(false);
    expect(existsSync(join(ws.root, 'n.txt'))).toBe(false);
  });

  it('reports ambiguity per edit', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'x\nx\n');
    const result = await ws.run(multieditTool, { edits: [{ file: 'a.txt', old_string: 'x', new_string: 'y' }] });
    expect(errorCode(result)).toBe('AMBIGUOUS_MATCH');
    expect(errorMessage(result)).toContain('replace_all');
    const all = await ws.run(multieditTool, { edits: [{ file: 'a.txt', old_string: 'x', new_string: 'y', replace_all: true }] });
    expect(all.success).toBe(true);
    expect(ws.read('a.txt')).toBe('y\ny\n');
  });

  it('refuses an empty list and paths outside the workspace', async () => {
    const ws = makeWorkspace();
    expect(errorCode(await ws.run(multieditTool, { edits: [] }))).toBe('INVALID_ARGUMENT');
    ws.write('a.txt', 'a\n');
    const result = await ws.run(multieditTool, {
      edits: [
        { file: 'a.txt', old_string: 'a', new_string: 'b' },
        { file: '../../etc/passwd', old_string: 'root', new_string: 'x' },
      ],
    });
    expect(errorCode(result)).toBe('PERMISSION_DENIED');
    expect(ws.read('a.txt')).toBe('a\n');
  });

  it('keeps CRLF endings of each file', async () => {
    const ws = makeWorkspace();
    ws.write('w.txt', 'a\r\nb\r\n');
    ws.write('u.txt', 'a\nb\n');
    await ws.run(multieditTool, {
      edits: [
        { file: 'w.txt', old_string: 'a\nb', new_string: 'a\nx\nb' },
        { file: 'u.txt', old_string: 'a\r\nb', new_string: 'a\r\nx\r\nb' },
      ],
    });
    expect(ws.read('w.txt')).toBe('a\r\nx\r\nb\r\n');
    expect(ws.read('u.txt')).toBe('a\nx\nb\n');
  });
});
