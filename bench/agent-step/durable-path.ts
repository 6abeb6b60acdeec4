// Path A: the real durable path. A Temporal dev server of its own, a real
// worker (workflow + LLM activities on the main queue, tools on the workspace
// queue), and agent sessions driven the way the CLI drives them:
// `sendMessage`, then `followTurn` until the turn completes.
import { benchDb, benchTemporal } from './temporal-stack.ts';
import { followTurn } from '../../services/agent/follow-turn.ts';
import { newTurnId, sendMessage } from '../../services/agent/sessions.ts';
import { createLogger } from '../../services/log/logger.ts';
import { connectClient } from '../../services/temporal/client.ts';
import { codetetherDataConverter } from '../../services/temporal/data-converter.ts';
import { startWorker } from '../../services/worker/worker.ts';
import type { SessionSettings } from '../../workflows/agent-session/types.ts';
import type { Cleanups } from './cleanups.ts';
import { fakeModelRef, type FakeProviderSetup } from './fake-provider.ts';

export interface DurableAgent {
  /** The database the worker and client store big payloads in. */
  readonly dbKind: string;
  /** Start a one-shot session with `text` and follow its turn to the final answer. */
  runTurn(text: string, maxSteps: number): Promise<string>;
  /** Wait until the last session has closed, so its wind-down does not overlap what is measured next. */
  quiesce(): Promise<void>;
}

const taskQueue = 'bench-agent-step-overhead';
const workspaceQueue = `${taskQueue}-ws`;

/** Everything it starts is registered on `cleanups`, so the caller stops it all. */
export async function startDurableAgent(options: {
  setup: FakeProviderSetup;
  dataDir: string;
  workspaceRoot: string;
  cleanups: Cleanups;
}): Promise<DurableAgent> {
  const { setup, dataDir, cleanups } = options;
  const endpoint = await benchTemporal(dataDir, taskQueue, cleanups);
  const { db, blobs } = await benchDb(setup.config, dataDir, cleanups);
  const worker = await startWorker({
    endpoint,
    logger: createLogger('error'),
    config: setup.config,
    dataDir,
    db,
    blobs,
    secrets: setup.secrets,
    env: setup.env,
    workspaceQueue,
  });
  cleanups.add('shut the worker down', () => worker.shutdown());
  const temporal = await connectClient(endpoint, { dataConverter: codetetherDataConverter(blobs) });
  cleanups.add('close the Temporal client', () => temporal.close());

  let lastSessionId: string | undefined;
  return {
    dbKind: db.kind,
    async runTurn(text, maxSteps) {
      const settings: SessionSettings = {
        model: fakeModelRef,
        maxSteps,
        excludeTools: [],
        autoApprove: 'all',
        idleTimeoutMs: 60_000,
        oneShot: true,
      };
      const sent = await sendMessage({
        client: temporal.client,
        taskQueue,
        workspace: { root: options.workspaceRoot, taskQueue: workspaceQueue },
        settings,
        message: { turnId: newTurnId(), text },
      });
      lastSessionId = sent.sessionId;
      const outcome = await followTurn({
        client: temporal.client,
        sessionId: sent.sessionId,
        turnId: sent.turnId,
        fromOffset: sent.fromOffset,
      });
      if (outcome.status !== 'completed') {
        throw new Error(`session ${sent.sessionId} did not complete: ${JSON.stringify(outcome)}`);
      }
      if (outcome.stopReason !== 'answer') throw new Error(`session ${sent.sessionId} stopped: ${outcome.stopReason}`);
      return outcome.answer;
    },
    async quiesce() {
      if (lastSessionId !== undefined) await temporal.client.workflow.getHandle(lastSessionId).result();
    },
  };
}
