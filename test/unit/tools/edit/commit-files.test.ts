import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { commitFiles } from '../../../../services/tools/edit/commit-files.ts';
import { multieditTool } from '../../../../services/tools/edit/multiedit.ts';
import { listChangeSets } from '../../../../services/tools/edit/snapshots.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { makeWorkspace } from './context.ts';

afterAll(cleanTempDirs);

describe('commitFiles', () => {
  it('puts back the files already written when a later write fails', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'a\n');
    ws.write('blocker', 'a file where a directory is needed\n');
    const a = join(ws.root, 'a.txt');
    const made = join(ws.root, 'made.txt');
    await expect(
      commitFiles([
        { path: a, before: Buffer.from('a\n'), after: Buffer.from('A\n') },
        { path: made, before: null, after: Buffer.from('m\n') },
        { path: join(ws.root, 'blocker', 'x.txt'), before: null, after: Buffer.from('x\n') },
      ]),
    ).rejects.toThrow();
    expect(ws.read('a.txt')).toBe('a\n');
    expect(readdirSync(ws.root).sort()).toEqual(['a.txt', 'blocker']);
  });

  it('makes multiedit all-or-nothing even when writing fails midway, and records no change set', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'a\n');
    ws.write('blocker', 'b\n');
    const result = await ws.run(multieditTool, {
      edits: [
        { file: 'a.txt', old_string: 'a', new_string: 'A' },
        { file: 'blocker/x.txt', old_string: '', new_string: 'x\n' },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.metadata.error_code).toBe('EXECUTION_FAILED');
    expect(ws.read('a.txt')).toBe('a\n');
    expect(await listChangeSets(ws.ctx)).toEqual([]);
  });
});
