import type { AgentCard, AgentSkill } from '@a2a-js/sdk';
import { conformanceScenarios, type ConformanceScenario, type ConformanceStep } from '../../../workflows/conformance/scenarios.ts';
import type { ConformanceInput, conformanceWorkflow } from '../../../workflows/conformance/workflow.ts';
import { serviceCardFields, type AgentCardOptions } from '../agent-card.ts';
import type { TaskAgent } from '../task-agent.ts';

/** What the conformance agent reads: text, and JSON data parts. Parts of other media types are refused. */
export const conformanceInputModes = ['text/plain', 'application/json'] as const;

/** The long-running scenario stays working this long unless told otherwise: twice the TCK's longest usual streaming timeout. */
export const defaultLongRunningMs = 10_000;

function outputModes(steps: readonly ConformanceStep[]): string[] {
  const modes = new Set<string>();
  for (const step of steps) {
    if (step.kind === 'artifact') {
      for (const part of step.artifact.parts) modes.add(part.kind === 'text' ? 'text/plain' : part.kind === 'data' ? 'application/json' : part.mediaType);
    } else if (step.kind === 'reply' || step.kind === 'input-required' || step.kind === 'reject' || (step.kind === 'complete' && step.message)) {
      modes.add('text/plain');
    }
  }
  return modes.size > 0 ? [...modes] : ['text/plain'];
}

function describeStep(step: ConformanceStep): string {
  switch (step.kind) {
    case 'working':
      return 'reports working';
    case 'artifact': {
      const part = step.artifact.parts[0];
      const what =
        part?.kind === 'text' ? `text "${part.text}"` : part?.kind === 'data' ? `data ${JSON.stringify(part.data)}` : part?.kind === 'file-url' ? `file URL ${part.url}` : `file ${part?.name ?? ''}`;
      return step.lastChunk ? (step.append ? `sends the last chunk of an artifact (${what})` : `adds an artifact (${what})`) : `sends an artifact chunk (${what})`;
    }
    case 'wait':
      return 'stays working for the long-running time, with a progress update about every second';
    case 'complete':
      return step.message ? `completes with the message "${step.message}"` : 'completes';
    case 'input-required':
      return 'asks for input, then completes on the follow-up message';
    case 'reply':
      return `answers with the message "${step.text}" instead of a task`;
    case 'reject':
      return `rejects the task ("${step.reason}")`;
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}

function scenarioSkill(scenario: ConformanceScenario): AgentSkill {
  const steps = scenario.steps.map(describeStep).join(', then ');
  return {
    id: scenario.prefix,
    name: scenario.title,
    description: `A message whose messageId starts with "${scenario.prefix}": the agent ${steps}.`,
    tags: ['conformance', 'a2a-tck'],
    examples: [`any text, with messageId "${scenario.prefix}-1"`],
    inputModes: [...conformanceInputModes],
    outputModes: outputModes(scenario.steps),
    securityRequirements: [],
  };
}

/** The conformance agent's card: one skill per scenario, the same service fields as the coding agent's. */
export function buildConformanceCard(options: AgentCardOptions): AgentCard {
  return {
    name: 'CodeTether conformance agent',
    description:
      'A deterministic, scripted A2A executor for testing A2A clients against CodeTether: no model, no tools. ' +
      'The prefix of a message\'s messageId picks a scenario of the A2A TCK; any other message completes with a short echo. ' +
      'Every task is a durable Temporal workflow in the same service as the coding agent.',
    ...serviceCardFields(options),
    defaultInputModes: [...conformanceInputModes],
    defaultOutputModes: ['text/plain', 'application/json'],
    skills: [
      ...conformanceScenarios.map(scenarioSkill),
      {
        id: 'echo',
        name: 'Echo',
        description: 'A message with no known messageId prefix: the agent completes with a short echo of its text.',
        tags: ['conformance'],
        examples: ['hello'],
        inputModes: [...conformanceInputModes],
        outputModes: ['text/plain'],
        securityRequirements: [],
      },
    ],
  };
}

/** `serve --agent conformance`: each task is a conformance workflow. */
export function conformanceAgent(options: { readonly longRunningMs?: number } = {}): TaskAgent {
  const longRunningMs = options.longRunningMs ?? defaultLongRunningMs;
  return {
    mayReplyWithMessage: true,
    inputModes: conformanceInputModes,
    card: buildConformanceCard,
    workflowFor: (task) => {
      const input: ConformanceInput = { taskId: task.taskId, contextId: task.contextId, message: task.message, push: task.push, longRunningMs };
      return {
        workflowType: 'conformanceWorkflow',
        args: [input] satisfies Parameters<typeof conformanceWorkflow>,
        memo: { title: `conformance: ${task.message.turnId}`.slice(0, 120) },
      };
    },
  };
}
