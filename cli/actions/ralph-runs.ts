import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';
import { readPrdFile } from '../../services/ralph/prd-file.ts';
import { formatIssues } from '../../services/ralph/prd-validate.ts';
import { listRalphRuns, RalphError, ralphRunId, ralphRunInfo, type RalphRunInfo } from '../../services/ralph/runs.ts';
import { cancelRalphSignal } from '../../workflows/ralph/messages.ts';
import type { RalphArgs } from '../commands/ralph.ts';
import { UsageError } from '../errors.ts';
import { infoJson, viewText, summaryText } from './ralph-printer.ts';
import { followAndReport, reportInfo, resolvePrdPath } from './ralph-run.ts';
import { withCliServices } from './services.ts';
import { printLine } from './print.ts';

function infoText(info: RalphRunInfo, runId: string): string {
  if (info.state === 'running') return viewText(info.view);
  if (info.state === 'finished') return summaryText(info.result);
  return `Ralph run ${runId} ended ${info.status.toLowerCase()}${info.error ? `: ${info.error}` : ''}`;
}

/** `ralph status RUN_ID`: the run; `ralph status [--prd]`: the PRD file's stories, and its latest run when there is one. */
export async function runRalphStatus(args: RalphArgs): Promise<void> {
  // Queries are answered by a worker; a query-only one here runs no tools or checks.
  await withCliServices(args, { worker: args.worker !== false, workspace: false }, async ({ temporal }) => {
    const { client } = temporal;
    if (args.id) {
      const info = await ralphRunInfo(client, args.id);
      printLine(args.json ? JSON.stringify(infoJson(info, args.id), null, 2) : infoText(info, args.id));
      return;
    }
    const prdPath = resolvePrdPath(args.prd);
    const read = await readPrdFile(prdPath);
    if (read.prd === undefined) throw new RalphError(`${prdPath} is not a valid PRD:\n${formatIssues(read.errors)}`);
    const runId = ralphRunId(prdPath);
    let run: RalphRunInfo | undefined;
    try {
      run = await ralphRunInfo(client, runId);
    } catch (err) {
      if (!(err instanceof RalphError)) throw err;
    }
    const prd = read.prd;
    const passed = prd.user_stories.filter((s) => s.passes).length;
    if (args.json) {
      printLine(JSON.stringify({ prd: prdPath, project: prd.project, feature: prd.feature, branch: prd.branch_name, passed, total: prd.user_stories.length, stories: prd.user_stories.map((s) => ({ id: s.id, title: s.title, passes: s.passes })), errors: read.errors, run: run ? infoJson(run, runId) : null }, null, 2));
      return;
    }
    printLine(
      [
        `# ${prd.project}: ${prd.feature}`,
        `Branch: ${prd.branch_name || '(current)'}`,
        `Progress: ${passed}/${prd.user_stories.length} stories`,
        ...prd.user_stories.map((s) => `- [${s.passes ? 'x' : ' '}] ${s.id}: ${s.title}`),
        ...(read.errors.length > 0 ? ['', 'Problems:', formatIssues(read.errors)] : []),
        '',
        run ? infoText(run, runId).split('\n')[0]! : `No run yet (start one with \`codetether ralph run --prd ${args.prd ?? 'prd.json'}\`).`,
      ].join('\n'),
    );
  });
}

/** Follow a run to its end from wherever it is now; Ctrl-C only stops following. */
export async function runRalphAttach(args: RalphArgs): Promise<void> {
  const runId = args.id;
  if (!runId) throw new UsageError('ralph attach needs a run id (see `codetether ralph list`)');
  await withCliServices(args, { worker: args.worker !== false }, async ({ temporal }, signalled) => {
    const { client } = temporal;
    const info = await ralphRunInfo(client, runId);
    if (info.state !== 'running') {
      reportInfo(info, runId, args.json === true);
      return;
    }
    const now = await WorkflowStreamClient.create(client, runId).getOffset();
    const sessions = info.view.current.flatMap((c) => [
      { storyId: c.storyId, sessionId: c.sessionId },
      ...(c.phase === 'resolving' ? [{ storyId: c.storyId, sessionId: `${c.sessionId}.resolve` }] : []),
    ]);
    if (!args.json) printLine(viewText(info.view));
    const detached = signalled.then(() => {
      process.stderr.write(`\ncodetether: stopped following ${runId}; it goes on wherever a worker runs (follow it again: codetether ralph attach ${runId})\n`);
      process.exitCode = 130;
    });
    await Promise.race([followAndReport(client, runId, { json: args.json === true, fromOffset: now, agentsFrom: now, sessions }), detached]);
  });
}

export async function runRalphCancel(args: RalphArgs): Promise<void> {
  const runId = args.id;
  if (!runId) throw new UsageError('ralph cancel needs a run id (see `codetether ralph list`)');
  await withCliServices(args, { worker: false }, async ({ temporal }) => {
    const handle = temporal.client.workflow.getHandle(runId);
    let status: string;
    try {
      status = (await handle.describe()).status.name;
    } catch {
      throw new RalphError(`no Ralph run ${runId} (see \`codetether ralph list\`)`);
    }
    if (status !== 'RUNNING') throw new RalphError(`Ralph run ${runId} is not running (it ended ${status.toLowerCase()})`);
    await handle.signal(cancelRalphSignal, { reason: 'cancelled from the command line' });
    printLine(`cancelling ${runId}: its agents stop and its worktrees are removed`);
  });
}

export async function runRalphList(args: RalphArgs): Promise<void> {
  await withCliServices(args, { worker: false }, async ({ temporal }) => {
    const runs = await listRalphRuns(temporal.client);
    if (args.json) printLine(JSON.stringify(runs, null, 2));
    else if (runs.length === 0) printLine('No Ralph runs.');
    else {
      for (const r of runs) {
        printLine(`${r.runId}  ${r.status.toLowerCase().padEnd(10)} ${r.startTime.toISOString().slice(0, 16).replace('T', ' ')}  ${r.project}: ${r.feature}  ${r.prdPath}`);
      }
    }
  });
}
