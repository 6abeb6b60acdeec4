// Checking turns that arrive as untyped data (the control endpoint, script
// files, functions written in plain JavaScript), so a bad script fails with
// a message saying what is wrong instead of a confusing provider error.
import { asRecord } from './json-shape.ts';
import type { FakeErrorTurn, FakeFinishReason, FakeReplyTurn, FakeToolCallSpec, FakeTurn } from './types.ts';

const FINISH_REASONS: readonly FakeFinishReason[] = ['stop', 'tool-calls', 'length', 'content-filter'];

function fail(where: string, problem: string): never {
  throw new Error(`fake-llm: invalid turn ${where}: ${problem}`);
}

function optionalNumber(turn: Record<string, unknown>, key: string, where: string, min: number): number | undefined {
  const value = turn[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) fail(where, `${key} must be a number >= ${min}`);
  return value;
}

function timingOf(turn: Record<string, unknown>, where: string): Pick<FakeReplyTurn, 'delayMs' | 'disconnectAfterFrames'> {
  const delayMs = optionalNumber(turn, 'delayMs', where, 0);
  const disconnectAfterFrames = optionalNumber(turn, 'disconnectAfterFrames', where, 0);
  return {
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(disconnectAfterFrames === undefined ? {} : { disconnectAfterFrames: Math.floor(disconnectAfterFrames) }),
  };
}

function toolCallOf(value: unknown, where: string): FakeToolCallSpec {
  const call = asRecord(value);
  if (call === undefined || typeof call.name !== 'string' || call.name === '') fail(where, 'each tool call needs a name');
  const args = call.args === undefined ? {} : asRecord(call.args);
  if (args === undefined) fail(where, `tool call ${call.name}: args must be an object`);
  if (call.id !== undefined && typeof call.id !== 'string') fail(where, `tool call ${call.name}: id must be a string`);
  return { ...(typeof call.id === 'string' ? { id: call.id } : {}), name: call.name, args };
}

function errorTurnOf(turn: Record<string, unknown>, where: string): FakeErrorTurn {
  const status = turn.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    fail(where, 'status must be an HTTP status code');
  }
  if (turn.message !== undefined && typeof turn.message !== 'string') fail(where, 'message must be a string');
  const headers = turn.headers === undefined ? undefined : asRecord(turn.headers);
  if (headers === undefined && turn.headers !== undefined) fail(where, 'headers must be an object');
  const retryAfter = optionalNumber(turn, 'retryAfter', where, 0);
  const retryAfterMs = optionalNumber(turn, 'retryAfterMs', where, 0);
  return {
    status,
    ...timingOf(turn, where),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(typeof turn.message === 'string' ? { message: turn.message } : {}),
    ...(turn.body === undefined ? {} : { body: turn.body }),
    ...(headers === undefined ? {} : { headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])) }),
  };
}

function replyTurnOf(turn: Record<string, unknown>, where: string): FakeReplyTurn {
  if (turn.text !== undefined && typeof turn.text !== 'string') fail(where, 'text must be a string');
  if (turn.toolCalls !== undefined && !Array.isArray(turn.toolCalls)) fail(where, 'toolCalls must be an array');
  const usage = turn.usage === undefined ? undefined : asRecord(turn.usage);
  if (turn.usage !== undefined && (typeof usage?.input !== 'number' || typeof usage.output !== 'number')) {
    fail(where, 'usage must be { input: number, output: number }');
  }
  const finishReason = turn.finishReason;
  if (finishReason !== undefined && !FINISH_REASONS.includes(finishReason as FakeFinishReason)) {
    fail(where, `finishReason must be one of ${FINISH_REASONS.join(', ')}`);
  }
  const chunkSize = optionalNumber(turn, 'chunkSize', where, 1);
  return {
    ...timingOf(turn, where),
    ...(typeof turn.text === 'string' ? { text: turn.text } : {}),
    ...(Array.isArray(turn.toolCalls) ? { toolCalls: turn.toolCalls.map((call) => toolCallOf(call, where)) } : {}),
    ...(usage === undefined ? {} : { usage: { input: Number(usage.input), output: Number(usage.output) } }),
    ...(finishReason === undefined ? {} : { finishReason: finishReason as FakeFinishReason }),
    ...(chunkSize === undefined ? {} : { chunkSize }),
  };
}

/** A checked copy of the turn; throws `fake-llm: invalid turn …` otherwise. */
export function toFakeTurn(value: unknown, where: string): FakeTurn {
  const turn = asRecord(value);
  if (turn === undefined) fail(where, 'a turn must be an object');
  return turn.status !== undefined ? errorTurnOf(turn, where) : replyTurnOf(turn, where);
}

export function isErrorTurn(turn: FakeTurn): turn is FakeErrorTurn {
  return 'status' in turn && typeof turn.status === 'number';
}
