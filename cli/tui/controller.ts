import type { SessionFeedItem } from '../../services/agent/session-events.ts';
import { newTurnId } from '../../services/agent/sessions.ts';
import type { TuiBackend, WorkflowRow } from './backend/types.ts';
import type { Effect } from './keymap.ts';
import type { AppAction, AppState } from './state/app.ts';
import { RunsController } from './runs-controller.ts';
import { messageText, parseSlash, type SlashCommand } from './state/slash.ts';

export interface ControllerOptions {
  readonly backend: TuiBackend;
  readonly dispatch: (action: AppAction) => void;
  readonly getState: () => AppState;
  readonly quit: () => void;
  /** Resume this session at start; `false`: start with a new one; undefined: the workspace's latest. */
  readonly resume?: string | false;
  /** How often the worker status and workspace are looked at (ms). */
  readonly pollMs?: number;
  readonly now?: () => number;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The TUI's side effects: it turns key effects and slash commands into
 * backend calls and feeds what comes back (session streams, Ralph and swarm
 * runs, lists) into the state as actions. Plain TypeScript, no React.
 */
export class TuiController {
  private readonly backend: TuiBackend;
  private readonly dispatch: (action: AppAction) => void;
  private readonly getState: () => AppState;
  private readonly options: ControllerOptions;
  private sessionFollow: AbortController | undefined;
  private followedSession: string | undefined;
  private readonly runs: RunsController;
  private timers: NodeJS.Timeout[] = [];
  private pending: SessionFeedItem[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private undoNote: string | undefined;
  private disposed = false;

  constructor(options: ControllerOptions) {
    this.options = options;
    this.backend = options.backend;
    this.dispatch = (action) => {
      if (!this.disposed) options.dispatch(action);
    };
    this.getState = options.getState;
    this.runs = new RunsController({ backend: this.backend, dispatch: this.dispatch, getState: this.getState, system: (text, tone) => this.system(text, tone) });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private system(text: string, tone: 'info' | 'warning' | 'error' = 'info'): void {
    this.dispatch({ type: 'chat/system', text, tone });
  }

  async start(): Promise<void> {
    const poll = this.options.pollMs ?? 5_000;
    this.timers.push(setInterval(() => void this.pollWorker(), poll));
    void this.pollWorker();
    void this.refreshWorkspace();
    if (this.options.resume === false) return this.welcome();
    try {
      const sessionId = this.options.resume ?? (await this.backend.latestSession());
      if (sessionId === undefined) return this.welcome();
      await this.openSession(sessionId);
    } catch (err) {
      this.system(`Could not reopen the last session: ${errorText(err)}`, 'warning');
    }
  }

  private welcome(): void {
    const model = this.getState().model ?? this.backend.defaultModel();
    this.system(
      `Welcome to CodeTether. Type a task and press Enter; ? or /help for keys and commands.${model ? ` Model: ${model}.` : ' Choose a model with /model provider/model.'}`,
    );
  }

  dispose(): void {
    this.disposed = true;
    this.sessionFollow?.abort();
    this.runs.dispose();
    for (const timer of this.timers) clearInterval(timer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }

  private async pollWorker(): Promise<void> {
    try {
      this.dispatch({ type: 'worker', status: await this.backend.workerStatus() });
      // The sidebar's recent sessions; the picker reloads its own list when it opens.
      if (this.getState().view !== 'sessions') this.dispatch({ type: 'list/loaded', list: 'sessions', items: await this.backend.listSessions() });
    } catch {
      // The next poll tries again; the status bar keeps the last answer.
    }
  }

  async refreshWorkspace(): Promise<void> {
    try {
      this.dispatch({ type: 'workspace', info: await this.backend.workspace() });
    } catch {
      // Not fatal: the sidebar shows what it had.
    }
  }

  // ---- session stream --------------------------------------------------

  private queue(item: SessionFeedItem): void {
    this.pending.push(item);
    // Text deltas come in bursts: show them in frames, not one render per delta.
    this.flushTimer ??= setTimeout(() => this.flush(), 30);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const items = this.pending;
    this.pending = [];
    if (items.length > 0) this.dispatch({ type: 'chat/feed-many', items, at: this.now() });
    if (items.some((i) => i.kind === 'event' && (i.event.type === 'turn-complete' || i.event.type === 'turn-failed'))) void this.refreshWorkspace();
  }

  private followSession(sessionId: string, fromOffset: number): void {
    this.sessionFollow?.abort();
    this.flush();
    const controller = new AbortController();
    this.sessionFollow = controller;
    this.followedSession = sessionId;
    void this.backend
      .follow(sessionId, fromOffset, { onItem: (item) => this.queue(item), onConnection: (c) => this.dispatch({ type: 'chat/connection', connection: c }) }, controller.signal)
      .then(() => {
        this.flush();
        if (this.sessionFollow === controller) {
          this.sessionFollow = undefined;
          this.followedSession = undefined;
        }
      })
      .catch((err: unknown) => this.system(`Lost the session stream: ${errorText(err)}`, 'error'));
  }

  async openSession(sessionId: string): Promise<void> {
    this.sessionFollow?.abort();
    this.followedSession = undefined;
    const opened = await this.backend.openSession(sessionId);
    this.dispatch({
      type: 'chat/loaded',
      sessionId,
      model: opened.model,
      title: opened.title,
      entries: opened.entries,
      usage: opened.usage,
      status: opened.status,
      ...(opened.pendingQuestion ? { pendingQuestion: opened.pendingQuestion } : {}),
      pendingApprovals: opened.pendingApprovals,
    });
    if (opened.model !== undefined) this.dispatch({ type: 'ui/model', model: opened.model, explicit: false });
    this.system(`Resumed session ${sessionId}${opened.title ? ` — ${opened.title}` : ''}`);
    if (opened.notice) this.system(opened.notice, 'warning');
    if (opened.followFrom !== undefined) this.followSession(sessionId, opened.followFrom);
  }

  // ---- effects ---------------------------------------------------------

  async run(effect: Effect): Promise<void> {
    try {
      await this.runUnsafe(effect);
    } catch (err) {
      this.system(errorText(err), 'error');
    }
  }

  private async runUnsafe(effect: Effect): Promise<void> {
    switch (effect.effect) {
      case 'submit':
        return this.submit(effect.text);
      case 'quit':
        return this.options.quit();
      case 'open':
        return this.openList(effect.view);
      case 'pick-model':
        return this.pickModel(effect.model);
      case 'pick-session':
        this.dispatch({ type: 'ui/view', view: 'chat' });
        return this.openSession(effect.sessionId);
      case 'pick-workflow':
        return this.pickWorkflow(effect.row);
      case 'approve': {
        const sessionId = this.getState().chat.sessionId;
        if (sessionId === undefined) return;
        await this.backend.approve(sessionId, effect.callId, effect.approved);
        this.dispatch({ type: 'chat/approval-answered', callId: effect.callId, approved: effect.approved });
        return this.system(effect.approved ? 'Approved.' : 'Denied.');
      }
      case 'toggle-swarm':
        return this.dispatch({ type: 'ui/view', view: this.getState().view === 'swarm' ? 'chat' : 'swarm' });
      default: {
        const never: never = effect;
        return never;
      }
    }
  }

  private async openList(view: 'models' | 'sessions' | 'inspector'): Promise<void> {
    this.dispatch({ type: 'ui/view', view });
    this.dispatch({ type: 'list/loading', list: view });
    try {
      if (view === 'models') {
        const items = await this.backend.listModels();
        const current = this.getState().model;
        this.dispatch({ type: 'list/loaded', list: 'models', items: current && !items.includes(current) ? [current, ...items] : items });
      } else if (view === 'sessions') {
        this.dispatch({ type: 'list/loaded', list: 'sessions', items: await this.backend.listSessions() });
      } else {
        this.dispatch({ type: 'list/loaded', list: 'inspector', items: await this.backend.listWorkflows() });
      }
    } catch (err) {
      this.dispatch({ type: 'list/failed', list: view, error: errorText(err) });
    }
  }

  private pickModel(model: string): void {
    this.dispatch({ type: 'ui/model', model, explicit: true });
    this.dispatch({ type: 'ui/view', view: 'chat' });
    const { chat } = this.getState();
    const later = chat.sessionId !== undefined && chat.model !== undefined && chat.model !== model && chat.status !== 'closed';
    this.system(`Model: ${model}${later ? ' (this session switches to it with your next message)' : ''}`);
  }

  private async pickWorkflow(row: WorkflowRow): Promise<void> {
    if (row.kind === 'agent-session' || row.type === 'agentSessionWorkflow') {
      this.dispatch({ type: 'ui/view', view: 'chat' });
      return this.openSession(row.workflowId);
    }
    if (row.kind === 'ralph') return this.runs.attachRalph(row.workflowId);
    if (row.kind === 'swarm' && this.backend.swarm.available) return this.runs.attachSwarm(row.workflowId, row.title);
    this.dispatch({ type: 'inspector/detail', text: await this.backend.describeWorkflow(row.workflowId) });
  }

  // ---- submit: messages, answers, slash commands -------------------------

  async submit(raw: string): Promise<void> {
    const state = this.getState();
    this.dispatch({ type: 'input/submitted', text: raw });
    const command = parseSlash(raw);
    if (command !== undefined) return this.slash(command);
    const text = messageText(raw);
    const question = state.chat.pendingQuestion;
    if (question !== undefined && state.chat.sessionId !== undefined) {
      const chosen = /^\d+$/.test(text) ? question.options?.[Number(text) - 1] : undefined;
      const answer = chosen ?? (text === '' ? (question.default ?? '') : text);
      await this.backend.answer(state.chat.sessionId, question.questionId, answer);
      this.dispatch({ type: 'chat/question-answered', questionId: question.questionId, answer });
      return;
    }
    await this.sendMessage(text);
  }

  private async sendMessage(text: string): Promise<void> {
    const state = this.getState();
    const model = state.model ?? state.chat.model ?? this.backend.defaultModel();
    if (model === undefined) {
      this.system('No model chosen: /model provider/model (for example /model anthropic/claude-sonnet-4-20250514), or set CODETETHER_DEFAULT_MODEL.', 'error');
      return;
    }
    const turnId = newTurnId();
    const note = this.undoNote;
    this.undoNote = undefined;
    this.dispatch({ type: 'chat/user-sent', turnId, text, at: this.now() });
    try {
      const sent = await this.backend.send({ sessionId: state.chat.sessionId, model, text: note ? `${note}\n\n${text}` : text, turnId });
      this.dispatch({ type: 'chat/sent', sessionId: sent.sessionId, turnId, model: sent.model });
      if (sent.notice) this.system(sent.notice, 'info');
      if (sent.started || this.followedSession !== sent.sessionId) this.followSession(sent.sessionId, sent.fromOffset);
    } catch (err) {
      this.undoNote = note;
      this.dispatch({ type: 'chat/send-failed', turnId, error: errorText(err) });
    }
  }

  private async slash(command: SlashCommand): Promise<void> {
    const { arg } = command;
    const state = this.getState();
    switch (command.name) {
      case 'model':
        return arg === '' ? this.openList('models') : this.pickModel(arg);
      case 'sessions':
        return this.openList('sessions');
      case 'resume': {
        const sessionId = arg || (await this.backend.latestSession());
        if (sessionId === undefined) return this.system('No session to resume in this directory.', 'warning');
        return this.openSession(sessionId);
      }
      case 'new':
        this.sessionFollow?.abort();
        this.followedSession = undefined;
        this.dispatch({ type: 'chat/reset' });
        return this.system('New session: your next message starts it. The previous one stays in /sessions.');
      case 'swarm':
        if (arg === '') return this.dispatch({ type: 'ui/view', view: state.view === 'swarm' ? 'chat' : 'swarm' });
        return this.runs.startSwarm(arg);
      case 'ralph':
        return this.runs.startRalph(arg);
      case 'inspector':
        return this.openList('inspector');
      case 'view':
        return this.dispatch({ type: 'ui/view', view: state.view === 'swarm' ? 'chat' : 'swarm' });
      case 'undo':
        return this.undo(arg);
      case 'cancel':
        if (state.chat.sessionId === undefined || state.chat.status === 'idle' || state.chat.status === 'closed') return this.system('No turn is running.', 'warning');
        await this.backend.cancelTurn(state.chat.sessionId);
        return this.system('Cancelling the turn…');
      case 'webview':
        return this.dispatch({ type: 'ui/layout', layout: 'webview' });
      case 'classic':
        return this.dispatch({ type: 'ui/layout', layout: 'classic' });
      case 'refresh':
        await this.refreshWorkspace();
        if (state.chat.sessionId !== undefined) await this.openSession(state.chat.sessionId);
        return;
      case 'help':
        return this.dispatch({ type: 'ui/help', open: true });
      case 'quit':
        return this.options.quit();
      case 'unknown':
        return this.system(`Unknown command /${command.typed}; /help lists them (start with // to send a message beginning with /).`, 'error');
      default: {
        const never: never = command;
        return never;
      }
    }
  }

  private async undo(arg: string): Promise<void> {
    const { chat } = this.getState();
    const steps = arg === '' ? 1 : Number(arg);
    if (!Number.isInteger(steps) || steps < 1 || steps > 10) return this.system('/undo takes a number of changes from 1 to 10.', 'error');
    if (chat.sessionId === undefined) return this.system('Nothing to undo: no session yet.', 'warning');
    if (chat.status === 'working' || chat.status === 'sending') return this.system('Wait for the turn to finish (or /cancel it) before /undo.', 'warning');
    const result = await this.backend.undo(chat.sessionId, steps);
    const lines = result.text.split('\n');
    this.system(lines.slice(0, 12).join('\n') + (lines.length > 12 ? '\n…' : ''), result.ok ? 'info' : 'error');
    if (result.ok) {
      this.undoNote = `[The user reverted your last ${steps === 1 ? 'file change' : `${steps} file changes`} with /undo:\n${lines.slice(0, 8).join('\n')}]`;
      void this.refreshWorkspace();
    }
  }
}
