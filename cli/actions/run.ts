import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultModel } from '../../services/config/load.ts';
import type { Config } from '../../services/config/schema.ts';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import { parseModelRef } from '../../services/providers/model-ref.ts';
import { latestSession, newTurnId, sendMessage } from '../../services/agent/sessions.ts';
import { workspaceTaskQueue } from '../../services/temporal/task-queues.ts';
import type { ApprovalPolicy, SessionSettings } from '../../workflows/agent-session/types.ts';
import type { RunArgs } from '../commands/run.ts';
import { cliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { readAttachments } from './attachments.ts';
import { followTurnInteractive } from './follow-turn.ts';
import { openServices } from './services.ts';
import { taskQueueHasPollers } from './temporal.ts';
import { TurnPrinter } from './turn-printer.ts';

export class TurnFailedError extends Error {
  override readonly name = 'TurnFailedError';
}

export function chooseModel(flag: string | undefined, config: Config): string {
  const model = flag ?? defaultModel(config);
  if (model === undefined) {
    throw new UsageError(
      'no model chosen: pass -m provider/model (for example -m anthropic/claude-sonnet-4-20250514), ' +
        'or set CODETETHER_DEFAULT_MODEL or `codetether config --set default.model=provider/model`',
    );
  }
  parseModelRef(model);
  return model;
}

export function sessionSettings(
  model: string,
  config: Config,
  overrides: { maxSteps?: number; approve?: string },
): SessionSettings {
  return {
    model,
    maxSteps: overrides.maxSteps ?? config.session.max_steps,
    excludeTools: [],
    autoApprove: (overrides.approve ?? 'all') as ApprovalPolicy,
    idleTimeoutMs: config.session.idle_timeout_minutes * 60 * 1000,
    oneShot: false,
    llmHeartbeatSeconds: config.session.llm_heartbeat_seconds,
    toolHeartbeatSeconds: config.session.tool_heartbeat_seconds,
  };
}

export async function runRun(args: RunArgs): Promise<void> {
  const text = (args.message ?? []).join(' ').trim();
  if (text === '') throw new UsageError('You must provide a message: codetether run "what to do"');
  const ctx = cliContext(args, 'warn');
  const model = chooseModel(args.model, ctx.loaded.config);
  const cwd = process.cwd();
  let workspaceRoot: string;
  try {
    workspaceRoot = realpathSync(resolve(cwd, args.dir ?? '.'));
  } catch {
    throw new UsageError(`--dir ${args.dir}: no such directory`);
  }
  const files = readAttachments(args.file === undefined ? [] : [args.file].flat(), cwd);
  const json = args.format === 'json';
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  try {
    const services = await openServices(ctx, shutdown, { worker: args.detach !== true });
    const { client } = services.temporal;
    const taskQueue = services.endpoint.taskQueue;
    let sessionId = args.session;
    if (args.continue) {
      sessionId = await latestSession(client, workspaceRoot);
      if (sessionId === undefined) throw new UsageError(`no session to continue in ${workspaceRoot}; start one without -c`);
    }
    const sent = await sendMessage({
      client,
      taskQueue,
      workspace: { root: workspaceRoot, taskQueue: workspaceTaskQueue(taskQueue) },
      settings: sessionSettings(model, ctx.loaded.config, { ...(args.maxSteps !== undefined ? { maxSteps: args.maxSteps } : {}), ...(args.approve ? { approve: args.approve } : {}) }),
      message: { turnId: newTurnId(), text, ...(files.length > 0 ? { files } : {}) },
      ...(sessionId !== undefined ? { sessionId } : {}),
    });
    if (args.detach) {
      if (!(await taskQueueHasPollers(client, services.endpoint.namespace, taskQueue))) {
        process.stderr.write(
          `codetether: warning: no worker polls task queue "${taskQueue}"; the session waits until one does ` +
            '(start `codetether worker` or `codetether serve` on this machine).\n',
        );
      }
      process.stdout.write(json ? `${JSON.stringify({ session_id: sent.sessionId, turn_id: sent.turnId })}\n` : `${sent.sessionId}\n`);
      return;
    }
    let cancelled = false;
    void signalled.then(async () => {
      cancelled = true;
      process.stderr.write('\ncodetether: cancelling the session…\n');
      await client.workflow.getHandle(sent.sessionId).cancel().catch(() => undefined);
    });
    const printer = new TurnPrinter();
    const outcome = await followTurnInteractive({
      client,
      sessionId: sent.sessionId,
      turnId: sent.turnId,
      fromOffset: sent.fromOffset,
      onItem: (item) => {
        if (!json) printer.feed(item);
      },
      interactive: process.stdin.isTTY === true && !json,
    });
    if (cancelled) {
      process.exitCode = 130;
      return;
    }
    if (outcome.status === 'failed') throw new TurnFailedError(`the agent failed: ${outcome.error} (session ${sent.sessionId})`);
    if (outcome.status === 'closed') throw new TurnFailedError(`session ${sent.sessionId} closed before answering`);
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ text: outcome.answer, session_id: sent.sessionId, turn_id: sent.turnId, stop_reason: outcome.stopReason, usage: outcome.usage })}\n`,
      );
    } else {
      process.stderr.write(`[Session: ${sent.sessionId} | Continue with: codetether run -c "..."]\n`);
    }
  } finally {
    await shutdown.shutdown();
  }
}
