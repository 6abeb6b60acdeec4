import type { Client } from '@temporalio/client';
import { configSchema, type Config } from '../../services/config/schema.ts';
import { followTurn, type TurnOutcome } from '../../services/agent/follow-turn.ts';
import type { SessionFeedItem } from '../../services/agent/session-events.ts';
import { newTurnId, sendMessage, type SentMessage } from '../../services/agent/sessions.ts';
import type { RunningWorker } from '../../services/worker/worker.ts';
import type { SessionEvent, SessionSettings } from '../../workflows/agent-session/types.ts';
import type { FakeLlm } from '../fake-llm/types.ts';
import { closeTestServices, testClient, testEndpoint, testWorker } from './temporal.ts';

export interface TurnRun {
  readonly sent: SentMessage;
  readonly items: SessionFeedItem[];
  readonly events: SessionEvent[];
  readonly outcome: TurnOutcome;
}

export interface AgentHarness {
  readonly client: Client;
  readonly worker: RunningWorker;
  readonly taskQueue: string;
  readonly workspaceQueue: string;
  readonly model: string;
  settings(overrides?: Partial<SessionSettings>): SessionSettings;
  send(workspace: string, text: string, options?: { sessionId?: string; settings?: Partial<SessionSettings> }): Promise<SentMessage>;
  follow(sent: SentMessage, onEvent?: (event: SessionEvent) => Promise<void> | void): Promise<TurnRun>;
  turn(workspace: string, text: string, options?: { sessionId?: string; settings?: Partial<SessionSettings> }): Promise<TurnRun>;
  close(): Promise<void>;
}

/**
 * A real worker on the run's Temporal server, its model provider pointed at
 * the fake LLM as an OpenAI-compatible endpoint named `fake` on loopback.
 */
export async function startAgentHarness(fake: FakeLlm, options: { config?: Config; env?: Record<string, string | undefined>; payloadThreshold?: number } = {}): Promise<AgentHarness> {
  const endpoint = testEndpoint();
  const workspaceQueue = `${endpoint.taskQueue}-ws`;
  const config = options.config ?? configSchema.parse({ providers: { fake: { base_url: fake.baseUrls.openai } } });
  const worker = await testWorker(endpoint, {
    config,
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    workspaceQueue,
    ...(options.payloadThreshold !== undefined ? { payloadThreshold: options.payloadThreshold } : {}),
  });
  const { client, close } = await testClient(options.payloadThreshold);
  const model = 'fake/test-model';
  const harness: AgentHarness = {
    client,
    worker,
    taskQueue: endpoint.taskQueue,
    workspaceQueue,
    model,
    settings: (overrides = {}) => ({
      model,
      maxSteps: 20,
      excludeTools: [],
      autoApprove: 'all',
      idleTimeoutMs: 60_000,
      oneShot: false,
      ...overrides,
    }),
    send: (workspace, text, opts = {}) =>
      sendMessage({
        client,
        taskQueue: endpoint.taskQueue,
        workspace: { root: workspace, taskQueue: workspaceQueue },
        settings: harness.settings(opts.settings),
        message: { turnId: newTurnId(), text },
        ...(opts.sessionId ? { sessionId: opts.sessionId } : {}),
      }),
    follow: async (sent, onEvent) => {
      const items: SessionFeedItem[] = [];
      const events: SessionEvent[] = [];
      const outcome = await followTurn({
        client,
        sessionId: sent.sessionId,
        turnId: sent.turnId,
        fromOffset: sent.fromOffset,
        onItem: (item) => {
          items.push(item);
          if (item.kind === 'event') events.push(item.event);
        },
        ...(onEvent ? { onEvent } : {}),
      });
      return { sent, items, events, outcome };
    },
    turn: async (workspace, text, opts) => harness.follow(await harness.send(workspace, text, opts)),
    close: async () => {
      await worker.shutdown();
      await close();
      await closeTestServices();
    },
  };
  return harness;
}
