import { dirname, isAbsolute, join } from 'node:path';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';
import type { Config } from '../../../services/config/schema.ts';
import { followRalphRun, type RalphFeedItem } from '../../../services/ralph/follow-run.ts';
import { readPrdFile } from '../../../services/ralph/prd-file.ts';
import { formatIssues } from '../../../services/ralph/prd-validate.ts';
import { RalphError, ralphRunId, ralphRunInfo, startRalphRun, type RalphRunInfo } from '../../../services/ralph/runs.ts';
import type { RalphSettings } from '../../../workflows/ralph/types.ts';
import { resolvePrdPath } from '../../actions/ralph-run.ts';

export interface RalphOpsDeps {
  readonly client: Client;
  readonly taskQueue: string;
  readonly workspaceQueue: string;
  readonly workspaceRoot: string;
  readonly config: () => Config;
}

/** `ralph run`'s defaults (max 10 iterations, one story at a time). */
function settingsFor(model: string, config: Config): RalphSettings {
  return {
    model,
    maxIterations: 10,
    parallel: 1,
    maxSteps: 30,
    resolverMaxSteps: 15,
    checkTimeoutSeconds: 600,
    llmHeartbeatSeconds: config.session.llm_heartbeat_seconds,
    toolHeartbeatSeconds: config.session.tool_heartbeat_seconds,
  };
}

async function isRunning(client: Client, runId: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(runId).describe()).status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

export function createRalphOps(deps: RalphOpsDeps) {
  const { client } = deps;
  return {
    /** Start Ralph on the PRD (default: prd.json of the workspace), or attach to the run already working on it. */
    async start(prd: string | undefined, model: string): Promise<{ runId: string; attached: boolean }> {
      const given = prd === undefined || prd === '' ? 'prd.json' : prd;
      const prdPath = resolvePrdPath(isAbsolute(given) ? given : join(deps.workspaceRoot, given));
      const runId = ralphRunId(prdPath);
      if (await isRunning(client, runId)) return { runId, attached: true };
      const read = await readPrdFile(prdPath);
      if (read.prd === undefined || read.errors.length > 0) throw new RalphError(`${prdPath} is not a valid PRD:\n${formatIssues(read.errors)}`);
      await startRalphRun({
        client,
        taskQueue: deps.taskQueue,
        input: { prdPath, workDir: dirname(prdPath), workspaceQueue: deps.workspaceQueue, settings: settingsFor(model, deps.config()) },
        memo: { project: read.prd.project, feature: read.prd.feature },
      });
      return { runId, attached: false };
    },

    info: (runId: string): Promise<RalphRunInfo> => ralphRunInfo(client, runId),

    /** Follow a run (and its agents' tool calls) from what it still has on its stream; stops showing on abort. */
    async follow(runId: string, onItem: (item: RalphFeedItem) => void, signal: AbortSignal): Promise<RalphRunInfo | undefined> {
      const info = await ralphRunInfo(client, runId);
      if (info.state !== 'running') return info;
      const now = await WorkflowStreamClient.create(client, runId).getOffset();
      const sessions = info.view.current.map((c) => ({ storyId: c.storyId, sessionId: c.sessionId }));
      const stopped = new Promise<undefined>((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
      const followed = client.withAbortSignal(signal, () => followRalphRun({
        client,
        runId,
        agents: true,
        fromOffset: info.view.eventsFrom,
        agentsFrom: now,
        sessions,
        onItem: (item) => {
          if (!signal.aborted) onItem(item);
        },
      }));
      followed.catch(() => undefined);
      return Promise.race([followed, stopped]);
    },
  };
}
