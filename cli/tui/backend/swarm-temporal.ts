import type { Client } from '@temporalio/client';
import type { Config } from '../../../services/config/schema.ts';
import { followSwarm, type SwarmFeedItem } from '../../../services/swarm/follow.ts';
import { startSwarm, swarmInfo, type SwarmRunInfo } from '../../../services/swarm/runs.ts';
import type { SubtaskStatus, SwarmEvent, SwarmStatus as WorkflowSwarmStatus } from '../../../workflows/swarm/types.ts';
import { swarmSettingsFrom } from '../../actions/swarm-run.ts';
import type { SubAgentState, SwarmStatus, SwarmUpdate } from '../state/swarm.ts';
import type { SwarmSource } from './swarm-source.ts';
import { subAgentUpdate } from './swarm-sub-agent.ts';

export interface SwarmSourceDeps {
  readonly client: Client;
  readonly taskQueue: string;
  readonly workspaceQueue: string;
  readonly workspaceRoot: string;
  readonly config: () => Config;
}

export function agentState(status: SubtaskStatus): SubAgentState {
  switch (status) {
    case 'pending':
    case 'blocked':
      return 'pending';
    case 'running':
      return 'running';
    case 'completed':
      return 'completed';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
    case 'timed_out':
      return 'failed';
    default: {
      const never: never = status;
      return never;
    }
  }
}

function runStatus(status: WorkflowSwarmStatus): SwarmStatus {
  return status === 'synthesizing' ? 'aggregating' : status;
}

/** A swarm event as row updates of the view; `stages` remembers how many stages the decomposition made. */
export function swarmUpdates(event: SwarmEvent, memory: { stages: number; maxSteps: number | undefined }): SwarmUpdate[] {
  const maxSteps = memory.maxSteps !== undefined ? { maxSteps: memory.maxSteps } : {};
  switch (event.type) {
    case 'swarm-started':
      return [{ type: 'run', task: event.task, status: 'decomposing' }];
    case 'decomposed':
      memory.stages = event.stages;
      return [
        { type: 'run', status: 'running', stage: { index: 1, total: event.stages } },
        ...event.subtasks.map((s): SwarmUpdate => ({ type: 'agent', id: s.id, name: s.name, state: 'pending', ...maxSteps })),
      ];
    case 'stage-started':
      return [{ type: 'run', status: 'running', stage: { index: event.stage + 1, total: Math.max(memory.stages, event.stage + 1) } }];
    case 'subtask-update':
      return [{ type: 'agent', id: event.subtaskId, name: event.name, state: agentState(event.status), ...(event.sessionId ? { sessionId: event.sessionId } : {}), ...maxSteps }];
    case 'subtask-complete':
      return [
        {
          type: 'agent',
          id: event.subtaskId,
          name: event.name,
          state: agentState(event.status),
          steps: event.steps,
          output: event.preview,
          ...(event.error ? { error: event.error } : {}),
        },
      ];
    case 'merge-conflict':
      return [{ type: 'agent-text', id: event.subtaskId, text: `merge conflict in ${event.files.join(', ')}: a resolver agent is on it` }];
    case 'subtask-merged':
      return [{ type: 'agent-text', id: event.subtaskId, text: event.summary }];
    case 'error':
      return [{ type: 'run', error: event.message }];
    case 'swarm-complete':
      return [
        {
          type: 'run',
          status: event.status,
          summary: `${event.completed}/${event.subtasks} subtasks completed${event.failed ? `, ${event.failed} failed` : ''}; speed-up ×${event.speedup.toFixed(1)}`,
          ...(event.error ? { error: event.error } : {}),
        },
      ];
    case 'stage-complete':
    case 'shared-result':
    case 'notice':
      return [];
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** The rows a swarm has already (attaching to a running or finished one). */
function seed(info: SwarmRunInfo): SwarmUpdate[] {
  if (info.state === 'running') {
    const v = info.view;
    return [
      { type: 'run', task: v.task, status: runStatus(v.status), stage: { index: v.stage + 1, total: Math.max(1, v.stages) }, ...(v.error ? { error: v.error } : {}) },
      ...v.subtasks.map((s): SwarmUpdate => ({ type: 'agent', id: s.id, name: s.name, state: agentState(s.status), steps: s.steps, ...(s.sessionId ? { sessionId: s.sessionId } : {}) })),
    ];
  }
  if (info.state === 'finished') {
    const r = info.result;
    return [
      { type: 'run', task: r.task, status: r.status, summary: r.result.slice(0, 2000), ...(r.error ? { error: r.error } : {}) },
      ...r.subtaskResults.map((s): SwarmUpdate => ({ type: 'agent', id: s.subtaskId, name: s.name, state: agentState(s.status), steps: s.steps, output: s.result, ...(s.error ? { error: s.error } : {}) })),
    ];
  }
  return [{ type: 'run', status: 'failed', error: info.error ?? info.status.toLowerCase() }];
}

/** The swarm view's source: the swarm workflow (services/swarm), its event stream and its sub-agents' sessions. */
export function createSwarmSource(deps: SwarmSourceDeps): SwarmSource {
  const { client } = deps;
  const maxStepsOf = new Map<string, number>();
  return {
    available: true,
    async start({ task, model }) {
      const config = deps.config();
      const settings = swarmSettingsFrom({}, model, config.session);
      const runId = await startSwarm({ client, taskQueue: deps.taskQueue, input: { task, workDir: deps.workspaceRoot, workspaceQueue: deps.workspaceQueue, settings } });
      maxStepsOf.set(runId, settings.maxSteps);
      return { runId };
    },
    follow(runId, onUpdate, signal) {
      return client
        .withAbortSignal(signal, async () => {
          const info = await swarmInfo(client, runId);
          for (const update of seed(info)) onUpdate(update);
          if (info.state !== 'running') return;
          const memory = { stages: info.view.stages, maxSteps: maxStepsOf.get(runId) };
          const running = info.view.subtasks.filter((s) => s.status === 'running' && s.sessionId !== undefined);
          await followSwarm({
            client,
            swarmId: runId,
            agents: true,
            fromOffset: info.view.eventsFrom,
            sessions: running.map((s) => ({ subtaskId: s.id, sessionId: s.sessionId! })),
            onItem: (item: SwarmFeedItem) => {
              if (signal.aborted) return;
              const updates = item.kind === 'swarm' ? swarmUpdates(item.event, memory) : [subAgentUpdate(item.subtaskId, item.event)].filter((u) => u !== undefined);
              for (const update of updates) onUpdate(update);
            },
          });
        })
        .catch((err: unknown) => {
          if (!signal.aborted) throw err;
        });
    },
  };
}
