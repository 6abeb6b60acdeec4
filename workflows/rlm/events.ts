import type { WorkflowTopicHandle } from '@temporalio/workflow-streams/workflow';
import type { RlmEvent, RlmEventRecord } from './types.ts';

const kept = 100;

/**
 * The run's events: published on the durable stream, numbered across
 * continue-as-new, and the last few kept for the tail query. A follower
 * whose poll arrives after the run has ended cannot poll any more (polls are
 * updates); it reads what it missed with rlmEventsQuery instead.
 */
export class RlmEvents {
  private readonly topic: WorkflowTopicHandle<RlmEventRecord>;
  /** The last events, carried across continue-as-new. */
  readonly recent: RlmEventRecord[];
  next: number;

  constructor(topic: WorkflowTopicHandle<RlmEventRecord>, carried?: { next: number; recent: RlmEventRecord[] }) {
    this.topic = topic;
    this.next = carried?.next ?? 0;
    this.recent = [...(carried?.recent ?? [])];
  }

  publish(event: RlmEvent): void {
    const record = { ...event, seq: this.next } as RlmEventRecord;
    this.next += 1;
    this.topic.publish(record);
    this.recent.push(record);
    if (this.recent.length > kept) this.recent.shift();
  }

  since(seq: number): RlmEventRecord[] {
    return this.recent.filter((e) => e.seq >= seq);
  }
}
