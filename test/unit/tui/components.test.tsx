import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { InputBox } from '../../../cli/tui/components/input-box.tsx';
import { StatusBar } from '../../../cli/tui/components/status-bar.tsx';
import { watchConfig, type ConfigChange } from '../../../cli/tui/config-watch.ts';
import { appReducer, initialApp, type AppState } from '../../../cli/tui/state/app.ts';
import { initialInput, inputReducer } from '../../../cli/tui/state/input.ts';
import { resolveTheme } from '../../../cli/tui/theme.ts';
import { RalphView } from '../../../cli/tui/views/ralph.tsx';
import { SwarmView } from '../../../cli/tui/views/swarm.tsx';
import { resolvePaths } from '../../../services/config/paths.ts';
import { cleanTempDirs, tempDir } from '../../helpers/tmp.ts';
import { plain, waitForScreen } from '../../helpers/tui.ts';

afterEach(() => {
  cleanup();
  cleanTempDirs();
});

const marketing = resolveTheme('marketing', {}).theme;

function state(update: (s: AppState) => AppState = (s) => s): AppState {
  return update(initialApp({ theme: marketing, model: 'anthropic/claude-sonnet-4-20250514' }));
}

describe('TUI components', () => {
  it('the status bar shows the step, tool and elapsed time while working, tokens and cost, and a missing worker', () => {
    let s = state((a) => appReducer(a, { type: 'chat/user-sent', turnId: 't', text: 'go', at: 1_000 }));
    s = appReducer(s, { type: 'chat/feed', at: 1_000, item: { kind: 'event', offset: 0, event: { type: 'step-started', turnId: 't', step: 2 } } });
    s = appReducer(s, { type: 'chat/feed', at: 1_000, item: { kind: 'event', offset: 1, event: { type: 'tool-call', turnId: 't', callId: 'c', tool: 'grep', input: {} } } });
    s = appReducer(s, { type: 'chat/model', model: 'anthropic/claude-sonnet-4-20250514' });
    s = appReducer(s, { type: 'worker', status: 'none' });
    s = { ...s, chat: { ...s.chat, usage: { inputTokens: 120_000, outputTokens: 4_000, calls: 3 } } };
    const { lastFrame } = render(<StatusBar state={s} width={120} theme={marketing} now={66_000} />);
    const frame = plain(lastFrame());
    expect(frame).toContain('working · step 2 · grep 1m05s');
    expect(frame).toContain('120k in · 4.0k out · $0.4200');
    expect(frame).toContain('no worker!');
  });

  it('the input box shows the cursor on the right row of a multi-line input', () => {
    const input = ['first line', '\n', 'second'].reduce((s, text) => inputReducer(s, { type: 'input/insert', text }), initialInput());
    const moved = inputReducer(inputReducer(input, { type: 'input/home' }), { type: 'input/right' });
    const { lastFrame } = render(<InputBox input={moved} width={40} theme={marketing} placeholder="…" />);
    const rows = plain(lastFrame()).split('\n');
    expect(rows[1]).toContain('first line');
    expect(rows[2]).toContain('second');
    expect(rows).toHaveLength(4);
  });

  it('the swarm view shows a progress bar per sub-agent', () => {
    let s = state((a) => ({ ...a, view: 'swarm' }));
    s = appReducer(s, { type: 'swarm/attached', runId: 'w', task: 'split it' });
    s = appReducer(s, { type: 'swarm/update', update: { type: 'agent', id: 'a', name: 'parser', state: 'running', maxSteps: 10 } });
    s = appReducer(s, { type: 'swarm/update', update: { type: 'agent-step', id: 'a', step: 5 } });
    s = appReducer(s, { type: 'swarm/update', update: { type: 'agent-tool', id: 'a', callId: 'c', tool: 'edit', summary: 'src/p.ts' } });
    const { lastFrame } = render(<SwarmView state={s} width={100} height={12} theme={marketing} unavailable={undefined} />);
    const frame = plain(lastFrame());
    expect(frame).toMatch(/parser\s+running\s+5\/10\s+edit\s+█+░+/);
  });

  it('the Ralph view lists stories with their status and the selected story’s checks', () => {
    let s = state();
    s = appReducer(s, { type: 'ralph/attached', runId: 'r' });
    s = appReducer(s, { type: 'ralph/item', item: { kind: 'run', offset: 0, event: { type: 'story-started', at: 0, storyId: 'US-1', title: 'login form', iteration: 1, attempt: 1, sessionId: 's', workspace: '/w' } } });
    s = appReducer(s, { type: 'ralph/item', item: { kind: 'run', offset: 1, event: { type: 'check-result', at: 0, storyId: 'US-1', iteration: 1, check: 'typecheck', command: 'tsc', passed: false, exitCode: 2, durationMs: 2500, excerpt: 'error TS2322: bad type' } } });
    const { lastFrame } = render(<RalphView state={s} width={90} height={14} theme={marketing} />);
    const frame = plain(lastFrame());
    expect(frame).toContain('◎ US-1 login form');
    expect(frame).toContain('✗ typecheck 2.5s');
    expect(frame).toContain('error TS2322: bad type');
  });

  it('reloads the config when its file changes (theme hot reload)', async () => {
    const home = tempDir('ct-home-');
    const configDir = join(home, 'config');
    mkdirSync(configDir, { recursive: true });
    const paths = resolvePaths({ HOME: home, CODETETHER_CONFIG_DIR: configDir, CODETETHER_DATA_DIR: join(home, 'data') });
    const changes: ConfigChange[] = [];
    const watcher = watchConfig(paths, home, (change) => changes.push(change), 100);
    try {
      writeFileSync(paths.configFile, '[ui]\ntheme = "light"\n');
      await waitForScreen(() => JSON.stringify(changes), () => changes.some((c) => 'loaded' in c && c.loaded.config.ui.theme === 'light'), 10_000, 'the reload');
      writeFileSync(paths.configFile, '[ui\nbroken');
      await waitForScreen(() => JSON.stringify(changes), () => changes.some((c) => 'error' in c), 10_000, 'the parse error');
    } finally {
      watcher.close();
    }
  });
});
