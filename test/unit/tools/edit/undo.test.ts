import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatchTool } from '../../../../services/tools/edit/apply-patch.ts';
import { editTool } from '../../../../services/tools/edit/edit.ts';
import { writeFileAtomic } from '../../../../services/tools/edit/file-io.ts';
import { multieditTool } from '../../../../services/tools/edit/multiedit.ts';
import { listChangeSets, recordChange } from '../../../../services/tools/edit/snapshots.ts';
import { undoTool } from '../../../../services/tools/edit/undo.ts';
import { writeTool } from '../../../../services/tools/files/write.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorCode, errorMessage, makeWorkspace } from './context.ts';

afterAll(cleanTempDirs);

describe('undo', () => {
  it('restores a file after edit', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'before\n');
    await ws.run(editTool, { filePath: 'a.txt', oldString: 'before', newString: 'after' });
    expect(ws.read('a.txt')).toBe('after\n');
    const result = await ws.run(undoTool, {});
    expect(result.success).toBe(true);
    expect(result.output).toContain('restore the previous content of a.txt');
    expect(ws.read('a.txt')).toBe('before\n');
    expect(await listChangeSets(ws.ctx)).toEqual([]);
  });

  it('keeps snapshots per session under <dataDir>/snapshots/<sessionId>/', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'before\n');
    await ws.run(editTool, { filePath: 'a.txt', oldString: 'before', newString: 'after' });
    const dir = join(ws.ctx.dataDir, 'snapshots', ws.ctx.sessionId);
    expect(readdirSync(join(dir, 'changes'))).toEqual(['00000001.json']);
    expect(readdirSync(join(dir, 'blobs'))).toHaveLength(1);
    const [set] = await listChangeSets(ws.ctx);
    expect(set).toMatchObject({ seq: 1, tool: 'edit', files: [{ path: join(ws.root, 'a.txt') }] });
    const other = await undoTool.execute({}, { ...ws.ctx, sessionId: 'another-session' });
    expect(errorCode(other)).toBe('NOT_FOUND');
    expect(ws.read('a.txt')).toBe('after\n');
  });

  it('restores every file of a multiedit, removing the files and directories it created', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'a\n');
    ws.write('b.txt', 'b\n');
    await ws.run(multieditTool, {
      edits: [
        { file: 'a.txt', old_string: 'a', new_string: 'A' },
        { file: 'b.txt', old_string: 'b', new_string: 'B' },
        { file: 'deep/er/c.txt', old_string: '', new_string: 'c\n' },
      ],
    });
    const result = await ws.run(undoTool, {});
    expect(result.success).toBe(true);
    expect(ws.read('a.txt')).toBe('a\n');
    expect(ws.read('b.txt')).toBe('b\n');
    expect(existsSync(join(ws.root, 'deep'))).toBe(false);
  });

  it('undoes apply_patch: created files removed, deleted files restored', async () => {
    const ws = makeWorkspace();
    ws.write('keep.txt', 'k\n');
    ws.write('gone.txt', 'g\n');
    const patch = [
      '--- a/keep.txt',
      '+++ b/keep.txt',
      '@@ -1 +1 @@',
      '-k',
      '+K',
      '--- /dev/null',
      '+++ b/made.txt',
      '@@ -0,0 +1 @@',
      '+m',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-g',
      '',
    ].join('\n');
    expect((await ws.run(applyPatchTool, { patch })).success).toBe(true);
    expect(existsSync(join(ws.root, 'gone.txt'))).toBe(false);
    const result = await ws.run(undoTool, {});
    expect(result.success).toBe(true);
    expect(result.output).toContain('delete made.txt (it did not exist before)');
    expect(result.output).toContain('recreate gone.txt (it was deleted)');
    expect(ws.read('keep.txt')).toBe('k\n');
    expect(ws.read('gone.txt')).toBe('g\n');
    expect(existsSync(join(ws.root, 'made.txt'))).toBe(false);
  });

  it('steps=2 undoes the last two changes, even to the same file', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'v1\n');
    ws.write('b.txt', 'untouched\n');
    await ws.run(editTool, { filePath: 'b.txt', oldString: 'untouched', newString: 'touched' });
    await ws.run(editTool, { filePath: 'a.txt', oldString: 'v1', newString: 'v2' });
    await ws.run(editTool, { filePath: 'a.txt', oldString: 'v2', newString: 'v3' });
    const result = await ws.run(undoTool, { steps: 2 });
    expect(result.success).toBe(true);
    expect(ws.read('a.txt')).toBe('v1\n');
    expect(ws.read('b.txt')).toBe('touched\n');
    expect((await listChangeSets(ws.ctx)).map((set) => set.seq)).toEqual([1]);
    await ws.run(undoTool, {});
    expect(ws.read('b.txt')).toBe('untouched\n');
  });

  it('preview lists what would be restored and changes nothing', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'before\n');
    await ws.run(editTool, { filePath: 'a.txt', oldString: 'before', newString: 'after' });
    const preview = await ws.run(undoTool, { preview: true });
    expect(preview.success).toBe(true);
    expect(preview.output).toMatch(/^Preview: nothing was changed/);
    expect(preview.output).toContain('#1 edit');
    expect(preview.output).toContain('restore the previous content of a.txt');
    expect(ws.read('a.txt')).toBe('after\n');
    expect(await listChangeSets(ws.ctx)).toHaveLength(1);
  });

  it('refuses, changing nothing, when a file was modified after the agent wrote it', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'a1\n');
    ws.write('b.txt', 'b1\n');
    await ws.run(multieditTool, {
      edits: [
        { file: 'a.txt', old_string: 'a1', new_string: 'a2' },
        { file: 'b.txt', old_string: 'b1', new_string: 'b2' },
      ],
    });
    ws.write('b.txt', 'b2 plus the user’s own work\n');
    const preview = await ws.run(undoTool, { preview: true });
    expect(preview.output).toContain('Undo would be refused');
    expect(preview.metadata.conflicts).toEqual([{ file: 'b.txt', reason: expect.stringContaining('modified after') }]);

    const result = await ws.run(undoTool, {});
    expect(result.success).toBe(false);
    expect(errorCode(result)).toBe('EXECUTION_FAILED');
    expect(errorMessage(result)).toContain('b.txt');
    expect(ws.read('a.txt')).toBe('a2\n');
    expect(ws.read('b.txt')).toBe('b2 plus the user’s own work\n');
    expect(await listChangeSets(ws.ctx)).toHaveLength(1);

    // Once the file holds what the agent left, undo goes ahead.
    ws.write('b.txt', 'b2\n');
    expect((await ws.run(undoTool, {})).success).toBe(true);
    expect(ws.read('a.txt')).toBe('a1\n');
    expect(ws.read('b.txt')).toBe('b1\n');
  });

  it('refuses when a file the agent created was deleted since', async () => {
    const ws = makeWorkspace();
    await ws.run(editTool, { filePath: 'n.txt', oldString: '', newString: 'n\n' });
    const { rmSync } = await import('node:fs');
    rmSync(join(ws.root, 'n.txt'));
    const result = await ws.run(undoTool, {});
    expect(errorCode(result)).toBe('EXECUTION_FAILED');
    expect(errorMessage(result)).toContain('deleted after');
  });

  it('says so when there is nothing to undo, and undoes what there is when fewer steps exist', async () => {
    const ws = makeWorkspace();
    expect(errorCode(await ws.run(undoTool, {}))).toBe('NOT_FOUND');
    ws.write('a.txt', 'x\n');
    await ws.run(editTool, { filePath: 'a.txt', oldString: 'x', newString: 'y' });
    const result = await ws.run(undoTool, { steps: 5 });
    expect(result.success).toBe(true);
    expect(result.output).toContain('Only 1 change set(s) are recorded');
    expect(ws.read('a.txt')).toBe('x\n');
    expect(errorCode(await ws.run(undoTool, { steps: 11 }))).toBe('INVALID_ARGUMENT');
  });

  it('does not record failed edits or dry runs', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'x\n');
    await ws.run(editTool, { filePath: 'a.txt', oldString: 'nope', newString: 'y' });
    await ws.run(applyPatchTool, { patch: '--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-x\n+y\n', dry_run: true });
    expect(await listChangeSets(ws.ctx)).toEqual([]);
  });
});

describe('undo after write', () => {
  it('restores an overwritten file and removes a created one', async () => {
    const ws = makeWorkspace();
    ws.write('kept.txt', 'original\n');
    expect((await ws.run(writeTool, { path: 'kept.txt', content: 'overwritten\n' })).success).toBe(true);
    expect((await ws.run(writeTool, { path: 'new/dir/file.txt', content: 'new\n' })).success).toBe(true);
    const undone = await ws.run(undoTool, { steps: 2 });
    expect(undone.success).toBe(true);
    expect(ws.read('kept.txt')).toBe('original\n');
    expect(existsSync(join(ws.root, 'new'))).toBe(false);
  });
});

describe('recordChange (for other file-writing tools)', () => {
  it('records a write made through it so undo can revert it', async () => {
    const ws = makeWorkspace();
    ws.write('w.txt', 'old\n');
    const path = join(ws.root, 'w.txt');
    const value = await recordChange(ws.ctx, 'write', [path], async () => {
      await writeFileAtomic(path, Buffer.from('new\n'));
      return 42;
    });
    expect(value).toBe(42);
    const [set] = await listChangeSets(ws.ctx);
    expect(set?.tool).toBe('write');
    await ws.run(undoTool, {});
    expect(ws.read('w.txt')).toBe('old\n');
  });

  it('records nothing when nothing changed', async () => {
    const ws = makeWorkspace();
    ws.write('w.txt', 'same\n');
    const path = join(ws.root, 'w.txt');
    await recordChange(ws.ctx, 'write', [path], () => writeFileAtomic(path, Buffer.from('same\n')));
    expect(await listChangeSets(ws.ctx)).toEqual([]);
  });

  it('still records what changed when the change then fails', async () => {
    const ws = makeWorkspace();
    const first = join(ws.root, 'first.txt');
    await expect(
      recordChange(ws.ctx, 'write', [first, join(ws.root, 'second.txt')], async () => {
        await writeFileAtomic(first, Buffer.from('half done\n'));
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    const [set] = await listChangeSets(ws.ctx);
    expect(set?.files).toEqual([{ path: first, before: null, after: expect.any(String) }]);
    await ws.run(undoTool, {});
    expect(existsSync(first)).toBe(false);
  });

  it('gives each change set its own number when calls run concurrently', async () => {
    const ws = makeWorkspace();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        recordChange(ws.ctx, 'write', [join(ws.root, `f${i}.txt`)], () => writeFileAtomic(join(ws.root, `f${i}.txt`), Buffer.from(`${i}\n`))),
      ),
    );
    const seqs = (await listChangeSets(ws.ctx)).map((set) => set.seq);
    expect(seqs).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });
});
