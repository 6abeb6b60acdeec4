import { describe, expect, it } from '@jest/globals';
import type { ModelMessage } from 'ai';
import type { SessionFeedItem } from '../../../services/agent/session-events.ts';
import type { SessionEvent } from '../../../workflows/agent-session/types.ts';
import { routeKey, type Intent } from '../../../cli/tui/keymap.ts';
import { parseKey, parseKeys } from '../../../cli/tui/keys.ts';
import { appReducer, initialApp, type AppAction, type AppState } from '../../../cli/tui/state/app.ts';
import { chatReducer, initialChat, type ChatState } from '../../../cli/tui/state/chat.ts';
import { chatLines } from '../../../cli/tui/state/chat-lines.ts';
import { wrapText } from '../../../cli/tui/state/lines.ts';
import { ralphReducer, storyStatus } from '../../../cli/tui/state/ralph.ts';
import { completions, parseSlash } from '../../../cli/tui/state/slash.ts';
import { swarmReducer } from '../../../cli/tui/state/swarm.ts';
import { transcriptEntries } from '../../../cli/tui/state/transcript.ts';
import { resolveTheme } from '../../../cli/tui/theme.ts';

let offset = 0;
const ev = (event: SessionEvent): SessionFeedItem => ({ kind: 'event', offset: offset++, event });
const delta = (text: string): SessionFeedItem => ({ kind: 'text-delta', offset: offset++, text });
const usage = { inputTokens: 10, outputTokens: 5, calls: 1 };

function feed(state: ChatState, ...items: SessionFeedItem[]): ChatState {
  return chatReducer(state, { type: 'chat/feed-many', items, at: 1000 });
}

const text = (state: ChatState) => state.entries.map((e) => (e.kind === 'tool' ? `tool:${e.tool}:${e.status}` : `${e.kind}:${e.text}`));

describe('the chat reducer', () => {
  it('streams text, shows tool calls, and ends the turn with its usage', () => {
    let s = chatReducer(initialChat(), { type: 'chat/user-sent', turnId: 't1', text: 'list files', at: 0 });
    expect(s.status).toBe('sending');
    s = feed(
      s,
      ev({ type: 'turn-started', turnId: 't1', text: 'list files' }),
      ev({ type: 'step-started', turnId: 't1', step: 1 }),
      delta('Let me '),
      delta('look.'),
      ev({ type: 'step-finished', turnId: 't1', step: 1, text: 'Let me look.', usage: { inputTokens: 10, outputTokens: 3 } }),
      ev({ type: 'tool-call', turnId: 't1', callId: 'c1', tool: 'list', input: { path: '.' } }),
    );
    expect(s.status).toBe('working');
    expect(s.currentTool).toBe('list');
    s = feed(s, ev({ type: 'tool-result', turnId: 't1', callId: 'c1', tool: 'list', success: true, preview: 'a.ts' }), ev({ type: 'turn-complete', turnId: 't1', answer: 'Let me look.', stopReason: 'answer', usage }));
    expect(text(s)).toEqual(['user:list files', 'assistant:Let me look.', 'tool:list:ok']);
    expect(s.status).toBe('idle');
    expect(s.usage).toEqual(usage);
    expect(s.toolsUsed).toEqual({ list: 1 });
  });

  it('replaces text streamed twice by a retried model call with the step text', () => {
    const s = feed(
      initialChat(),
      ev({ type: 'turn-started', turnId: 't1', text: 'hi' }),
      delta('Hel'),
      delta('Hello there'),
      ev({ type: 'step-finished', turnId: 't1', step: 1, text: 'Hello there', usage: { inputTokens: 1, outputTokens: 1 } }),
    );
    expect(text(s)).toEqual(['user:hi', 'assistant:Hello there']);
  });

  it('shows the answer when no text streamed, and questions and approvals until answered', () => {
    let s = feed(
      initialChat(),
      ev({ type: 'turn-started', turnId: 't1', text: 'q' }),
      ev({ type: 'question', question: { questionId: 'q1', turnId: 't1', question: 'Which colour?', options: ['red', 'blue'] } }),
      ev({ type: 'approval-request', approval: { callId: 'c9', turnId: 't1', tool: 'bash', input: { command: 'rm x' } } }),
    );
    expect(s.status).toBe('input-required');
    expect(s.pendingQuestion?.question).toBe('Which colour?');
    s = chatReducer(s, { type: 'chat/question-answered', questionId: 'q1', answer: 'blue' });
    expect(s.pendingQuestion).toBeUndefined();
    expect(s.status).toBe('input-required');
    s = chatReducer(s, { type: 'chat/approval-answered', callId: 'c9', approved: true });
    expect(s.status).toBe('working');
    s = feed(s, ev({ type: 'turn-complete', turnId: 't1', answer: 'Blue it is.', stopReason: 'answer', usage }));
    expect(text(s).at(-1)).toBe('assistant:Blue it is.');
  });

  it('says when the session closed, and a failed send takes the message back', () => {
    let s = feed(initialChat(), ev({ type: 'session-closed', reason: 'idle' }));
    expect(s.status).toBe('closed');
    expect(text(s)[0]).toContain('next message reopens it');
    s = chatReducer(chatReducer(initialChat(), { type: 'chat/user-sent', turnId: 't2', text: 'x', at: 0 }), { type: 'chat/send-failed', turnId: 't2', error: 'boom' });
    expect(text(s)).toEqual(['system:Not sent: boom']);
  });
});

describe('chat rendering', () => {
  it('wraps text to the width and shows tool calls compactly or expanded', () => {
    for (const line of wrapText('one two three four five six seven', 10)) expect(line.segments.map((s) => s.text).join('').length).toBeLessThanOrEqual(10);
    const entries = [{ kind: 'tool' as const, id: 'x', tool: 'bash', input: { command: 'ls -la' }, status: 'ok' as const, preview: 'line1\nline2' }];
    const compact = chatLines(entries, 60, false).map((l) => l.segments.map((s) => s.text).join(''));
    expect(compact).toEqual(['  ⚙ bash ls -la ✓']);
    const expanded = chatLines(entries, 60, true).map((l) => l.segments.map((s) => s.text).join(''));
    expect(expanded.join('\n')).toContain('line2');
  });

  it('rebuilds a resumed transcript: user, assistant, tool call with its result', () => {
    const messages: ModelMessage[] = [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'read it' },
      { role: 'assistant', content: [{ type: 'text', text: 'Reading.' }, { type: 'tool-call', toolCallId: 'c1', toolName: 'read', input: { path: 'a' } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'read', output: { type: 'error-text', value: 'missing' } }] },
      { role: 'assistant', content: 'It is missing.' },
    ];
    expect(text({ ...initialChat(), entries: transcriptEntries(messages) })).toEqual(['user:read it', 'assistant:Reading.', 'tool:read:error', 'assistant:It is missing.']);
  });
});

describe('slash commands and themes', () => {
  it('parses commands, leaves messages alone, completes names', () => {
    expect(parseSlash('/model openai/gpt-4o')).toEqual({ name: 'model', arg: 'openai/gpt-4o' });
    expect(parseSlash('/ralph')).toEqual({ name: 'ralph', arg: '' });
    expect(parseSlash('/frob x')).toEqual({ name: 'unknown', arg: 'x', typed: 'frob' });
    expect(parseSlash('hello /model')).toBeUndefined();
    expect(parseSlash('//etc/hosts is odd')).toBeUndefined();
    expect(completions('/se').map((c) => c.name)).toEqual(['sessions']);
    expect(completions('/s').map((c) => c.name)).toEqual(['sessions', 'swarm']);
  });

  it('picks the configured theme, marketing for unknown names, no colour under NO_COLOR', () => {
    expect(resolveTheme(undefined, {}).theme.name).toBe('marketing');
    expect(resolveTheme('solarized-light', {}).theme.background).toBe('#fdf6e3');
    expect(resolveTheme('neon', {}).warning).toContain('unknown theme');
    const plain = resolveTheme('dark', { NO_COLOR: '1' }).theme;
    expect(plain.name).toBe('no-color');
    expect(Object.entries(plain).filter(([k, v]) => k !== 'name' && v !== undefined)).toEqual([]);
  });
});

describe('the Ralph and swarm view models', () => {
  it('follows a Ralph run story by story', () => {
    let s = ralphReducer(undefined, { type: 'ralph/attached', runId: 'r1' })!;
    s = ralphReducer(s, { type: 'ralph/item', item: { kind: 'run', offset: 0, event: { type: 'run-started', at: 0, project: 'p', feature: 'f', branch: 'b', stories: 2, passed: 0, maxIterations: 5, parallel: 1 } } })!;
    s = ralphReducer(s, { type: 'ralph/item', item: { kind: 'run', offset: 1, event: { type: 'story-started', at: 0, storyId: 'US-1', title: 'add', iteration: 1, attempt: 1, sessionId: 's1', workspace: '/w' } } })!;
    s = ralphReducer(s, { type: 'ralph/item', item: { kind: 'agent', storyId: 'US-1', sessionId: 's1', event: { type: 'tool-call', turnId: 't', callId: 'c', tool: 'write', input: { path: 'a.js' } } } })!;
    expect(storyStatus(s.stories[0]!, s.stories)).toBe('running');
    s = ralphReducer(s, { type: 'ralph/item', item: { kind: 'run', offset: 2, event: { type: 'check-result', at: 0, storyId: 'US-1', iteration: 1, check: 'test', command: 'npm test', passed: true, exitCode: 0, durationMs: 1200, excerpt: '' } } })!;
    expect(storyStatus(s.stories[0]!, s.stories)).toBe('quality_check');
    s = ralphReducer(s, { type: 'ralph/item', item: { kind: 'run', offset: 3, event: { type: 'story-complete', at: 0, storyId: 'US-1', iteration: 1, passed: true } } })!;
    expect(storyStatus(s.stories[0]!, s.stories)).toBe('passed');
    expect(s.stories[0]!.tools.map((t) => t.summary)).toEqual(['a.js']);
    expect(s.stories[0]!.checks).toEqual([{ name: 'test', passed: true, durationMs: 1200, excerpt: '' }]);
  });

  it('keeps one row per sub-agent with steps, last tool and progress', () => {
    let s = swarmReducer(undefined, { type: 'swarm/attached', runId: 'w1', task: 'do it' })!;
    s = swarmReducer(s, { type: 'swarm/update', update: { type: 'agent', id: 'a', name: 'tests', maxSteps: 10 } })!;
    s = swarmReducer(s, { type: 'swarm/update', update: { type: 'agent-step', id: 'a', step: 4 } })!;
    s = swarmReducer(s, { type: 'swarm/update', update: { type: 'agent-tool', id: 'a', callId: 'c', tool: 'bash', summary: 'npm test' } })!;
    expect(s.agents[0]).toMatchObject({ name: 'tests', state: 'running', steps: 4, lastTool: 'bash', progress: 0.4 });
    s = swarmReducer(s, { type: 'swarm/update', update: { type: 'agent', id: 'a', state: 'completed' } })!;
    expect(s.agents[0]!.progress).toBe(1);
  });
});

describe('key routing', () => {
  const ctx = { maxScroll: 30, page: 10 };
  function press(state: AppState, raw: string): { state: AppState; effects: Intent[] } {
    const effects: Intent[] = [];
    let current = state;
    for (const key of parseKeys(raw)) {
      for (const intent of routeKey(current, key, ctx)) {
        if ('effect' in intent) effects.push(intent);
        else current = appReducer(current, intent as AppAction);
      }
    }
    return { state: current, effects };
  }
  const base = initialApp({ theme: resolveTheme('marketing', {}).theme, model: 'fake/m' });

  it('types, sends on Enter, and continues a line ending in a backslash', () => {
    expect(press(base, 'hello\r').effects).toEqual([{ effect: 'submit', text: 'hello' }]);
    const continued = press(base, 'one\\\rtwo');
    expect(continued.state.input.text).toBe('one\ntwo');
    expect(press(base, 'a\nb').state.input.text).toBe('a\nb');
  });

  it('opens help on ? only with an empty input, and any key closes it', () => {
    const open = press(base, '?').state;
    expect(open.help).toBe(true);
    expect(press(open, 'x').state.help).toBe(false);
    expect(press(base, 'why?').state.input.text).toBe('why?');
  });

  it('switches layout, views and scrolls; Ctrl+C clears the input before it quits', () => {
    expect(press(base, '\x02').state.layout).toBe('classic');
    expect(press(base, '\x13').effects).toEqual([{ effect: 'toggle-swarm' }]);
    expect(press(base, '\x1bOQ').effects).toEqual([{ effect: 'toggle-swarm' }]);
    expect(press(base, '\x1b[109;5u').effects).toEqual([{ effect: 'open', view: 'models' }]);
    expect(press(base, '\x1bm').effects).toEqual([{ effect: 'open', view: 'models' }]);
    expect(press(base, '\x1b[5~').state.scroll).toBe(10);
    expect(press(base, '\x1b[5~\x1b[5~\x1b[5~\x1b[5~').state.scroll).toBe(30);
    expect(press(press(base, '\x1b[5~').state, '\x1bj').state.scroll).toBe(9);
    expect(press(base, 'abc\x03').state.input.text).toBe('');
    expect(press(base, '\x03').effects).toEqual([{ effect: 'quit' }]);
    expect(press(base, '\t').state.input.text).toBe('');
    expect(press(base, '/ses\t').state.input.text).toBe('/sessions ');
  });

  it('answers an approval with y or n when the input is empty', () => {
    const waiting = appReducer(base, { type: 'chat/feed', at: 0, item: ev({ type: 'approval-request', approval: { callId: 'c1', turnId: 't', tool: 'bash', input: {} } }) });
    expect(press(waiting, 'y').effects).toEqual([{ effect: 'approve', callId: 'c1', approved: true }]);
    expect(press(waiting, 'n').effects).toEqual([{ effect: 'approve', callId: 'c1', approved: false }]);
  });

  it('filters and picks in the list views, Esc goes back', () => {
    let s = appReducer({ ...base, view: 'models' }, { type: 'list/loaded', list: 'models', items: ['a/x', 'b/y', 'b/z'] });
    s = press(s, 'b/').state;
    expect(s.models.query).toBe('b/');
    const picked = press(s, '\x1b[B\r');
    expect(picked.effects).toEqual([{ effect: 'pick-model', model: 'b/z' }]);
    expect(press(s, '\x1b').state.view).toBe('chat');
    expect(parseKey('\x1b')?.name).toBe('escape');
  });

  it('moves between sub-agents and opens their detail in the swarm view', () => {
    let s: AppState = { ...base, view: 'swarm' };
    s = appReducer(s, { type: 'swarm/attached', runId: 'w', task: 't' });
    for (const id of ['a', 'b']) s = appReducer(s, { type: 'swarm/update', update: { type: 'agent', id } });
    s = press(s, '\x1b[B\t').state;
    expect(s.swarmSelected).toBe(1);
    expect(s.swarmDetail).toBe(true);
    s = press(s, '\x1b').state;
    expect(s.swarmDetail).toBe(false);
    expect(press(s, '\x1b').state.view).toBe('chat');
  });
});
