import { condition, getExternalWorkflowHandle, setHandler, sleep } from '@temporalio/workflow';
import {
  swarmReleaseSignal,
  swarmReplySignal,
  swarmRequestSignal,
  type ShareAction,
  type SharedResult,
  type SwarmReply,
  type SwarmRequest,
} from './protocol.ts';
import type { RateLimitStats, SwarmSettings } from './types.ts';

const maxValueChars = 32_000;
const maxKeys = 500;
const maxOutputChars = 32_000;

interface Waiting {
  readonly requestId: string;
  readonly from: string;
  readonly at: number;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function capped(text: string): string {
  return text.length > maxOutputChars ? `${text.slice(0, maxOutputChars)}\n[… ${text.length - maxOutputChars} more characters …]` : text;
}

function shareError(code: string, message: string): SwarmReply['output'] {
  return JSON.stringify({ error: { code, tool: 'swarm_share', message } });
}

/**
 * The swarm's side of its protocol with its sub-agents: it holds the shared
 * results (`results.{key}`) and hands out the permits of the provider rate
 * limit — at most `maxConcurrentRequests` model calls in flight and at most
 * `requestsPerSecond` started per second (a token bucket on workflow time),
 * over every sub-agent and the swarm's own calls. All of it is workflow
 * state, so a crash loses no permit and no result.
 */
export class SwarmHub {
  readonly shared: Map<string, SharedResult>;
  readonly stats: { -readonly [K in keyof RateLimitStats]: RateLimitStats[K] };
  private readonly maxConcurrent: number;
  private readonly perSecond: number;
  private readonly onShared: (result: SharedResult) => void;
  private readonly waiting: Waiting[] = [];
  /** Permits out: request id → holder (a sub-agent's workflow id, or `swarm` for the swarm's own calls). */
  private readonly held = new Map<string, string>();
  private readonly grantedLocally = new Set<string>();
  private readonly grants = new Set<Promise<void>>();
  private tokens: number;
  private refilledAt: number;
  private localSeq = 0;
  private stopped = false;

  constructor(settings: SwarmSettings, carried: { shared?: readonly SharedResult[]; rateLimit?: RateLimitStats }, onShared: (result: SharedResult) => void) {
    this.maxConcurrent = settings.maxConcurrentRequests;
    this.perSecond = settings.requestsPerSecond;
    this.onShared = onShared;
    this.shared = new Map((carried.shared ?? []).map((r) => [r.key, r]));
    this.stats = carried.rateLimit
      ? { ...carried.rateLimit }
      : { maxConcurrentRequests: this.maxConcurrent, requestsPerSecond: this.perSecond, permitsGranted: 0, maxInFlight: 0, totalWaitMs: 0 };
    this.tokens = this.capacity();
    this.refilledAt = Date.now();
    setHandler(swarmRequestSignal, (request) => this.onRequest(request));
    setHandler(swarmReleaseSignal, ({ requestId }) => this.release(requestId));
  }

  /** Whether sub-agents must ask for a permit before each model call. */
  get limited(): boolean {
    return this.maxConcurrent > 0 || this.perSecond > 0;
  }

  private capacity(): number {
    return Math.max(1, Math.floor(this.perSecond));
  }

  private async onRequest(request: SwarmRequest): Promise<void> {
    if (request.op === 'permit') {
      if (!this.limited) return this.reply(request.from, { requestId: request.requestId, ok: true, output: 'granted' });
      if (!this.held.has(request.requestId) && !this.waiting.some((w) => w.requestId === request.requestId)) {
        this.waiting.push({ requestId: request.requestId, from: request.from, at: Date.now() });
      }
      return;
    }
    await this.reply(request.from, { requestId: request.requestId, ...this.share(request.from, request.share) });
  }

  private async reply(to: string, reply: SwarmReply): Promise<void> {
    // A sub-agent that is gone (cancelled, timed out) no longer needs its answer.
    await getExternalWorkflowHandle(to).signal(swarmReplySignal, reply).catch(() => undefined);
  }

  /** A permit (or a request still waiting) comes back. */
  release(requestId: string): void {
    this.held.delete(requestId);
    this.grantedLocally.delete(requestId);
    const index = this.waiting.findIndex((w) => w.requestId === requestId);
    if (index >= 0) this.waiting.splice(index, 1);
  }

  /** A sub-agent ended: whatever it held or asked for is free again. */
  forget(workflowId: string): void {
    for (const [requestId, holder] of [...this.held]) if (holder === workflowId) this.held.delete(requestId);
    for (let i = this.waiting.length - 1; i >= 0; i -= 1) if (this.waiting[i]!.from === workflowId) this.waiting.splice(i, 1);
  }

  /** A permit for one of the swarm's own model calls (decomposition, synthesis); undefined without a limit. */
  async acquireLocal(): Promise<string | undefined> {
    if (!this.limited) return undefined;
    this.localSeq += 1;
    const requestId = `swarm:${this.localSeq}`;
    this.waiting.push({ requestId, from: 'swarm', at: Date.now() });
    try {
      await condition(() => this.grantedLocally.has(requestId));
    } catch (err) {
      // Cancelled while waiting: the request must not be granted to nobody later.
      this.release(requestId);
      throw err;
    }
    return requestId;
  }

  private tokenWaitMs(now: number): number {
    if (this.perSecond <= 0) return 0;
    this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.refilledAt) * this.perSecond) / 1000);
    this.refilledAt = now;
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.perSecond);
  }

  private hasRoom(): boolean {
    return this.maxConcurrent <= 0 || this.held.size < this.maxConcurrent;
  }

  /** Hand out permits, first come first served, until stopped. */
  async run(): Promise<void> {
    if (!this.limited) return;
    while (!this.stopped) {
      await condition(() => this.stopped || (this.waiting.length > 0 && this.hasRoom()));
      if (this.stopped) break;
      const wait = this.tokenWaitMs(Date.now());
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      if (this.perSecond > 0) this.tokens -= 1;
      const request = this.waiting.shift()!;
      this.held.set(request.requestId, request.from);
      this.stats.permitsGranted += 1;
      this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.held.size);
      this.stats.totalWaitMs += Date.now() - request.at;
      if (request.from === 'swarm') {
        this.grantedLocally.add(request.requestId);
        continue;
      }
      const grant = this.reply(request.from, { requestId: request.requestId, ok: true, output: 'granted' });
      this.grants.add(grant);
      void grant.finally(() => this.grants.delete(grant));
    }
  }

  /** Stop handing out permits; wait for the grants already on their way. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.grants]);
  }

  /** Publish a result under `key` (replacing an older one). */
  publish(key: string, value: unknown, tags: readonly string[], producer: string): SharedResult {
    const result: SharedResult = { key, producer, value, typeName: typeName(value), tags: [...tags], publishedAt: Date.now() };
    this.shared.set(key, result);
    this.onShared(result);
    return result;
  }

  private share(producer: string, action: ShareAction): Pick<SwarmReply, 'ok' | 'output'> {
    switch (action.action) {
      case 'publish': {
        const size = JSON.stringify(action.value)?.length ?? 0;
        if (size > maxValueChars) return { ok: false, output: shareError('INVALID_ARGUMENT', `value: ${size} characters as JSON; at most ${maxValueChars}`) };
        if (!this.shared.has(action.key) && this.shared.size >= maxKeys) return { ok: false, output: shareError('INVALID_ARGUMENT', `the swarm already holds ${maxKeys} results`) };
        const result = this.publish(action.key, action.value, action.tags, producer);
        return { ok: true, output: `Published results.${result.key} (${result.typeName}${result.tags.length > 0 ? `, tags: ${result.tags.join(', ')}` : ''}).` };
      }
      case 'get': {
        const result = this.shared.get(action.key);
        if (result === undefined) {
          const keys = [...this.shared.keys()];
          return { ok: false, output: shareError('NOT_FOUND', `no result under "${action.key}"${keys.length > 0 ? `; keys: ${keys.slice(0, 50).join(', ')}` : ' (nothing is shared yet)'}`) };
        }
        return { ok: true, output: capped(JSON.stringify(result, null, 2)) };
      }
      case 'list': {
        if (this.shared.size === 0) return { ok: true, output: 'Nothing is shared yet.' };
        const lines = [...this.shared.values()].map((r) => `${r.key} (${r.typeName}, by ${r.producer}${r.tags.length > 0 ? `, tags: ${r.tags.join(', ')}` : ''})`);
        return { ok: true, output: capped(lines.join('\n')) };
      }
      case 'query_tags': {
        const found = [...this.shared.values()].filter((r) => r.tags.some((t) => action.tags.includes(t)));
        return { ok: true, output: capped(JSON.stringify(found, null, 2)) };
      }
      case 'query_prefix': {
        const found = [...this.shared.values()].filter((r) => r.key.startsWith(action.prefix));
        return { ok: true, output: capped(JSON.stringify(found, null, 2)) };
      }
      default: {
        const never: never = action;
        return never;
      }
    }
  }
}
