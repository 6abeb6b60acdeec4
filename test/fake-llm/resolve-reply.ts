// Filling in a reply turn's defaults (ids, usage, finish reason, chunk size)
// so every provider renders the same resolved reply.
import { estimateTokens } from './text-chunks.ts';
import type { FakeLlmRequest, FakeReplyTurn } from './types.ts';
import type { ResolvedReply } from './providers/provider-api.ts';

export interface ReplyDefaults {
  request: FakeLlmRequest;
  toolCallIdPrefix: string;
  responseIdPrefix: string;
  chunkSize: number;
  /** A fresh number for every id the server makes up. */
  nextId: () => number;
}

export function resolveReply(turn: FakeReplyTurn, defaults: ReplyDefaults): ResolvedReply {
  const text = turn.text ?? '';
  const toolCalls = (turn.toolCalls ?? []).map((call) => ({
    id: call.id ?? `${defaults.toolCallIdPrefix}fake_${defaults.nextId()}`,
    idScripted: call.id !== undefined,
    name: call.name,
    args: call.args,
    argsJson: call.rawArgs ?? JSON.stringify(call.args),
  }));
  const outputText = text + toolCalls.map((call) => call.name + call.argsJson).join('');
  return {
    responseId: `${defaults.responseIdPrefix}fake_${defaults.nextId()}`,
    model: defaults.request.model === '' ? 'fake-model' : defaults.request.model,
    createdAt: Math.floor(Date.now() / 1000),
    text,
    toolCalls,
    usage: turn.usage ?? { input: estimateTokens(defaults.request.text), output: estimateTokens(outputText) },
    finishReason: turn.finishReason ?? (toolCalls.length > 0 ? 'tool-calls' : 'stop'),
    chunkSize: turn.chunkSize ?? defaults.chunkSize,
  };
}
