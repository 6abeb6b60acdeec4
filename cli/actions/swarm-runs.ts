import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';
import { listSwarms, SwarmError, swarmInfo } from '../../services/swarm/runs.ts';
import { cancelSwarmSignal } from '../../workflows/swarm/messages.ts';
import type { SwarmArgs } from '../commands/swarm.ts';
import { UsageError } from '../errors.ts';
import { infoJson, infoText, viewText } from './swarm-printer.ts';
import { followAndReport, reportInfo } from './swarm-run.ts';
import { withCliServices } from './services.ts';
import { printLine } from './print.ts';

function swarmIdOf(args: SwarmArgs, command: string): string {
  if (!args.id) throw new UsageError(`swarm ${command} needs a swarm id (see \`codetether swarm list\`)`);
  return args.id;
}

/** `swarm status ID`: the live view while it runs, its result once it ended. */
export async function runSwarmStatus(args: SwarmArgs): Promise<void> {
  const swarmId = swarmIdOf(args, 'status');
  // Queries are answered by a worker; a query-only one here runs no tools.
  await withCliServices(args, { worker: args.worker !== false, workspace: false }, async ({ temporal }) => {
    const info = await swarmInfo(temporal.client, swarmId);
    printLine(args.json ? JSON.stringify(infoJson(info, swarmId), null, 2) : infoText(info, swarmId));
  });
}

/** Follow a swarm to its end from wherever it is now; Ctrl-C only stops following. */
export async function runSwarmAttach(args: SwarmArgs): Promise<void> {
  const swarmId = swarmIdOf(args, 'attach');
  await withCliServices(args, { worker: args.worker !== false }, async ({ temporal }, signalled) => {
    const { client } = temporal;
    const info = await swarmInfo(client, swarmId);
    if (info.state !== 'running') {
      reportInfo(info, swarmId, args.json === true);
      return;
    }
    const now = await WorkflowStreamClient.create(client, swarmId).getOffset();
    const sessions = info.view.subtasks.flatMap((s) => (s.status === 'running' && s.sessionId ? [{ subtaskId: s.id, sessionId: s.sessionId }] : []));
    if (!args.json) printLine(viewText(info.view));
    const detached = signalled.then(() => {
      process.stderr.write(`\ncodetether: stopped following ${swarmId}; it goes on wherever a worker runs (follow it again: codetether swarm attach ${swarmId})\n`);
      process.exitCode = 130;
    });
    await Promise.race([followAndReport(client, swarmId, { json: args.json === true, fromOffset: now, agentsFrom: now, sessions }), detached]);
  });
}

export async function runSwarmCancel(args: SwarmArgs): Promise<void> {
  const swarmId = swarmIdOf(args, 'cancel');
  await withCliServices(args, { worker: false }, async ({ temporal }) => {
    const handle = temporal.client.workflow.getHandle(swarmId);
    let status: string;
    try {
      status = (await handle.describe()).status.name;
    } catch {
      throw new SwarmError(`no swarm ${swarmId} (see \`codetether swarm list\`)`);
    }
    if (status !== 'RUNNING') throw new SwarmError(`swarm ${swarmId} is not running (it ended ${status.toLowerCase()})`);
    await handle.signal(cancelSwarmSignal, { reason: 'cancelled from the command line' });
    printLine(`cancelling ${swarmId}: its sub-agents stop with their processes and its worktrees are removed`);
  });
}

export async function runSwarmList(args: SwarmArgs): Promise<void> {
  await withCliServices(args, { worker: false }, async ({ temporal }) => {
    const swarms = await listSwarms(temporal.client);
    if (args.json) printLine(JSON.stringify(swarms, null, 2));
    else if (swarms.length === 0) printLine('No swarms.');
    else {
      for (const s of swarms) {
        printLine(`${s.swarmId}  ${s.status.toLowerCase().padEnd(10)} ${s.startTime.toISOString().slice(0, 16).replace('T', ' ')}  ${s.strategy.padEnd(6)} ${s.task.replace(/\s+/g, ' ').slice(0, 80)}  ${s.workDir}`);
      }
    }
  });
}
