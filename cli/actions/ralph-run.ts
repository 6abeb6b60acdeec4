import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import { followRalphRun } from '../../services/ralph/follow-run.ts';
import { readPrdFile } from '../../services/ralph/prd-file.ts';
import { formatIssues } from '../../services/ralph/prd-validate.ts';
import { RalphError, startRalphRun, type RalphRunInfo } from '../../services/ralph/runs.ts';
import { workspaceTaskQueue } from '../../services/temporal/task-queues.ts';
import { cancelRalphSignal } from '../../workflows/ralph/messages.ts';
import type { RalphSettings } from '../../workflows/ralph/types.ts';
import type { RalphArgs } from '../commands/ralph.ts';
import { cliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { chooseModel } from './run.ts';
import { printRalphItem, infoJson, summaryText } from './ralph-printer.ts';
import { detachOrFollow } from './detach-or-follow.ts';
import { openServices } from './services.ts';

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of at least 1, not ${value}`);
  return n;
}

/** The PRD's real path: its runs are keyed by it, whatever path or symlink named it. */
export function resolvePrdPath(prd: string | undefined): string {
  const given = resolve(process.cwd(), prd ?? 'prd.json');
  try {
    return realpathSync(given);
  } catch {
    throw new UsageError(`${given}: no such PRD file (write one with \`codetether ralph create-prd -o prd.json\`)`);
  }
}

/** Follow a run on the terminal (or quietly for --json) and print how it ended; the exit code says whether every story passed. */
export async function followAndReport(
  client: Client,
  runId: string,
  options: { json: boolean; fromOffset?: number; agentsFrom?: number; sessions?: ReadonlyArray<{ storyId: string; sessionId: string }> },
): Promise<RalphRunInfo> {
  const info = await followRalphRun({
    client,
    runId,
    agents: !options.json,
    ...(options.fromOffset !== undefined ? { fromOffset: options.fromOffset } : {}),
    ...(options.agentsFrom !== undefined ? { agentsFrom: options.agentsFrom } : {}),
    ...(options.sessions ? { sessions: options.sessions } : {}),
    onItem: (item) => {
      if (!options.json) printRalphItem(item);
    },
  });
  reportInfo(info, runId, options.json);
  return info;
}

export function reportInfo(info: RalphRunInfo, runId: string, json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify(infoJson(info, runId), null, 2)}\n`);
  else if (info.state === 'finished') process.stdout.write(`${summaryText(info.result)}\n`);
  else if (info.state === 'ended') process.stdout.write(`Ralph run ${runId} ended ${info.status.toLowerCase()}${info.error ? `: ${info.error}` : ''}\n`);
  if (info.state === 'ended' || (info.state === 'finished' && info.result.status !== 'completed')) process.exitCode = 1;
}

export async function runRalphRun(args: RalphArgs): Promise<void> {
  const ctx = cliContext(args, 'warn');
  const { config } = ctx.loaded;
  const prdPath = resolvePrdPath(args.prd);
  const read = await readPrdFile(prdPath);
  if (read.prd === undefined || read.errors.length > 0) throw new RalphError(`${prdPath} is not a valid PRD:\n${formatIssues(read.errors)}`);
  if (read.warnings.length > 0 && !args.json) process.stderr.write(`codetether: warning: ${prdPath}:\n${formatIssues(read.warnings)}\n`);
  const settings: RalphSettings = {
    model: chooseModel(args.model, config),
    maxIterations: positiveInt('max-iterations', args.maxIterations, 10),
    parallel: positiveInt('parallel', args.parallel, 1),
    maxSteps: positiveInt('max-steps', args.maxSteps, 30),
    resolverMaxSteps: 15,
    checkTimeoutSeconds: positiveInt('check-timeout', args.checkTimeout, 600),
    llmHeartbeatSeconds: config.session.llm_heartbeat_seconds,
    toolHeartbeatSeconds: config.session.tool_heartbeat_seconds,
  };
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  try {
    const services = await openServices(ctx, shutdown, { worker: args.detach !== true });
    const { client } = services.temporal;
    const taskQueue = services.endpoint.taskQueue;
    const runId = await startRalphRun({
      client,
      taskQueue,
      input: { prdPath, workDir: dirname(prdPath), workspaceQueue: workspaceTaskQueue(taskQueue), settings },
      memo: { project: read.prd.project, feature: read.prd.feature },
    });
    await detachOrFollow(
      services,
      runId,
      {
        label: 'ralph run',
        noun: 'run',
        attachCommand: `codetether ralph attach ${runId}`,
        idKey: 'run_id',
        announce: `Run ${runId}`,
        cancelling: 'its agents stop and its worktrees are removed',
        cancel: () => client.workflow.getHandle(runId).signal(cancelRalphSignal, { reason: 'interrupted' }),
        follow: () => followAndReport(client, runId, { json: args.json === true }),
      },
      { detach: args.detach === true, json: args.json === true, signalled },
    );
  } finally {
    await shutdown.shutdown();
  }
}
