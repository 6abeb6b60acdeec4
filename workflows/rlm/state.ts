import type { ModelMessage } from 'ai';
import type { RlmContent } from '../../services/rlm/types.ts';
import type { CarriedRlm, RlmInput, RlmStateView, RlmUsage, SubQueryRecord } from './types.ts';

/** The loop's state: plain JSON, carried into the next run by continue-as-new. */
export class RlmState {
  content: RlmContent | undefined;
  messages: ModelMessage[];
  iterations: number;
  subQueries: SubQueryRecord[];
  usage: RlmUsage;
  readonly startedAt: number;
  done = false;

  constructor(input: RlmInput, now: number) {
    const carried = input.carried;
    this.content = carried?.content ?? input.content;
    this.messages = carried?.messages ?? [];
    this.iterations = carried?.iterations ?? 0;
    this.subQueries = carried?.subQueries ?? [];
    this.usage = carried?.usage ?? { inputTokens: 0, outputTokens: 0 };
    this.startedAt = carried?.startedAt ?? now;
  }

  addUsage(usage: RlmUsage): void {
    this.usage.inputTokens += usage.inputTokens;
    this.usage.outputTokens += usage.outputTokens;
  }

  view(maxIterations: number): RlmStateView {
    const c = this.content;
    return {
      status: this.done ? 'done' : c === undefined ? 'ingesting' : 'working',
      iterations: this.iterations,
      maxIterations,
      subQueries: this.subQueries.length,
      usage: { ...this.usage },
      ...(c ? { content: { bytes: c.bytes, lines: c.lines, contentType: c.contentType, chunks: c.chunkCount } } : {}),
    };
  }

  carry(content: RlmContent, stream: CarriedRlm['stream'], events: CarriedRlm['events']): CarriedRlm {
    return {
      content,
      messages: this.messages,
      iterations: this.iterations,
      subQueries: this.subQueries,
      usage: this.usage,
      startedAt: this.startedAt,
      ...(stream ? { stream } : {}),
      events,
    };
  }
}
