import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editTool } from '../../../../services/tools/edit/edit.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';
import { errorCode, errorMessage, makeWorkspace } from './context.ts';

afterAll(cleanTempDirs);

describe('edit', () => {
  it('replaces a unique match, shows a diff and reports the replacer', async () => {
    const ws = makeWorkspace();
    ws.write('src/a.ts', 'const a = 1;\nconst b = 2;\n');
    const result = await ws.run(editTool, { filePath: 'src/a.ts', oldString: 'const b = 2;', newString: 'const b = 3;' });
    expect(result.success).toBe(true);
    expect(ws.read('src/a.ts')).toBe('const a = 1;\nconst b = 3;\n');
    expect(result.output).toContain('--- a/src/a.ts');
    expect(result.output).toContain('-const b = 2;');
    expect(result.output).toContain('+const b = 3;');
    expect(result.metadata).toMatchObject({ file: 'src/a.ts', replacements: 1, replacer: 'exact', created: false });
  });

  it('uses a tolerant replacer when the exact text is not there', async () => {
    const ws = makeWorkspace();
    ws.write('a.py', 'def f():\n    return 1\n');
    const result = await ws.run(editTool, { filePath: 'a.py', oldString: 'def f():\nreturn 1', newString: 'def f():\n    return 2' });
    expect(result.metadata.replacer).toBe('line-trimmed');
    expect(ws.read('a.py')).toBe('def f():\n    return 2\n');
  });

  it('refuses an ambiguous match and writes nothing', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'same\nother\nsame\n');
    const result = await ws.run(editTool, { filePath: 'a.txt', oldString: 'same', newString: 'changed' });
    expect(errorCode(result)).toBe('AMBIGUOUS_MATCH');
    expect(errorMessage(result)).toMatch(/surrounding lines/);
    expect(ws.read('a.txt')).toBe('same\nother\nsame\n');
  });

  it('replaceAll changes every occurrence', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'same\nother\nsame\n');
    const result = await ws.run(editTool, { filePath: 'a.txt', oldString: 'same', newString: 'changed', replaceAll: true });
    expect(result.metadata.replacements).toBe(2);
    expect(ws.read('a.txt')).toBe('changed\nother\nchanged\n');
  });

  it('reports NOT_FOUND for text that is not in the file', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'hello\n');
    const result = await ws.run(editTool, { filePath: 'a.txt', oldString: 'goodbye', newString: 'x' });
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(errorMessage(result)).toBe('oldString not found in content. Provide more context or check for typos.');
  });

  it('reports NOT_FOUND for a missing file', async () => {
    const ws = makeWorkspace();
    const result = await ws.run(editTool, { filePath: 'missing.txt', oldString: 'a', newString: 'b' });
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(errorMessage(result)).toMatch(/does not exist/);
  });

  it('creates a missing file (and its directories) from an empty oldString', async () => {
    const ws = makeWorkspace();
    const result = await ws.run(editTool, { filePath: 'new/dir/file.txt', oldString: '', newString: 'hello\n' });
    expect(result.success).toBe(true);
    expect(result.metadata).toMatchObject({ created: true, replacer: 'create' });
    expect(ws.read('new/dir/file.txt')).toBe('hello\n');
    expect(result.output).toContain('--- /dev/null');
  });

  it('refuses an empty oldString on a file that has content', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'content\n');
    const result = await ws.run(editTool, { filePath: 'a.txt', oldString: '', newString: 'x' });
    expect(errorCode(result)).toBe('INVALID_ARGUMENT');
    expect(ws.read('a.txt')).toBe('content\n');
  });

  it('rejects identical oldString and newString', async () => {
    const ws = makeWorkspace();
    ws.write('a.txt', 'content\n');
    const result = await ws.run(editTool, { filePath: 'a.txt', oldString: 'content', newString: 'content' });
    expect(errorCode(result)).toBe('INVALID_ARGUMENT');
  });

  it('names missing parameters', async () => {
    const ws = makeWorkspace();
    const result = await ws.run(editTool, { filePath: 'a.txt' });
    expect(errorCode(result)).toBe('INVALID_ARGUMENT');
    expect(JSON.parse(result.output).error.missing_fields).toEqual(['oldString', 'newString']);
  });

  it('keeps CRLF line endings and a BOM', async () => {
    const ws = makeWorkspace();
    ws.write('win.txt', '\uFEFFone\r\ntwo\r\nthree\r\n');
    const result = await ws.run(editTool, { filePath: 'win.txt', oldString: 'two\nthree', newString: 'TWO\nTHREE\nFOUR' });
    expect(result.success).toBe(true);
    expect(readFileSync(join(ws.root, 'win.txt'), 'utf8')).toBe('\uFEFFone\r\nTWO\r\nTHREE\r\nFOUR\r\n');
  });

  it('leaves the endings of a mixed-ending file as they are', async () => {
    const ws = makeWorkspace();
    ws.write('mixed.txt', 'one\r\ntwo\nthree\r\n');
    const result = await ws.run(editTool, { filePath: 'mixed.txt', oldString: 'two', newString: 'TWO' });
    expect(result.success).toBe(true);
    expect(ws.read('mixed.txt')).toBe('one\r\nTWO\nthree\r\n');
  });

  it('keeps the file mode', async () => {
    const ws = makeWorkspace();
    ws.write('run.sh', '#!/bin/sh\necho a\n');
    const { chmodSync, statSync } = await import('node:fs');
    chmodSync(join(ws.root, 'run.sh'), 0o755);
    await ws.run(editTool, { filePath: 'run.sh', oldString: 'echo a', newString: 'echo b' });
    expect(statSync(join(ws.root, 'run.sh')).mode & 0o777).toBe(0o755);
  });

  it('refuses paths outside the workspace', async () => {
    const ws = makeWorkspace();
    const outside = tempDir('ct-edit-outside-');
    writeFileSync(join(outside, 'secret.txt'), 'secret\n');
    symlinkSync(outside, join(ws.root, 'link'));
    for (const filePath of ['../escape.txt', join(outside, 'secret.txt'), 'link/secret.txt']) {
      const result = await ws.run(editTool, { filePath, oldString: 'secret', newString: 'x' });
      expect(errorCode(result)).toBe('PERMISSION_DENIED');
    }
    const created = await ws.run(editTool, { filePath: '../escape.txt', oldString: '', newString: 'x' });
    expect(errorCode(created)).toBe('PERMISSION_DENIED');
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('secret\n');
    expect(existsSync(join(ws.root, '..', 'escape.txt'))).toBe(false);
  });

  it('refuses binary files', async () => {
    const ws = makeWorkspace();
    writeFileSync(join(ws.root, 'blob.bin'), Buffer.from([0x61, 0x00, 0x62]));
    const result = await ws.run(editTool, { filePath: 'blob.bin', oldString: 'a', newString: 'b' });
    expect(errorCode(result)).toBe('INVALID_ARGUMENT');
  });
});
