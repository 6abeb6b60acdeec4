import { topicMatches, type BusEnvelope } from './messages.ts';

export interface SubscriptionOptions {
  /** Envelopes kept for this subscriber before the oldest are dropped (default: the bus's). */
  readonly bufferSize?: number;
}

/**
 * One subscriber's view of the bus: its own bounded buffer, filled as
 * messages are published and drained at the subscriber's pace. A subscriber
 * that falls behind loses its OLDEST envelopes (it keeps the newest), and
 * every loss is counted in `dropped`; publishers and other subscribers never
 * wait for it.
 */
export class BusSubscription implements AsyncIterable<BusEnvelope> {
  readonly patterns: readonly string[];
  readonly bufferSize: number;
  private readonly buffer: BusEnvelope[] = [];
  private head = 0;
  private waiter: ((envelope: BusEnvelope | undefined) => void) | undefined;
  private closedFlag = false;
  private readonly onClose: (subscription: BusSubscription) => void;
  /** Envelopes this subscriber lost because it was too slow. */
  dropped = 0;
  /** Envelopes offered to this subscriber (delivered or dropped). */
  received = 0;

  constructor(patterns: readonly string[], bufferSize: number, onClose: (subscription: BusSubscription) => void) {
    if (!Number.isInteger(bufferSize) || bufferSize < 1) throw new RangeError(`bufferSize must be a positive integer, not ${bufferSize}`);
    this.patterns = patterns;
    this.bufferSize = bufferSize;
    this.onClose = onClose;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Envelopes waiting to be read. */
  get pending(): number {
    return this.buffer.length - this.head;
  }

  matches(topic: string): boolean {
    return this.patterns.some((p) => topicMatches(p, topic));
  }

  /** Called by the bus, synchronously, for each matching publication. Never blocks. */
  offer(envelope: BusEnvelope): void {
    if (this.closedFlag) return;
    this.received += 1;
    if (this.waiter !== undefined) {
      const resolve = this.waiter;
      this.waiter = undefined;
      resolve(envelope);
      return;
    }
    if (this.pending >= this.bufferSize) {
      this.head += 1;
      this.dropped += 1;
    }
    this.buffer.push(envelope);
    // Reclaim the consumed front now and then instead of shifting on every read.
    if (this.head > 1024 && this.head * 2 > this.buffer.length) {
      this.buffer.splice(0, this.head);
      this.head = 0;
    }
  }

  /** The next envelope without waiting, or undefined when none is there. */
  tryRecv(): BusEnvelope | undefined {
    if (this.pending === 0) return undefined;
    const envelope = this.buffer[this.head]!;
    this.head += 1;
    return envelope;
  }

  /** The next envelope; undefined once the subscription (or the bus) is closed and drained. */
  recv(): Promise<BusEnvelope | undefined> {
    const ready = this.tryRecv();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.closedFlag) return Promise.resolve(undefined);
    if (this.waiter !== undefined) throw new Error('recv() is already waiting on this subscription');
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** The next envelope whose topic starts with `prefix`; others are skipped. */
  async recvTopic(prefix: string): Promise<BusEnvelope | undefined> {
    for (;;) {
      const envelope = await this.recv();
      if (envelope === undefined || envelope.topic.startsWith(prefix)) return envelope;
    }
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.onClose(this);
    const resolve = this.waiter;
    this.waiter = undefined;
    resolve?.(undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<BusEnvelope> {
    for (;;) {
      const envelope = await this.recv();
      if (envelope === undefined) return;
      yield envelope;
    }
  }
}
