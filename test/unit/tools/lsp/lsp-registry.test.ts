import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lspTool, lspTools, shutdownLspServers } from '../../../../services/tools/lsp/index.ts';
import { createToolRegistry } from '../../../../services/tools/registry.ts';
import { toolSpec } from '../../../../services/tools/tool.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';
import { makeWorkspace } from '../files/workspace.ts';
import { fakeServerScript, isRunning, sampleSource } from './fake-server.ts';

const logFile = join(tempDir('ct-lsp-default-'), 'server.log');
const savedServers = process.env.CODETETHER_LSP_SERVERS;

beforeAll(() => {
  process.env.CODETETHER_LSP_SERVERS = JSON.stringify({ '.ts': [process.execPath, fakeServerScript, logFile] });
});

afterAll(async () => {
  await shutdownLspServers();
  if (savedServers === undefined) delete process.env.CODETETHER_LSP_SERVERS;
  else process.env.CODETETHER_LSP_SERVERS = savedServers;
  cleanTempDirs();
});

describe('the registered lsp tool', () => {
  it('is in the tool registry', () => {
    expect(lspTools).toEqual([lspTool]);
    expect(createToolRegistry().ids()).toContain('lsp');
  });

  it('describes its parameters with only action and file_path required', () => {
    const schema = toolSpec(lspTool).inputSchema as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(
      ['action', 'column', 'file_path', 'include_declaration', 'line', 'query'].sort(),
    );
    expect(schema.required.sort()).toEqual(['action', 'file_path']);
  });

  it('reads CODETETHER_LSP_SERVERS from the environment, and shutdownLspServers stops its servers', async () => {
    const ws = makeWorkspace({ 'a.ts': sampleSource });
    const result = await ws.run(lspTool, { action: 'documentSymbol', file_path: 'a.ts' });
    expect(result.success).toBe(true);
    expect(result.output).toContain('Function shout (12)');

    const pids = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('start '))
      .map((line) => Number(line.slice('start '.length)));
    expect(pids).toHaveLength(1);
    await shutdownLspServers();
    expect(isRunning(pids[0]!)).toBe(false);
    expect(existsSync(logFile) && readFileSync(logFile, 'utf8')).toContain('exit');
  });
});
