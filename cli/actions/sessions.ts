import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { listSessions } from '../../services/agent/sessions.ts';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import {
  answerQuestionSignal,
  approvalSignal,
  sessionStateQuery,
  transcriptQuery,
} from '../../workflows/agent-session/messages.ts';
import type { AgentSessionResult, TurnRecord } from '../../workflows/agent-session/types.ts';
import type { ModelMessage } from 'ai';
import type { SessionsArgs } from '../commands/sessions.ts';
import { cliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { followTurnInteractive } from './follow-turn.ts';
import { TurnFailedError } from './run.ts';
import { openServices } from './services.ts';
import { TurnPrinter } from './turn-printer.ts';
import { printLine } from './print.ts';

function requireId(args: SessionsArgs): string {
  if (!args.id) throw new UsageError(`sessions ${args.action} needs a session id (see \`codetether sessions list\`)`);
  return args.id;
}

function messageText(message: ModelMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map((part) => {
      if (part.type === 'text') return part.text;
      if (part.type === 'tool-call') return `[tool call ${part.toolName} ${JSON.stringify(part.input).slice(0, 200)}]`;
      if (part.type === 'tool-result') {
        const output = part.output as { value?: unknown };
        return `[tool result ${part.toolName}: ${String(output.value ?? '').slice(0, 200)}]`;
      }
      return `[${part.type}]`;
    })
    .join('\n');
}

async function transcriptOf(client: Client, id: string): Promise<ModelMessage[]> {
  const handle = client.workflow.getHandle(id);
  const description = await handle.describe();
  if (description.status.name === 'COMPLETED') return ((await handle.result()) as AgentSessionResult).messages;
  return handle.query(transcriptQuery);
}

async function lastTurn(client: Client, id: string): Promise<{ running: boolean; turn: TurnRecord | undefined }> {
  const handle = client.workflow.getHandle(id);
  const description = await handle.describe();
  if (description.status.name === 'RUNNING') {
    const state = await handle.query(sessionStateQuery);
    return { running: true, turn: state.turns.at(-1) };
  }
  if (description.status.name === 'COMPLETED') {
    const result = (await handle.result()) as AgentSessionResult;
    return { running: false, turn: result.turns.at(-1) };
  }
  throw new TurnFailedError(`session ${id} ended ${description.status.name.toLowerCase()}`);
}

async function attach(client: Client, id: string, json: boolean): Promise<void> {
  const { running, turn } = await lastTurn(client, id);
  if (turn === undefined) throw new UsageError(`session ${id} has no turn yet`);
  let outcome: { status: string; answer?: string; error?: string } = {
    status: turn.status,
    ...(turn.answer !== undefined ? { answer: turn.answer } : {}),
    ...(turn.error !== undefined ? { error: turn.error } : {}),
  };
  if (running && turn.status === 'running') {
    const printer = new TurnPrinter();
    outcome = await followTurnInteractive({
      client,
      sessionId: id,
      turnId: turn.turnId,
      fromOffset: turn.startOffset ?? 0,
      onItem: (item) => {
        if (!json) printer.feed(item);
      },
      interactive: process.stdin.isTTY === true && !json,
    });
  } else if (!json && turn.answer !== undefined) {
    printLine(turn.answer);
  }
  if (json) printLine(JSON.stringify({ session_id: id, turn_id: turn.turnId, ...outcome }));
  if (outcome.status === 'failed') throw new TurnFailedError(`the agent failed: ${outcome.error ?? ''} (session ${id})`);
}

export async function runSessions(args: SessionsArgs): Promise<void> {
  const ctx = cliContext(args, 'warn');
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  try {
    // Queries need a worker to answer them; whether another one is alive cannot be told reliably
    // (the server remembers pollers for minutes), so these actions bring their own unless told not to.
    const needsWorkflow = args.action === 'show' || args.action === 'attach' || args.action === 'answer';
    const services = await openServices(ctx, shutdown, { worker: needsWorkflow && args.worker !== false });
    const { client } = services.temporal;
    switch (args.action) {
      case 'list': {
        const workspace = args.all ? undefined : realpathSync(resolve(process.cwd(), args.dir ?? '.'));
        const sessions = await listSessions(client, workspace !== undefined ? { workspace } : {});
        if (args.json) printLine(JSON.stringify(sessions, null, 2));
        else if (sessions.length === 0) printLine(workspace ? `No sessions in ${workspace}.` : 'No sessions.');
        else {
          for (const s of sessions) {
            printLine(`${s.sessionId}  ${s.status.toLowerCase().padEnd(10)} ${s.startTime.toISOString().slice(0, 16).replace('T', ' ')}  ${s.model}  ${s.title}`);
          }
        }
        return;
      }
      case 'show': {
        const id = requireId(args);
        const messages = await transcriptOf(client, id);
        if (args.json) printLine(JSON.stringify(messages, null, 2));
        else for (const m of messages) printLine(`── ${m.role}\n${messageText(m)}\n`);
        return;
      }
      case 'attach':
        return await attach(client, requireId(args), args.json === true);
      case 'cancel': {
        const id = requireId(args);
        await client.workflow.getHandle(id).cancel();
        printLine(`cancelled ${id}`);
        return;
      }
      case 'answer': {
        const id = requireId(args);
        const answer = (args.rest ?? []).join(' ');
        const state = await client.workflow.getHandle(id).query(sessionStateQuery);
        if (!state.pendingQuestion) throw new UsageError(`session ${id} is not waiting for an answer`);
        await client.workflow.getHandle(id).signal(answerQuestionSignal, { questionId: state.pendingQuestion.questionId, answer });
        printLine(`answered: ${state.pendingQuestion.question}`);
        return;
      }
      case 'approve': {
        const id = requireId(args);
        const callId = args.rest?.[0];
        if (!callId) throw new UsageError('sessions approve needs the session id and the tool call id');
        await client.workflow.getHandle(id).signal(approvalSignal, { callId, approved: args.deny !== true });
        printLine(`${args.deny ? 'denied' : 'approved'} ${callId}`);
        return;
      }
      default:
        throw new UsageError(`unknown sessions action ${args.action}`);
    }
  } finally {
    await shutdown.shutdown();
  }
}
