import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatchTool } from '../../../../services/tools/edit/apply-patch.ts';
import { parsePatch } from '../../../../services/tools/edit/patch-parse.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorCode, errorMessage, makeWorkspace } from './context.ts';

afterAll(cleanTempDirs);

const multiFile = [
  'diff --git a/src/keep.ts b/src/keep.ts',
  'index 1111111..2222222 100644',
  '--- a/src/keep.ts',
  '+++ b/src/keep.ts',
  '@@ -1,3 +1,3 @@',
  ' const a = 1;',
  '-const b = 2;',
  '+const b = 20;',
  ' const c = 3;',
  'diff --git a/src/new.ts b/src/new.ts',
  'new file mode 100644',
  'index 0000000..3333333',
  '--- /dev/null',
  '+++ b/src/new.ts',
  '@@ -0,0 +1,2 @@',
  '+export const fresh = true;',
  '+export const count = 2;',
  'diff --git a/src/old.ts b/src/old.ts',
  'deleted file mode 100644',
  'index 4444444..0000000',
  '--- a/src/old.ts',
  '+++ /dev/null',
  '@@ -1,1 +0,0 @@',
  '-export const stale = 1;',
  '',
].join('\n');

function seed(ws: ReturnType<typeof makeWorkspace>): void {
  ws.write('src/keep.ts', 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
  ws.write('src/old.ts', 'export const stale = 1;\n');
}

describe('apply_patch', () => {
  it('modifies, creates and deletes files of a multi-file git patch', async () => {
    const ws = makeWorkspace();
    seed(ws);
    const result = await ws.run(applyPatchTool, { patch: multiFile });
    expect(result.success).toBe(true);
    expect(ws.read('src/keep.ts')).toBe('const a = 1;\nconst b = 20;\nconst c = 3;\n');
    expect(ws.read('src/new.ts')).toBe('export const fresh = true;\nexport const count = 2;\n');
    expect(existsSync(join(ws.root, 'src/old.ts'))).toBe(false);
    expect(result.output).toContain('M src/keep.ts (+1 -1)');
    expect(result.output).toContain('A src/new.ts (+2 -0)');
    expect(result.output).toContain('D src/old.ts (+0 -1)');
    expect(result.metadata.files).toEqual([
      { file: 'src/keep.ts', change: 'modified', additions: 1, deletions: 1 },
      { file: 'src/new.ts', change: 'created', additions: 2, deletions: 0 },
      { file: 'src/old.ts', change: 'deleted', additions: 0, deletions: 1 },
    ]);
  });

  it('dry_run reports the change and writes nothing', async () => {
    const ws = makeWorkspace();
    seed(ws);
    const result = await ws.run(applyPatchTool, { patch: multiFile, dry_run: true });
    expect(result.success).toBe(true);
    expect(result.output).toMatch(/^Dry run/);
    expect(result.output).toContain('+const b = 20;');
    expect(ws.read('src/keep.ts')).toBe('const a = 1;\nconst b = 2;\nconst c = 3;\n');
    expect(existsSync(join(ws.root, 'src/new.ts'))).toBe(false);
    expect(ws.read('src/old.ts')).toBe('export const stale = 1;\n');
  });

  it('writes nothing when one hunk of one file fails, and names the hunk', async () => {
    const ws = makeWorkspace();
    seed(ws);
    ws.write('src/other.ts', 'line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\n');
    const patch = [
      multiFile,
      '--- a/src/other.ts',
      '+++ b/src/other.ts',
      '@@ -1,2 +1,2 @@',
      ' line 1',
      '-line 2',
      '+line two',
      '@@ -7,2 +7,2 @@',
      ' line 7',
      '-line eighty',
      '+line 8 changed',
      '',
    ].join('\n');
    const result = await ws.run(applyPatchTool, { patch });
    expect(result.success).toBe(false);
    expect(errorCode(result)).toBe('NOT_FOUND');
    const message = errorMessage(result);
    expect(message).toContain('nothing was written');
    expect(message).toContain('src/other.ts');
    expect(message).toContain('hunk 2 (@@ -7,2 +7,2 @@)');
    expect(message).toContain('line eighty');
    expect(ws.read('src/keep.ts')).toBe('const a = 1;\nconst b = 2;\nconst c = 3;\n');
    expect(ws.read('src/other.ts')).toContain('line 2\n');
    expect(existsSync(join(ws.root, 'src/new.ts'))).toBe(false);
    expect(existsSync(join(ws.root, 'src/old.ts'))).toBe(true);
  });

  it('finds a hunk whose line numbers are off, and says so', async () => {
    const ws = makeWorkspace();
    ws.write('f.txt', 'header\nextra 1\nextra 2\nextra 3\nalpha\nbeta\ngamma\n');
    const patch = ['--- a/f.txt', '+++ b/f.txt', '@@ -1,3 +1,3 @@', ' alpha', '-beta', '+BETA', ' gamma', ''].join('\n');
    const result = await ws.run(applyPatchTool, { patch });
    expect(result.success).toBe(true);
    expect(ws.read('f.txt')).toBe('header\nextra 1\nextra 2\nextra 3\nalpha\nBETA\ngamma\n');
    expect(result.metadata.notes).toEqual(['f.txt: hunk 1 (@@ -1,3 +1,3 @@) applied at line 5 (offset +4)']);
  });

  it('matches context that differs only in whitespace, keeping the file’s own context lines', async () => {
    const ws = makeWorkspace();
    ws.write('f.py', 'def f():\n\tif x:  \n\t\treturn 1\n');
    const patch = ['--- f.py', '+++ f.py', '@@ -1,3 +1,3 @@', ' def f():', '     if x:', '-        return 1', '+\t\treturn 2', ''].join('\n');
    const result = await ws.run(applyPatchTool, { patch });
    expect(result.success).toBe(true);
    expect(ws.read('f.py')).toBe('def f():\n\tif x:  \n\t\treturn 2\n');
    expect((result.metadata.notes as string[]).join()).toContain('ignoring surrounding whitespace');
  });

  it('tolerates wrong line counts and missing numbers in @@ headers', async () => {
    const ws = makeWorkspace();
    ws.write('f.txt', 'a\nb\nc\nd\n');
    const patch = ['--- a/f.txt', '+++ b/f.txt', '@@ -2,9 +2,9 @@', ' b', '-c', '+C', '@@ @@', ' d', '+e', ''].join('\n');
    const result = await ws.run(applyPatchTool, { patch });
    expect(result.success).toBe(true);
    expect(ws.read('f.txt')).toBe('a\nb\nC\nd\ne\n');
  });

  it('handles "\\ No newline at end of file" on both sides', async () => {
    const ws = makeWorkspace();
    ws.write('f.txt', 'a\nb');
    const addNewline = ['--- a/f.txt', '+++ b/f.txt', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b', ''].join('\n');
    expect((await ws.run(applyPatchTool, { patch: addNewline })).success).toBe(true);
    expect(ws.read('f.txt')).toBe('a\nb\n');
    const dropNewline = ['--- a/f.txt', '+++ b/f.txt', '@@ -1,2 +1,2 @@', ' a', '-b', '+B', '\\ No newline at end of file', ''].join('\n');
    expect((await ws.run(applyPatchTool, { patch: dropNewline })).success).toBe(true);
    expect(ws.read('f.txt')).toBe('a\nB');
  });

  it('keeps CRLF line endings of the patched file', async () => {
    const ws = makeWorkspace();
    ws.write('w.txt', 'one\r\ntwo\r\nthree\r\n');
    const patch = ['--- a/w.txt', '+++ b/w.txt', '@@ -1,3 +1,3 @@', ' one', '-two', '+TWO', ' three', ''].join('\n');
    expect((await ws.run(applyPatchTool, { patch })).success).toBe(true);
    expect(ws.read('w.txt')).toBe('one\r\nTWO\r\nthree\r\n');
  });

  it('applies a git rename with changes', async () => {
    const ws = makeWorkspace();
    ws.write('old name.txt', 'x\ny\n');
    const patch = [
      'diff --git a/old name.txt b/dir/new name.txt',
      'similarity index 50%',
      'rename from old name.txt',
      'rename to dir/new name.txt',
      '--- a/old name.txt',
      '+++ b/dir/new name.txt',
      '@@ -1,2 +1,2 @@',
      ' x',
      '-y',
      '+Y',
      '',
    ].join('\n');
    const result = await ws.run(applyPatchTool, { patch });
    expect(result.success).toBe(true);
    expect(existsSync(join(ws.root, 'old name.txt'))).toBe(false);
    expect(ws.read('dir/new name.txt')).toBe('x\nY\n');
  });

  it('accepts a patch wrapped in a code fence', async () => {
    const ws = makeWorkspace();
    ws.write('f.txt', 'a\n');
    const patch = ['```diff', '--- a/f.txt', '+++ b/f.txt', '@@ -1 +1 @@', '-a', '+b', '```', ''].join('\n');
    expect((await ws.run(applyPatchTool, { patch })).success).toBe(true);
    expect(ws.read('f.txt')).toBe('b\n');
  });

  it('refuses to create a file that exists, or patch one that does not', async () => {
    const ws = makeWorkspace();
    ws.write('exists.txt', 'x\n');
    const create = ['--- /dev/null', '+++ b/exists.txt', '@@ -0,0 +1 @@', '+y', ''].join('\n');
    expect(errorCode(await ws.run(applyPatchTool, { patch: create }))).toBe('INVALID_ARGUMENT');
    const modify = ['--- a/nope.txt', '+++ b/nope.txt', '@@ -1 +1 @@', '-a', '+b', ''].join('\n');
    expect(errorCode(await ws.run(applyPatchTool, { patch: modify }))).toBe('NOT_FOUND');
  });

  it('refuses paths outside the workspace and writes nothing', async () => {
    const ws = makeWorkspace();
    ws.write('f.txt', 'a\n');
    const patch = [
      '--- a/f.txt',
      '+++ b/f.txt',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      '--- /dev/null',
      '+++ b/../escaped.txt',
      '@@ -0,0 +1 @@',
      '+pwned',
      '',
    ].join('\n');
    const result = await ws.run(applyPatchTool, { patch });
    expect(errorCode(result)).toBe('PERMISSION_DENIED');
    expect(ws.read('f.txt')).toBe('a\n');
    expect(existsSync(join(ws.root, '..', 'escaped.txt'))).toBe(false);
  });

  it('rejects text that is not a patch', async () => {
    const ws = makeWorkspace();
    const result = await ws.run(applyPatchTool, { patch: 'just some words\n' });
    expect(errorCode(result)).toBe('INVALID_ARGUMENT');
    const orphan = await ws.run(applyPatchTool, { patch: '@@ -1 +1 @@\n-a\n+b\n' });
    expect(errorCode(orphan)).toBe('INVALID_ARGUMENT');
  });
});

describe('parsePatch', () => {
  it('reads paths, hunks and an empty new file from git headers', () => {
    const files = parsePatch(
      [
        'diff --git a/empty.txt b/empty.txt',
        'new file mode 100644',
        'index 0000000..e69de29',
        'diff --git a/x.txt b/x.txt',
        '--- a/x.txt\t2024-01-01 00:00:00',
        '+++ b/x.txt\t2024-01-02 00:00:00',
        '@@ -3,2 +3,3 @@ function context',
        ' keep',
        '-drop',
        '+add',
        '+more',
        '',
        'trailing commentary',
      ].join('\n'),
    );
    expect(files).toEqual([
      { oldPath: null, newPath: 'empty.txt', hunks: [] },
      {
        oldPath: 'x.txt',
        newPath: 'x.txt',
        hunks: [
          {
            header: '@@ -3,2 +3,3 @@ function context',
            oldStart: 3,
            oldCount: 2,
            lines: [
              { kind: 'context', text: 'keep' },
              { kind: 'remove', text: 'drop' },
              { kind: 'add', text: 'add' },
              { kind: 'add', text: 'more' },
            ],
            oldMissingNewline: false,
            newMissingNewline: false,
          },
        ],
      },
    ]);
  });

  it('creates an empty file from a header-only git section', async () => {
    const ws = makeWorkspace();
    const result = await ws.run(applyPatchTool, {
      patch: 'diff --git a/empty.txt b/empty.txt\nnew file mode 100644\nindex 0000000..e69de29\n',
    });
    expect(result.success).toBe(true);
    expect(ws.read('empty.txt')).toBe('');
  });
});
