// Path B: the same agent loop as the session workflow, as a plain in-process
// TypeScript loop: the same AI SDK `streamText`, the same provider client
// (resolved per call, as the worker's model provider does), the same tool
// specs, and the tool run straight through the registry. No Temporal.
import { streamText, type ModelMessage } from 'ai';
import { buildSystemPrompt } from '../../services/agent/system-prompt.ts';
import { CodetetherModelProvider } from '../../services/providers/model-provider.ts';
import { createToolRegistry } from '../../services/tools/registry.ts';
import { toToolSet } from '../../workflows/agent-session/llm.ts';
import { fakeModelRef, type FakeProviderSetup } from './fake-provider.ts';

export interface InProcessAgent {
  /** Run one turn to its final answer; at most `maxSteps` model calls. */
  runTurn(text: string, maxSteps: number): Promise<string>;
}

export function createInProcessAgent(options: { setup: FakeProviderSetup; workspaceRoot: string; dataDir: string }): InProcessAgent {
  const registry = createToolRegistry();
  const provider = new CodetetherModelProvider(options.setup);
  const signal = new AbortController().signal;
  const toolContext = {
    workspaceRoot: options.workspaceRoot,
    sessionId: 'bench-in-process',
    signal,
    heartbeat: () => undefined,
    dataDir: options.dataDir,
  };

  return {
    async runTurn(text, maxSteps) {
      const system = buildSystemPrompt(options.workspaceRoot);
      const tools = toToolSet(registry.specs([]));
      const messages: ModelMessage[] = [{ role: 'user', content: text }];
      for (let step = 1; step <= maxSteps; step += 1) {
        let streamError: unknown;
        const result = streamText({
          model: provider.languageModel(fakeModelRef),
          system,
          messages,
          tools,
          maxRetries: 0,
          onError: ({ error }) => {
            streamError = error;
          },
        });
        await result.consumeStream();
        if (streamError !== undefined) throw streamError;
        const [answer, toolCalls, response] = await Promise.all([result.text, result.toolCalls, result.response]);
        messages.push(...(response.messages as ModelMessage[]).filter((m) => m.role === 'assistant'));
        if (toolCalls.length === 0) return answer;
        const results = await Promise.all(toolCalls.map((call) => registry.execute(call.toolName, call.input, toolContext)));
        messages.push({
          role: 'tool',
          content: toolCalls.map((call, i) => ({
            type: 'tool-result' as const,
            toolCallId: call.toolCallId,
            toolName: call.toolName,
            output: results[i]!.success
              ? { type: 'text' as const, value: results[i]!.output }
              : { type: 'error-text' as const, value: results[i]!.output },
          })),
        });
      }
      throw new Error(`no final answer after ${maxSteps} steps`);
    },
  };
}
