// The scripted agent loop both paths run: `steps` calls of a trivial tool
// (`read` of a tiny file), then a final answer; and the per-step gaps read
// back from the fake LLM server's own clock.
import type { FakeLlm, FakeLlmRequest, ScriptedTurn } from '../../test/fake-llm/types.ts';

export const tinyFileName = 'note.txt';
export const tinyFileText = 'step-overhead benchmark: a tiny file\n';
export const finalAnswer = 'done';

/** Queue `steps` tool-calling replies and the final text reply on the fake. */
export function scriptAgentLoop(fake: FakeLlm, steps: number): void {
  const toolStep: ScriptedTurn = { toolCalls: [{ name: 'read', args: { path: tinyFileName } }] };
  fake.reset();
  fake.script(...Array.from({ length: steps }, () => toolStep), { text: finalAnswer });
}

function completedAt(request: FakeLlmRequest): number {
  if (request.completedAt === undefined) throw new Error(`model call #${request.seq} has no completed reply`);
  return request.completedAt;
}

/**
 * Per-step orchestration gaps in ms: from the moment the fake finished writing
 * reply k to the moment it had read request k+1. Checks the loop really ran:
 * one call per step plus the final one, each after the first carrying the
 * tool's successful output.
 */
export function stepGaps(requests: readonly FakeLlmRequest[], steps: number): number[] {
  if (requests.length !== steps + 1) throw new Error(`expected ${steps + 1} model calls, the fake saw ${requests.length}`);
  const gaps: number[] = [];
  for (let i = 1; i < requests.length; i += 1) {
    const previous = requests[i - 1]!;
    const current = requests[i]!;
    const lastResult = current.toolResults.at(-1)?.output ?? '';
    if (current.toolResults.length !== i || !lastResult.includes(tinyFileText.trim())) {
      throw new Error(`model call #${current.seq} does not carry the result of step ${i}: ${lastResult.slice(0, 200)}`);
    }
    gaps.push(current.receivedAt - completedAt(previous));
  }
  completedAt(requests.at(-1)!);
  return gaps;
}
