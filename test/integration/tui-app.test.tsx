import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { render } from 'ink-testing-library';
import { App } from '../../cli/tui/app.tsx';
import type { TuiBackend } from '../../cli/tui/backend/types.ts';
import { resolveTheme } from '../../cli/tui/theme.ts';
import { configSchema, type Config } from '../../services/config/schema.ts';
import type { RunningWorker } from '../../services/worker/worker.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm } from '../fake-llm/types.ts';
import { demoProject, scriptStory, writesThenDone } from '../helpers/ralph.ts';
import { forSynthesis, planText, scriptDecomposition, scriptSubtask } from '../helpers/swarm.ts';
import { closeTestServices, testClient, testEndpoint, testWorker } from '../helpers/temporal.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { plain, testTuiBackend, waitForScreen } from '../helpers/tui.ts';

let fake: FakeLlm;
let worker: RunningWorker;
let client: Client;
let closeClient: () => Promise<void>;
let config: Config;
const endpoint = testEndpoint();
const workspaceQueue = `${endpoint.taskQueue}-ws`;
const dataDir = tempDir('ct-tui-data-');
const mounted: Array<{ unmount(): void }> = [];

beforeAll(async () => {
  fake = await startFakeLlm({ requireAuth: false, chunkSize: 6, chunkDelayMs: 3 });
  config = configSchema.parse({ providers: { fake: { base_url: fake.baseUrls.openai } }, default: { model: 'fake/test-model' } });
  worker = await testWorker(endpoint, { config, dataDir, workspaceQueue });
  ({ client, close: closeClient } = await testClient());
});

afterEach(() => {
  for (const app of mounted.splice(0)) app.unmount();
  fake.reset();
});

afterAll(async () => {
  await worker.shutdown();
  await closeClient();
  await closeTestServices();
  await fake.close();
  cleanTempDirs();
});

function backendFor(workspaceRoot: string): TuiBackend {
  return testTuiBackend({ client, taskQueue: endpoint.taskQueue, workspaceQueue, workspaceRoot, config, dataDir });
}

function mount(backend: TuiBackend, size = { columns: 100, rows: 30 }) {
  const app = render(<App backend={backend} theme={resolveTheme('marketing', {}).theme} size={size} pollMs={60_000} />);
  mounted.push(app);
  const screen = () => plain(app.lastFrame());
  return { app, screen, until: (test: (s: string) => boolean, what?: string, ms?: number) => waitForScreen(screen, test, ms, what) };
}

async function typeLine(app: ReturnType<typeof render>, text: string): Promise<void> {
  app.stdin.write(text);
  await new Promise((resolve) => setTimeout(resolve, 30));
  app.stdin.write('\r');
}

describe('the TUI against the real workflows', () => {
  it('sends a message, streams the answer and shows the tool call; reopening reattaches with the transcript', async () => {
    const dir = realpathSync(tempDir('ct-tui-ws-'));
    fake.script({ toolCalls: [{ name: 'bash', args: { command: 'echo tool-ran > out.txt' } }] }, { text: 'I wrote out.txt for you, all finished.' });
    const backend = backendFor(dir);
    const first = mount(backend);
    await first.until((s) => s.includes('Welcome to CodeTether'), 'the welcome');
    await typeLine(first.app, 'write the file please');
    const done = await first.until((s) => s.includes('all finished.') && s.includes('idle'), 'the answer');
    expect(done).toContain('❯ write the file please');
    expect(done).toContain('⚙ bash echo tool-ran > out.txt ✓');
    expect(done).toMatch(/\d+ in · \d+ out/);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('tool-ran\n');
    console.log(`TUI chat view after a turn (100×30):\n${done}`);
    first.app.unmount();

    const again = mount(backend);
    const resumed = await again.until((s) => s.includes('Resumed session') && s.includes('all finished.'), 'the resumed session');
    expect(resumed).toContain('❯ write the file please');
    expect(resumed).toContain('⚙ bash');
  });

  it("puts the agent's question to the user and sends the answer back", async () => {
    const dir = realpathSync(tempDir('ct-tui-ws-'));
    fake.script({ toolCalls: [{ name: 'question', args: { question: 'Which colour do you want?', options: ['red', 'blue'] } }] }, (request) => ({ text: `You chose ${request.toolResults[0]?.output ?? '?'} — done.` }));
    const { app, until } = mount(backendFor(dir));
    await until((s) => s.includes('Welcome'));
    await typeLine(app, 'paint it');
    const asking = await until((s) => s.includes('Which colour do you want?'), 'the question');
    expect(asking).toContain('1) red');
    console.log(`TUI with a question from the agent:\n${asking}`);
    await typeLine(app, '2');
    const answered = await until((s) => s.includes('— done.'), 'the answer after the question');
    expect(answered).toMatch(/You chose .*blue/);
  });

  it('/undo reverts the file change the agent made', async () => {
    const dir = realpathSync(tempDir('ct-tui-ws-'));
    writeFileSync(join(dir, 'notes.txt'), 'original\n');
    fake.script({ toolCalls: [{ name: 'write', args: { path: 'notes.txt', content: 'rewritten\n' } }] }, { text: 'Rewrote the notes.' });
    const { app, until } = mount(backendFor(dir));
    await until((s) => s.includes('Welcome'));
    await typeLine(app, 'rewrite notes');
    await until((s) => s.includes('Rewrote the notes.') && s.includes('idle'), 'the turn');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('rewritten\n');
    await typeLine(app, '/undo');
    const undone = await until((s) => s.includes('Undid 1 change set'), 'the undo');
    expect(undone).toContain('notes.txt');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('original\n');
  });

  it('opens the help, the model picker, the session picker and the inspector from the keyboard', async () => {
    const dir = realpathSync(tempDir('ct-tui-ws-'));
    fake.script({ text: 'hello back' });
    const { app, until } = mount(backendFor(dir), { columns: 80, rows: 24 });
    await until((s) => s.includes('Welcome'));
    await typeLine(app, 'hello');
    await until((s) => s.includes('hello back') && s.includes('idle'));
    app.stdin.write('?');
    const help = await until((s) => s.includes('Keys') && s.includes('Commands'), 'the help');
    console.log(`TUI help (80×24):\n${help}`);
    app.stdin.write('x');
    await until((s) => !s.includes('Commands'));
    await typeLine(app, '/model');
    const models = await until((s) => s.includes('fake/test-model') && s.includes('filter:'), 'the model picker');
    console.log(`TUI model picker (80×24):\n${models}`);
    app.stdin.write('\x1b');
    await until((s) => s.includes('hello back'));
    await typeLine(app, '/sessions');
    const sessions = await until((s) => s.includes('Sessions of this directory') && s.includes('hello'), 'the session picker');
    console.log(`TUI session picker (80×24):\n${sessions}`);
    app.stdin.write('\r');
    await until((s) => s.includes('Resumed session'), 'the picked session');
    await typeLine(app, '/inspector');
    const inspector = await until((s) => s.includes('Workflow inspector') && s.includes('agent-session'), 'the inspector');
    console.log(`TUI workflow inspector (80×24):\n${inspector}`);
    app.stdin.write('\x1b');
    await new Promise((resolve) => setTimeout(resolve, 100));
    app.stdin.write('\x02');
    const classic = await until((s) => !s.includes('Workspace') && s.includes('hello back'), 'the classic layout');
    expect(classic).toContain('❯ hello');
  });

  it('/ralph runs the PRD and shows per-story progress and check results', async () => {
    const add = 'module.exports = (a, b) => a + b;\n';
    const addTest = "const assert = require('assert');\nassert.strictEqual(require('../src/add.js')(2, 3), 5);\n";
    const { dir } = demoProject({ stories: [{ id: 'US-001', title: 'add two numbers' }] });
    scriptStory(fake, 'US-001', writesThenDone({ 'src/add.js': add, 'tests/add.test.js': addTest }, 'Added add().') as never);
    const { app, until } = mount(backendFor(dir));
    await until((s) => s.includes('Welcome'));
    await typeLine(app, '/ralph prd.json');
    const finished = await until((s) => s.includes('1/1 passed') && s.includes('completed'), 'the finished Ralph run', 60_000);
    expect(finished).toContain('✓ US-001');
    expect(finished).toMatch(/✓ test \d+\.\ds/);
    console.log(`TUI Ralph view:\n${finished}`);
  });

  it('/swarm shows a row per sub-agent with its state and steps, and Tab opens its detail', async () => {
    const dir = realpathSync(tempDir('ct-tui-ws-'));
    scriptDecomposition(fake, { text: planText([{ id: 'a', name: 'write alpha' }, { id: 'b', name: 'write beta' }]) });
    scriptSubtask(fake, 'a', [{ toolCalls: [{ name: 'write', args: { path: 'alpha.txt', content: 'a\n' } }] }, { text: 'alpha written' }]);
    scriptSubtask(fake, 'b', [{ toolCalls: [{ name: 'write', args: { path: 'beta.txt', content: 'b\n' } }] }, { text: 'beta written' }]);
    fake.scriptWhen(forSynthesis, { text: 'Both files are written.' }, { text: 'Both files are written.' });
    const { app, until } = mount(backendFor(dir));
    await until((s) => s.includes('Welcome'));
    app.stdin.write('\x13');
    const empty = await until((s) => s.includes('No swarm yet'), 'the empty swarm view');
    console.log(`TUI swarm view before a swarm:\n${empty}`);
    app.stdin.write('\x1b');
    await until((s) => s.includes('Welcome'), 'the chat again');
    await typeLine(app, '/swarm write alpha and beta');
    const done = await until((s) => s.includes('completed · stage') || (s.includes('2/2 done') && s.includes('subtasks completed')), 'the finished swarm', 90_000);
    expect(done).toMatch(/write alpha\s+completed/);
    expect(done).toMatch(/write beta\s+completed/);
    console.log(`TUI swarm view:\n${done}`);
    app.stdin.write('\t');
    const detail = await until((s) => s.includes('Tool calls') && s.includes('alpha.txt'), 'the sub-agent detail');
    console.log(`TUI swarm sub-agent detail:\n${detail}`);
    expect(readFileSync(join(dir, 'alpha.txt'), 'utf8')).toBe('a\n');
  });
});
