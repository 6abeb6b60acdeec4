import { UnsupportedOperationError } from '@a2a-js/sdk/errors';
import type { AgentSessionInput, SessionSettings, WorkspaceRef } from '../../../workflows/agent-session/types.ts';
import type { agentSessionWorkflow } from '../../../workflows/agent-session/workflow.ts';
import { workspaceKey } from '../../../workflows/search-attributes.ts';
import { sessionTitle } from '../../agent/sessions.ts';
import { buildAgentCard } from '../agent-card.ts';
import type { TaskAgent } from '../task-agent.ts';

/** The real agent: each task is a one-shot agent session in the serve's workspace. */
export function codingAgent(options: {
  readonly workspace: WorkspaceRef;
  /** Settings for new tasks' sessions; undefined when no model is configured (new tasks are then refused). */
  readonly settings: SessionSettings | undefined;
}): TaskAgent {
  const { workspace, settings } = options;
  return {
    mayReplyWithMessage: false,
    card: buildAgentCard,
    workflowFor: (task) => {
      if (settings === undefined) {
        throw new UnsupportedOperationError(
          'this agent has no model configured: start `codetether serve -m provider/model`, or set CODETETHER_DEFAULT_MODEL or default.model',
        );
      }
      const input: AgentSessionInput = {
        sessionId: task.taskId,
        a2a: { contextId: task.contextId, push: task.push },
        workspace,
        settings,
        message: task.message,
      };
      return {
        workflowType: 'agentSessionWorkflow',
        args: [input] satisfies Parameters<typeof agentSessionWorkflow>,
        searchAttributes: [{ key: workspaceKey, value: workspace.root }],
        memo: { title: sessionTitle(task.message.text), model: settings.model, workspace: workspace.root },
      };
    },
  };
}
