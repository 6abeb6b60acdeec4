import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { RalphStateView } from './types.ts';

/** Stories, the story (or stories) in progress, the iteration, the last check results. */
export const ralphStateQuery = defineQuery<RalphStateView>('state');
/** Stop the run now: the stories in progress are cancelled, worktrees removed, the run ends `cancelled`. */
export const cancelRalphSignal = defineSignal<[{ reason?: string }?]>('cancel');
