import type { WorkflowTopicHandle } from '@temporalio/workflow-streams/workflow';
import type { Mutex } from '../shared/concurrency.ts';
import type { SwarmActivityProxies } from './activities.ts';
import type { SwarmHub } from './hub.ts';
import type { SwarmRun } from './state.ts';
import type { SwarmEvent, SwarmInput } from './types.ts';

/** What the swarm's steps share. */
export interface SwarmDeps {
  readonly input: SwarmInput;
  readonly swarmId: string;
  readonly run: SwarmRun;
  readonly acts: SwarmActivityProxies;
  readonly hub: SwarmHub;
  readonly events: WorkflowTopicHandle<SwarmEvent>;
  /** Serialises what touches the main checkout (merges) while sub-agents run in parallel. */
  readonly main: Mutex;
}
