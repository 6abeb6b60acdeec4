import { defineQuery } from '@temporalio/workflow';
import type { RlmEventRecord, RlmStateView } from './types.ts';

export const rlmStateQuery = defineQuery<RlmStateView>('rlmState');
/** The run's last events from `seq` on: what a follower missed when the run ended between two polls. */
export const rlmEventsQuery = defineQuery<RlmEventRecord[], [number]>('rlmEvents');
