import { CancellationScope, condition, log, proxyActivities } from '@temporalio/workflow';
import type { SessionAuditActivities } from '../../activities/session-audit.ts';
import type { SessionEvent, TaskEvent } from './types.ts';

const { recordSessionEvents } = proxyActivities<SessionAuditActivities>({
  startToCloseTimeout: '1 minute',
  // An audit store down for longer than this must not keep the session from closing.
  scheduleToCloseTimeout: '1 hour',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Where the session's events go: its durable stream, and (when on) the audit trail. */
export interface SessionEventSink {
  publish(event: SessionEvent): void;
}

/**
 * Session events on their way to the audit trail: batched (whatever piled up
 * while the last batch was written goes in the next one), in order, written by
 * an activity while the agent loop goes on. The session waits for the queue to
 * empty before it closes or continues as new.
 */
export class SessionAuditQueue {
  private readonly pending: TaskEvent[] = [];
  private running = false;
  private nextSeq: number;
  private readonly sessionId: string;

  constructor(sessionId: string, recorded = 0) {
    this.sessionId = sessionId;
    this.nextSeq = recorded + 1;
  }

  /** How many events this session has recorded (continue-as-new carries it). */
  get recorded(): number {
    return this.nextSeq - 1;
  }

  add(event: TaskEvent): void {
    this.pending.push(event);
    if (!this.running) void this.pump();
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const events = this.pending.slice();
        const firstSeq = this.nextSeq;
        // The trail must say how a cancelled session ended.
        try {
          await CancellationScope.nonCancellable(() => recordSessionEvents({ sessionId: this.sessionId, firstSeq, events }));
        } catch (err) {
          log.warn('session events could not be audited', { sessionId: this.sessionId, firstSeq, count: events.length, error: String(err) });
        }
        this.pending.splice(0, events.length);
        this.nextSeq += events.length;
      }
    } finally {
      this.running = false;
    }
  }

  async drain(): Promise<void> {
    await condition(() => this.pending.length === 0 && !this.running);
  }
}
