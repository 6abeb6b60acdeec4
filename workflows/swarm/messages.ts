import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { SharedResult } from './protocol.ts';
import type { SwarmStateView } from './types.ts';

/** The subtasks, their stages and states, the stage running now. */
export const swarmStateQuery = defineQuery<SwarmStateView>('state');
/** One shared result (`results.{key}`), or undefined. */
export const swarmSharedQuery = defineQuery<SharedResult | undefined, [string]>('shared');
/** Stop the swarm now: every sub-agent is cancelled with its tools, worktrees removed, the swarm ends `cancelled`. */
export const cancelSwarmSignal = defineSignal<[{ reason?: string }?]>('cancel');
