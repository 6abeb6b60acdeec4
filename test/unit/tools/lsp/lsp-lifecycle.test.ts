import { afterAll, describe, expect, it } from '@jest/globals';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorOf, makeWorkspace } from '../files/workspace.ts';
import { isRunning, sampleSource, setupFakeServer, waitFor } from './fake-server.ts';

const setups: Array<ReturnType<typeof setupFakeServer>> = [];
function fakeServer(options: Parameters<typeof setupFakeServer>[0] = {}): ReturnType<typeof setupFakeServer> {
  const setup = setupFakeServer(options);
  setups.push(setup);
  return setup;
}

const files = { 'src/greeter.ts': sampleSource, 'src/special.ts': 'hang;\ncrash;\n' };
const definitionOfShout = { action: 'goToDefinition', file_path: 'src/greeter.ts', line: 16, column: 18 };
const hoverOnHang = { action: 'hover', file_path: 'src/special.ts', line: 1, column: 1 };

afterAll(async () => {
  const pids = setups.flatMap((setup) => setup.pids());
  await Promise.all(setups.map((setup) => setup.pool.shutdownAll()));
  for (const pid of pids) expect(isRunning(pid)).toBe(false);
  cleanTempDirs();
});

describe('lsp server lifecycle', () => {
  it('starts one server and reuses it for later calls', async () => {
    const fake = fakeServer();
    const ws = makeWorkspace(files);
    expect((await ws.run(fake.tool, definitionOfShout)).success).toBe(true);
    expect((await ws.run(fake.tool, { action: 'documentSymbol', file_path: 'src/greeter.ts' })).success).toBe(true);
    expect(fake.pids()).toHaveLength(1);
    expect(fake.log().filter((line) => line.startsWith('initialize '))).toEqual([
      `initialize file://${ws.root}`,
    ]);
    expect(fake.pool.size).toBe(1);
  });

  it('shares one server between concurrent first calls', async () => {
    const fake = fakeServer();
    const ws = makeWorkspace(files);
    const results = await Promise.all([ws.run(fake.tool, definitionOfShout), ws.run(fake.tool, definitionOfShout)]);
    expect(results.every((result) => result.success)).toBe(true);
    expect(fake.pids()).toHaveLength(1);
  });

  it('starts a separate server per workspace', async () => {
    const fake = fakeServer();
    await makeWorkspace(files).run(fake.tool, definitionOfShout);
    await makeWorkspace(files).run(fake.tool, definitionOfShout);
    expect(fake.pids()).toHaveLength(2);
  });

  it('restarts a server that was killed', async () => {
    const fake = fakeServer();
    const ws = makeWorkspace(files);
    await ws.run(fake.tool, definitionOfShout);
    const [first] = fake.pids();
    process.kill(first!, 'SIGKILL');
    await waitFor(() => !isRunning(first!));

    const result = await ws.run(fake.tool, definitionOfShout);
    expect(result.success).toBe(true);
    expect(result.output).toBe('src/greeter.ts:12:10: function shout(text: string): string {');
    expect(fake.pids()).toHaveLength(2);
    expect(fake.pids()[1]).not.toBe(first);
  });

  it('reports a server that dies mid-request and recovers on the next call', async () => {
    const fake = fakeServer();
    const ws = makeWorkspace(files);
    const error = errorOf(await ws.run(fake.tool, { action: 'hover', file_path: 'src/special.ts', line: 2, column: 1 }));
    expect(error.code).toBe('EXECUTION_FAILED');
    expect(error.message).toContain('exited before answering textDocument/hover');
    expect(error.message).toContain('exit code 3');

    expect((await ws.run(fake.tool, definitionOfShout)).success).toBe(true);
    expect(fake.pids()).toHaveLength(2);
  });

  it('times out an unanswered request and cancels it on the server', async () => {
    const fake = fakeServer({ requestTimeoutMs: 300 });
    const ws = makeWorkspace(files);
    const error = errorOf(await ws.run(fake.tool, hoverOnHang));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('textDocument/hover');
    await waitFor(() => fake.log().includes('cancelled hover'));

    // The server stays usable.
    expect((await ws.run(fake.tool, definitionOfShout)).success).toBe(true);
    expect(fake.pids()).toHaveLength(1);
  });

  it('aborts a pending request when the call is cancelled', async () => {
    const fake = fakeServer();
    const ws = makeWorkspace(files);
    const pending = ws.run(fake.tool, hoverOnHang);
    await waitFor(() => fake.log().includes('hanging hover'));
    ws.controller.abort(new Error('call cancelled'));
    await expect(pending).rejects.toThrow('call cancelled');
    await waitFor(() => fake.log().includes('cancelled hover'));

    const fresh = makeWorkspace(files);
    expect(fake.pids()).toHaveLength(1);
    expect((await fresh.run(fake.tool, definitionOfShout)).success).toBe(true);
  });

  it('does not start anything for a call aborted before it began', async () => {
    const fake = fakeServer();
    const ws = makeWorkspace(files);
    ws.controller.abort(new Error('already cancelled'));
    await expect(ws.run(fake.tool, definitionOfShout)).rejects.toThrow('already cancelled');
    expect(fake.pool.size).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.pids()).toHaveLength(0);
  });

  it('stops a server left idle', async () => {
    const fake = fakeServer({ idleMs: 200 });
    const ws = makeWorkspace(files);
    await ws.run(fake.tool, definitionOfShout);
    const [pid] = fake.pids();
    await waitFor(() => !isRunning(pid!));
    expect(fake.log()).toEqual(expect.arrayContaining(['shutdown', 'exit']));
    expect(fake.pool.size).toBe(0);

    await ws.run(fake.tool, definitionOfShout);
    expect(fake.pids()).toHaveLength(2);
  });

  it('shutdownAll stops every server politely', async () => {
    const fake = fakeServer();
    await makeWorkspace(files).run(fake.tool, definitionOfShout);
    await makeWorkspace(files).run(fake.tool, definitionOfShout);
    const pids = fake.pids();
    await fake.pool.shutdownAll();
    for (const pid of pids) expect(isRunning(pid)).toBe(false);
    expect(fake.log().filter((line) => line === 'exit')).toHaveLength(2);
    expect(fake.pool.size).toBe(0);
  });
});
