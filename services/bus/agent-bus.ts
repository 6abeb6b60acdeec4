import { randomUUID } from 'node:crypto';
import { BusHandle } from './handle.ts';
import type { BusEnvelope, BusMessage } from './messages.ts';
import { AgentRegistry } from './registry.ts';
import { BusSubscription, type SubscriptionOptions } from './subscription.ts';

export interface AgentBusOptions {
  /** Envelopes each subscriber may have waiting before its oldest are dropped (default 4096, the original's capacity). */
  readonly bufferSize?: number;
  readonly registry?: AgentRegistry;
}

export interface PublishOptions {
  readonly senderId?: string;
  readonly correlationId?: string;
}

export interface BusStats {
  readonly published: number;
  /** Envelopes handed to subscribers (one per matching subscriber). */
  readonly delivered: number;
  /** Envelopes subscribers lost by being too slow, over all subscribers (closed ones included). */
  readonly dropped: number;
  readonly subscribers: number;
}

/**
 * The in-process agent bus: topic pub/sub between the agents (and their
 * observers) of one process. Publishing is synchronous and never waits: each
 * matching subscriber gets the envelope in its own bounded buffer, so every
 * subscriber sees a topic's messages in publication order and a slow one
 * only ever loses its own oldest messages (counted), never holds others up.
 */
export class AgentBus {
  readonly registry: AgentRegistry;
  private readonly bufferSize: number;
  private readonly subscriptions = new Set<BusSubscription>();
  private seq = 0;
  private delivered = 0;
  private droppedByClosed = 0;
  private closedFlag = false;

  constructor(options: AgentBusOptions = {}) {
    this.bufferSize = options.bufferSize ?? 4096;
    this.registry = options.registry ?? new AgentRegistry();
  }

  /** Publish to `topic`; returns how many subscribers received it (0: nobody listens, the message is gone). */
  publish(topic: string, message: BusMessage, options: PublishOptions = {}): number {
    if (this.closedFlag) return 0;
    this.seq += 1;
    const envelope: BusEnvelope = {
      id: randomUUID(),
      topic,
      sender_id: options.senderId ?? 'bus',
      ...(options.correlationId !== undefined ? { correlation_id: options.correlationId } : {}),
      timestamp: new Date().toISOString(),
      seq: this.seq,
      message,
    };
    let receivers = 0;
    for (const subscription of this.subscriptions) {
      if (!subscription.matches(topic)) continue;
      subscription.offer(envelope);
      receivers += 1;
    }
    this.delivered += receivers;
    return receivers;
  }

  /** Listen to one or more topic patterns (`task.*`, `swarm.s1`, `*`). */
  subscribe(patterns: string | readonly string[], options: SubscriptionOptions = {}): BusSubscription {
    const list = typeof patterns === 'string' ? [patterns] : [...patterns];
    if (list.length === 0) throw new Error('subscribe needs at least one topic pattern');
    const subscription = new BusSubscription(list, options.bufferSize ?? this.bufferSize, (closed) => {
      if (this.subscriptions.delete(closed)) this.droppedByClosed += closed.dropped;
    });
    if (this.closedFlag) subscription.close();
    else this.subscriptions.add(subscription);
    return subscription;
  }

  /** A handle for a local agent: its own subscription (`agent.{id}`, `broadcast`, plus `topics`) and typed senders. */
  handle(agentId: string, options: SubscriptionOptions & { topics?: readonly string[] } = {}): BusHandle {
    const subscription = this.subscribe([`agent.${agentId}`, 'broadcast', ...(options.topics ?? [])], options);
    return new BusHandle(this, agentId, subscription);
  }

  stats(): BusStats {
    let dropped = this.droppedByClosed;
    for (const s of this.subscriptions) dropped += s.dropped;
    return { published: this.seq, delivered: this.delivered, dropped, subscribers: this.subscriptions.size };
  }

  /** Close every subscription; later publications go nowhere. */
  close(): void {
    this.closedFlag = true;
    for (const s of [...this.subscriptions]) s.close();
  }
}
