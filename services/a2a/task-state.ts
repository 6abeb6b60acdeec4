import { TaskState } from '@a2a-js/sdk';
import type { AgentSessionResult, SessionStateView, TurnRecord } from '../../workflows/agent-session/types.ts';

/** Temporal's name for how a workflow run ended (or RUNNING). */
export type WorkflowStatusName = string;

export const terminalStates: ReadonlySet<TaskState> = new Set([
  TaskState.TASK_STATE_COMPLETED,
  TaskState.TASK_STATE_FAILED,
  TaskState.TASK_STATE_CANCELED,
  TaskState.TASK_STATE_REJECTED,
]);

/** States at which a blocking send returns and a stream closes: terminal, or waiting on the client. */
export function isInterruptedOrTerminal(state: TaskState): boolean {
  return terminalStates.has(state) || state === TaskState.TASK_STATE_INPUT_REQUIRED || state === TaskState.TASK_STATE_AUTH_REQUIRED;
}

function fromTurn(turn: TurnRecord | undefined): TaskState {
  if (turn === undefined) return TaskState.TASK_STATE_SUBMITTED;
  switch (turn.status) {
    case 'running':
      return TaskState.TASK_STATE_WORKING;
    case 'completed':
      return TaskState.TASK_STATE_COMPLETED;
    case 'cancelled':
      return TaskState.TASK_STATE_CANCELED;
    case 'failed':
      return TaskState.TASK_STATE_FAILED;
    case 'rejected':
      return TaskState.TASK_STATE_REJECTED;
    default: {
      const unreachable: never = turn.status;
      return unreachable;
    }
  }
}

/**
 * A task's state from its workflow: the workflow's own status when it has
 * ended, its state query while it runs (a pending question or approval is
 * input-required).
 */
export function deriveTaskState(
  status: WorkflowStatusName,
  view: SessionStateView | undefined,
  result: AgentSessionResult | undefined,
): TaskState {
  switch (status) {
    case 'RUNNING':
      if (view === undefined) return TaskState.TASK_STATE_WORKING;
      if (view.status === 'input-required') return TaskState.TASK_STATE_INPUT_REQUIRED;
      if (view.turns.length === 0) return TaskState.TASK_STATE_SUBMITTED;
      return view.status === 'idle' || view.status === 'closed' ? fromTurn(view.turns.at(-1)) : TaskState.TASK_STATE_WORKING;
    case 'COMPLETED':
      return fromTurn(result?.turns.at(-1));
    case 'CANCELLED':
      return TaskState.TASK_STATE_CANCELED;
    default:
      return TaskState.TASK_STATE_FAILED;
  }
}
