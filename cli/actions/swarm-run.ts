import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { AgentBus } from '../../services/bus/agent-bus.ts';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import { followSwarm } from '../../services/swarm/follow.ts';
import { startSwarm, type SwarmRunInfo } from '../../services/swarm/runs.ts';
import { workspaceTaskQueue } from '../../services/temporal/task-queues.ts';
import { cancelSwarmSignal } from '../../workflows/swarm/messages.ts';
import { swarmStrategies, type SwarmSettings, type SwarmStrategy } from '../../workflows/swarm/types.ts';
import type { SwarmArgs } from '../commands/swarm.ts';
import { cliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { chooseModel } from './run.ts';
import { infoJson, printSwarmEnvelope, resultText } from './swarm-printer.ts';
import { detachOrFollow } from './detach-or-follow.ts';
import { openServices } from './services.ts';

function wholeNumber(name: string, value: number | undefined, fallback: number, min: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, not ${value}`);
  return n;
}

function workDirOf(dir: string | undefined): string {
  const given = resolve(process.cwd(), dir ?? '.');
  try {
    const real = realpathSync(given);
    if (statSync(real).isDirectory()) return real;
  } catch {
    // reported below
  }
  throw new UsageError(`${given} is not a directory`);
}

export function swarmSettingsFrom(args: SwarmArgs, model: string, session: { llm_heartbeat_seconds: number; tool_heartbeat_seconds: number }): SwarmSettings {
  const strategy = (args.strategy ?? 'auto') as SwarmStrategy;
  if (!swarmStrategies.includes(strategy)) throw new UsageError(`--strategy must be one of ${swarmStrategies.join(', ')}`);
  const rps = args.requestsPerSecond ?? 0;
  if (!Number.isFinite(rps) || rps < 0) throw new UsageError(`--requests-per-second must be 0 or more, not ${args.requestsPerSecond}`);
  return {
    model,
    strategy,
    maxSubagents: wholeNumber('max-subagents', args.maxSubagents, 8, 1),
    maxSubtasks: wholeNumber('max-subtasks', args.maxSubtasks, 50, 1),
    maxSteps: wholeNumber('max-steps', args.maxSteps, 100, 1),
    maxTotalSteps: wholeNumber('max-total-steps', args.maxTotalSteps, 1500, 1),
    timeoutSeconds: wholeNumber('timeout', args.timeout, 300, 1),
    maxConcurrentRequests: wholeNumber('max-concurrent-requests', args.maxConcurrentRequests, 8, 0),
    requestsPerSecond: rps,
    worktrees: args.worktrees !== false,
    llmHeartbeatSeconds: session.llm_heartbeat_seconds,
    toolHeartbeatSeconds: session.tool_heartbeat_seconds,
  };
}

export function reportInfo(info: SwarmRunInfo, swarmId: string, json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify(infoJson(info, swarmId), null, 2)}\n`);
  else if (info.state === 'finished') process.stdout.write(`${resultText(info.result)}\n`);
  else if (info.state === 'ended') process.stdout.write(`Swarm ${swarmId} ended ${info.status.toLowerCase()}${info.error ? `: ${info.error}` : ''}\n`);
  if (info.state === 'ended' || (info.state === 'finished' && !info.result.success)) process.exitCode = 1;
}

/**
 * Follow a swarm to its end and report how it ended. Its events, and its
 * sub-agents' tool calls, go onto this process's agent bus; on a terminal
 * the progress printer reads them from there.
 */
export async function followAndReport(
  client: Client,
  swarmId: string,
  options: { json: boolean; fromOffset?: number; agentsFrom?: number; sessions?: ReadonlyArray<{ subtaskId: string; sessionId: string }> },
): Promise<SwarmRunInfo> {
  const bus = new AgentBus();
  const feed = bus.subscribe([`swarm.${swarmId}`, 'tools.*'], { bufferSize: 100_000 });
  const printing = options.json
    ? Promise.resolve()
    : (async () => {
        for await (const envelope of feed) printSwarmEnvelope(envelope, swarmId);
      })();
  try {
    const info = await followSwarm({
      client,
      swarmId,
      bus,
      agents: !options.json,
      ...(options.fromOffset !== undefined ? { fromOffset: options.fromOffset } : {}),
      ...(options.agentsFrom !== undefined ? { agentsFrom: options.agentsFrom } : {}),
      ...(options.sessions ? { sessions: options.sessions } : {}),
    });
    bus.close();
    await printing;
    reportInfo(info, swarmId, options.json);
    return info;
  } finally {
    bus.close();
  }
}

export async function runSwarmRun(args: SwarmArgs): Promise<void> {
  const task = (args.task ?? []).join(' ').trim();
  if (task === '') throw new UsageError('give the swarm a task: codetether swarm "what to do"');
  const ctx = cliContext(args, 'warn');
  const { config } = ctx.loaded;
  const settings = swarmSettingsFrom(args, chooseModel(args.model, config), config.session);
  const workDir = workDirOf(args.dir);
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  try {
    const services = await openServices(ctx, shutdown, { worker: args.detach !== true });
    const { client } = services.temporal;
    const taskQueue = services.endpoint.taskQueue;
    const swarmId = await startSwarm({ client, taskQueue, input: { task, workDir, workspaceQueue: workspaceTaskQueue(taskQueue), settings } });
    await detachOrFollow(
      services,
      swarmId,
      {
        label: 'swarm',
        noun: 'swarm',
        attachCommand: `codetether swarm attach ${swarmId}`,
        idKey: 'swarm_id',
        announce: `Swarm ${swarmId}`,
        cancelling: 'its sub-agents stop and its worktrees are removed',
        cancel: () => client.workflow.getHandle(swarmId).signal(cancelSwarmSignal, { reason: 'interrupted' }),
        follow: () => followAndReport(client, swarmId, { json: args.json === true }),
      },
      { detach: args.detach === true, json: args.json === true, signalled },
    );
  } finally {
    await shutdown.shutdown();
  }
}
