import { CancellationScope, condition, getExternalWorkflowHandle, isCancellation, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ToolResult } from '../../services/tools/tool.ts';
import { swarmReleaseSignal, swarmReplySignal, swarmRequestSignal, type ShareAction, type SwarmReply, type SwarmRequest } from '../swarm/protocol.ts';
import type { StepToolCall } from './llm.ts';
import type { SwarmMembership } from './types.ts';

const shareReplyTimeoutMs = 60_000;

function failed(code: string, message: string): ToolResult {
  return { success: false, output: JSON.stringify({ error: { code, tool: 'swarm_share', message } }), metadata: { error_code: code, tool: 'swarm_share' } };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** The model's swarm_share arguments as a request, or what is wrong with them. */
export function shareAction(input: unknown): ShareAction | string {
  const args = (input ?? {}) as { action?: unknown; key?: unknown; value?: unknown; tags?: unknown; prefix?: unknown };
  const key = typeof args.key === 'string' ? args.key.trim() : '';
  switch (args.action) {
    case 'publish':
      if (key === '') return 'key: a non-empty key is required to publish';
      if (args.value === undefined) return 'value: the result to publish is required';
      return { action: 'publish', key, value: args.value, tags: strings(args.tags) };
    case 'get':
      return key === '' ? 'key: the key to read is required' : { action: 'get', key };
    case 'list':
      return { action: 'list' };
    case 'query_tags': {
      const tags = strings(args.tags);
      return tags.length === 0 ? 'tags: at least one tag is required' : { action: 'query_tags', tags };
    }
    case 'query_prefix':
      return typeof args.prefix === 'string' ? { action: 'query_prefix', prefix: args.prefix } : 'prefix: a key prefix is required';
    default:
      return 'action: one of publish, get, list, query_tags, query_prefix';
  }
}

/**
 * A sub-agent's side of the swarm protocol (workflows/swarm/protocol.ts):
 * it asks its swarm for a permit before each model call when the swarm's
 * rate limit is on, and carries out swarm_share by asking the swarm, which
 * holds the shared results. Request ids come from this run's id and a
 * counter, so they are the same on replay and unique across continue-as-new.
 */
export class SwarmMember {
  private readonly membership: SwarmMembership;
  private readonly replies = new Map<string, SwarmReply>();
  private next = 0;

  constructor(membership: SwarmMembership) {
    this.membership = membership;
    setHandler(swarmReplySignal, (reply) => {
      this.replies.set(reply.requestId, reply);
    });
  }

  private newRequestId(): string {
    this.next += 1;
    return `${workflowInfo().runId}:${this.next}`;
  }

  private async ask(request: SwarmRequest, timeoutMs?: number): Promise<SwarmReply | undefined> {
    await getExternalWorkflowHandle(this.membership.swarmId).signal(swarmRequestSignal, request);
    const arrived = await condition(() => this.replies.has(request.requestId), timeoutMs);
    if (!arrived) return undefined;
    const reply = this.replies.get(request.requestId)!;
    this.replies.delete(request.requestId);
    return reply;
  }

  /** Wait for the swarm's permit to call the model; undefined when the swarm has no rate limit. */
  async acquirePermit(): Promise<string | undefined> {
    if (!this.membership.llmPermits) return undefined;
    const requestId = this.newRequestId();
    try {
      await this.ask({ op: 'permit', requestId, from: workflowInfo().workflowId, subtaskId: this.membership.subtaskId });
      return requestId;
    } catch (err) {
      // Cancelled while waiting: take the request back, so the permit is not handed to nobody.
      await this.release(requestId);
      if (isCancellation(err)) throw err;
      // The swarm cannot be reached (it is gone): nobody is left to share the limit with.
      return undefined;
    }
  }

  /** Give a permit (or a request still waiting for one) back; even from a cancelled turn. */
  async release(requestId: string): Promise<void> {
    await CancellationScope.nonCancellable(() =>
      getExternalWorkflowHandle(this.membership.swarmId)
        .signal(swarmReleaseSignal, { requestId, from: workflowInfo().workflowId })
        .catch(() => undefined),
    );
  }

  /** The swarm_share tool: publish or read results shared across the swarm. */
  async share(call: StepToolCall): Promise<ToolResult> {
    const share = shareAction(call.input);
    if (typeof share === 'string') return failed('INVALID_ARGUMENT', share);
    const request: SwarmRequest = { op: 'share', share, requestId: this.newRequestId(), from: workflowInfo().workflowId, subtaskId: this.membership.subtaskId };
    let reply: SwarmReply | undefined;
    try {
      reply = await this.ask(request, shareReplyTimeoutMs);
    } catch (err) {
      if (isCancellation(err)) throw err;
      return failed('EXECUTION_FAILED', `the swarm ${this.membership.swarmId} cannot be reached: ${(err as Error).message}`);
    }
    if (reply === undefined) return failed('TIMEOUT', `the swarm did not answer within ${shareReplyTimeoutMs / 1000} s`);
    return reply.ok
      ? { success: true, output: reply.output, metadata: { action: share.action } }
      : { success: false, output: reply.output, metadata: { error_code: 'INVALID_ARGUMENT', tool: 'swarm_share' } };
  }
}
