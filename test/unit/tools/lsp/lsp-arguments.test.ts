import { afterAll, describe, expect, it } from '@jest/globals';
import { createLspTool, LanguageServerPool } from '../../../../services/tools/lsp/index.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';
import { errorOf, makeWorkspace } from '../files/workspace.ts';
import { sampleSource, setupFakeServer } from './fake-server.ts';

const fake = setupFakeServer();
const ws = makeWorkspace({ 'src/greeter.ts': sampleSource, 'lib/tool.rs': 'fn main() {}\n', 'notes.xyz': 'x\n', Makefile: 'all:\n' });
const unusedPool = new LanguageServerPool();

afterAll(async () => {
  await fake.pool.shutdownAll();
  await unusedPool.shutdownAll();
  cleanTempDirs();
});

function toolWithEnv(env: NodeJS.ProcessEnv): ReturnType<typeof createLspTool> {
  return createLspTool({ pool: unusedPool, env: () => env });
}

describe('lsp arguments', () => {
  it.each(['goToDefinition', 'findReferences', 'hover', 'goToImplementation', 'completion'])(
    '%s without line and column is INVALID_ARGUMENT naming both',
    async (action) => {
      const error = errorOf(await ws.run(fake.tool, { action, file_path: 'src/greeter.ts' }));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.missing_fields).toEqual(['line', 'column']);
    },
  );

  it('names just the missing column', async () => {
    const error = errorOf(await ws.run(fake.tool, { action: 'hover', file_path: 'src/greeter.ts', line: 3 }));
    expect(error.missing_fields).toEqual(['column']);
  });

  it('workspaceSymbol needs no position either', async () => {
    const result = await ws.run(fake.tool, { action: 'workspaceSymbol', file_path: 'src/greeter.ts', query: 'shout' });
    expect(result.success).toBe(true);
    expect(result.output).toBe('Function shout — src/greeter.ts:12:1');
  });

  it('rejects 0 as a line (they are 1-based)', async () => {
    const error = errorOf(await ws.run(fake.tool, { action: 'hover', file_path: 'src/greeter.ts', line: 0, column: 1 }));
    expect(error.code).toBe('INVALID_ARGUMENT');
  });

  it('rejects a line past the end of the file', async () => {
    const error = errorOf(await ws.run(fake.tool, { action: 'hover', file_path: 'src/greeter.ts', line: 99, column: 1 }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('18 lines');
  });

  it('rejects a column past the end of the line, allowing the one just after it', async () => {
    const error = errorOf(await ws.run(fake.tool, { action: 'hover', file_path: 'src/greeter.ts', line: 3, column: 3 }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    const atEnd = await ws.run(fake.tool, { action: 'hover', file_path: 'src/greeter.ts', line: 3, column: 2 });
    expect(atEnd.success).toBe(true);
  });

  it('rejects an unknown action', async () => {
    const error = errorOf(await ws.run(fake.tool, { action: 'rename', file_path: 'src/greeter.ts' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('lsp server selection', () => {
  it('fails for an extension no server is configured for, naming the env var', async () => {
    const error = errorOf(await ws.run(fake.tool, { action: 'documentSymbol', file_path: 'notes.xyz' }));
    expect(error.code).toBe('EXECUTION_FAILED');
    expect(error.message).toContain('".xyz"');
    expect(error.message).toContain('CODETETHER_LSP_SERVERS');
    expect(error.env_var).toBe('CODETETHER_LSP_SERVERS');
  });

  it('fails for a file without an extension', async () => {
    const error = errorOf(await ws.run(fake.tool, { action: 'documentSymbol', file_path: 'Makefile' }));
    expect(error.code).toBe('EXECUTION_FAILED');
    expect(error.message).toContain('without an extension');
  });

  it('fails when the configured command is not installed, naming it and the env var', async () => {
    const tool = toolWithEnv({
      PATH: process.env.PATH,
      CODETETHER_LSP_SERVERS: JSON.stringify({ '.ts': ['no-such-language-server-xyz', '--stdio'] }),
    });
    const error = errorOf(await ws.run(tool, { action: 'documentSymbol', file_path: 'src/greeter.ts' }));
    expect(error.code).toBe('EXECUTION_FAILED');
    expect(error.message).toContain('no-such-language-server-xyz');
    expect(error.message).toContain('CODETETHER_LSP_SERVERS');
    expect(error.commands).toEqual(['no-such-language-server-xyz']);
    expect(unusedPool.size).toBe(0);
  });

  it('tells how to install a missing built-in server', async () => {
    const tool = toolWithEnv({ PATH: tempDir('ct-empty-path-') });
    const error = errorOf(await ws.run(tool, { action: 'documentSymbol', file_path: 'lib/tool.rs' }));
    expect(error.code).toBe('EXECUTION_FAILED');
    expect(error.message).toContain('rust-analyzer');
    expect(error.message).toContain('rustup component add rust-analyzer');
    expect(error.message).toContain('CODETETHER_LSP_SERVERS');
  });

  it('lists every built-in alternative when none is installed', async () => {
    ws.write({ 'app.py': 'x = 1\n' });
    const tool = toolWithEnv({ PATH: tempDir('ct-empty-path-') });
    const error = errorOf(await ws.run(tool, { action: 'documentSymbol', file_path: 'app.py' }));
    expect(error.commands).toEqual(['pyright-langserver', 'pylsp']);
  });

  it('reports a malformed CODETETHER_LSP_SERVERS', async () => {
    const notJson = errorOf(await ws.run(toolWithEnv({ CODETETHER_LSP_SERVERS: '{oops' }), { action: 'documentSymbol', file_path: 'src/greeter.ts' }));
    expect(notJson.code).toBe('EXECUTION_FAILED');
    expect(notJson.message).toContain('CODETETHER_LSP_SERVERS is not valid JSON');
    const wrongShape = errorOf(
      await ws.run(toolWithEnv({ CODETETHER_LSP_SERVERS: '{".ts": "server"}' }), { action: 'documentSymbol', file_path: 'src/greeter.ts' }),
    );
    expect(wrongShape.message).toContain('must map extensions to command arrays');
  });

  it('accepts override keys without the dot and in any case', async () => {
    const tool = toolWithEnv({ PATH: process.env.PATH, CODETETHER_LSP_SERVERS: JSON.stringify({ XYZ: ['missing-xyz-server'] }) });
    const error = errorOf(await ws.run(tool, { action: 'documentSymbol', file_path: 'notes.xyz' }));
    expect(error.commands).toEqual(['missing-xyz-server']);
  });
});
