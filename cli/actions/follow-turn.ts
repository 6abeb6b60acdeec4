import { createInterface } from 'node:readline/promises';
import type { Client } from '@temporalio/client';
import { followTurn, type TurnOutcome } from '../../services/agent/follow-turn.ts';
import type { SessionFeedItem } from '../../services/agent/session-events.ts';
import { answerQuestionSignal, approvalSignal } from '../../workflows/agent-session/messages.ts';
import type { SessionEvent } from '../../workflows/agent-session/types.ts';


async function ask(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

/** On a terminal, questions and approvals are answered here; otherwise they wait for `codetether sessions answer`. */
async function respond(client: Client, sessionId: string, event: SessionEvent, interactive: boolean): Promise<void> {
  const handle = client.workflow.getHandle(sessionId);
  if (event.type === 'question') {
    const { question } = event;
    const options = question.options?.length ? ` [${question.options.join('/')}]` : '';
    if (!interactive) {
      process.stderr.write(
        `\nThe agent asks: ${question.question}${options}\nAnswer with: codetether sessions answer ${sessionId} "<answer>"\n`,
      );
      return;
    }
    const answer = await ask(`\n? ${question.question}${options} `);
    await handle.signal(answerQuestionSignal, { questionId: question.questionId, answer });
  } else if (event.type === 'approval-request') {
    const { approval } = event;
    if (!interactive) {
      process.stderr.write(
        `\nThe agent wants to run ${approval.tool}; approve with: codetether sessions approve ${sessionId} ${approval.callId}\n`,
      );
      return;
    }
    const reply = await ask(`\n? allow ${approval.tool} ${JSON.stringify(approval.input).slice(0, 200)} [y/N] `);
    await handle.signal(approvalSignal, { callId: approval.callId, approved: /^y(es)?$/i.test(reply.trim()) });
  }
}

/** Follow a turn on a terminal: questions and approvals of this turn are answered as they come. */
export function followTurnInteractive(options: {
  client: Client;
  sessionId: string;
  turnId: string;
  fromOffset: number;
  onItem: (item: SessionFeedItem) => void;
  interactive: boolean;
}): Promise<TurnOutcome> {
  return followTurn({
    ...options,
    onEvent: async (event) => {
      const ours =
        (event.type === 'question' && event.question.turnId === options.turnId) ||
        (event.type === 'approval-request' && event.approval.turnId === options.turnId);
      if (ours) await respond(options.client, options.sessionId, event, options.interactive);
    },
  });
}
