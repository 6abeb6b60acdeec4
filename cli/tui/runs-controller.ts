import type { RalphFeedItem } from '../../services/ralph/follow-run.ts';
import type { TuiBackend } from './backend/types.ts';
import type { AppAction, AppState } from './state/app.ts';

export interface RunsControllerOptions {
  readonly backend: TuiBackend;
  readonly dispatch: (action: AppAction) => void;
  readonly getState: () => AppState;
  readonly system: (text: string, tone?: 'info' | 'warning' | 'error') => void;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Ralph and swarm runs for their views: start or attach, follow one of each at a time. */
export class RunsController {
  private readonly backend: TuiBackend;
  private readonly dispatch: (action: AppAction) => void;
  private readonly getState: () => AppState;
  private readonly system: RunsControllerOptions['system'];
  private ralphFollow: AbortController | undefined;
  private swarmFollow: AbortController | undefined;

  constructor(options: RunsControllerOptions) {
    this.backend = options.backend;
    this.dispatch = options.dispatch;
    this.getState = options.getState;
    this.system = options.system;
  }

  dispose(): void {
    this.ralphFollow?.abort();
    this.swarmFollow?.abort();
  }

  private model(): string | undefined {
    const state = this.getState();
    return state.model ?? state.chat.model ?? this.backend.defaultModel();
  }

  // ---- Ralph -------------------------------------------------------------

  async startRalph(prd: string): Promise<void> {
    const model = this.model();
    if (model === undefined) return this.system('Ralph needs a model: /model provider/model first.', 'error');
    const { runId, attached } = await this.backend.ralph.start(prd === '' ? undefined : prd, model);
    this.system(attached ? `Attached to Ralph run ${runId}, already working on this PRD.` : `Started Ralph run ${runId} with ${model}.`);
    return this.attachRalph(runId);
  }

  async attachRalph(runId: string): Promise<void> {
    this.ralphFollow?.abort();
    const controller = new AbortController();
    this.ralphFollow = controller;
    this.dispatch({ type: 'ralph/attached', runId });
    this.dispatch({ type: 'ui/view', view: 'ralph' });
    this.dispatch({ type: 'ralph/info', info: await this.backend.ralph.info(runId) });
    void this.backend.ralph
      .follow(runId, (item: RalphFeedItem) => this.dispatch({ type: 'ralph/item', item }), controller.signal)
      .then((info) => {
        if (info !== undefined && !controller.signal.aborted) this.dispatch({ type: 'ralph/info', info });
      })
      .catch((err: unknown) => this.dispatch({ type: 'ralph/error', error: errorText(err) }));
  }

  // ---- swarm -------------------------------------------------------------

  async startSwarm(task: string): Promise<void> {
    const { swarm } = this.backend;
    if (!swarm.available) return this.system(swarm.unavailableReason ?? 'swarm is not available', 'warning');
    const model = this.model();
    if (model === undefined) return this.system('The swarm needs a model: /model provider/model first.', 'error');
    const { runId } = await swarm.start({ task, model });
    return this.attachSwarm(runId, task);
  }

  attachSwarm(runId: string, task: string): void {
    this.swarmFollow?.abort();
    const controller = new AbortController();
    this.swarmFollow = controller;
    this.dispatch({ type: 'swarm/attached', runId, task });
    this.dispatch({ type: 'ui/view', view: 'swarm' });
    void this.backend.swarm
      .follow(runId, (update) => this.dispatch({ type: 'swarm/update', update }), controller.signal)
      .then(() => {
        const swarm = this.getState().swarm;
        if (!controller.signal.aborted && swarm?.status === 'completed' && swarm.summary) this.system(`Swarm finished: ${swarm.summary}`);
      })
      .catch((err: unknown) => this.dispatch({ type: 'swarm/error', error: errorText(err) }));
  }
}
