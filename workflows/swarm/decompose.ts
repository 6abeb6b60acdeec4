import type { ModelMessage } from 'ai';
import { singleTask } from '../../services/swarm/single-task.ts';
import type { SwarmDeps } from './deps.ts';
import { askModel } from './model.ts';
import { decompositionPrompt, decompositionSystem, repairPrompt } from './prompts.ts';
import type { Decomposition } from './types.ts';

/** Answers sent back to the model to be fixed before what can be kept is kept. */
const maxRepairs = 2;

/**
 * Split the task: one model call answering with JSON, checked by an activity
 * (schema, limits, dependencies, cycles). An unusable answer goes back to the
 * model with what is wrong, twice; after that whatever can be kept is kept,
 * or the whole task becomes one subtask. A bad answer never fails the swarm.
 */
export async function decompose(deps: SwarmDeps): Promise<Decomposition> {
  const { input, acts, events } = deps;
  const { strategy, maxSubtasks } = input.settings;
  if (strategy === 'none') return { subtasks: singleTask(input.task), repairs: 0, issues: [] };
  const messages: ModelMessage[] = [{ role: 'user', content: decompositionPrompt(input.task, strategy, maxSubtasks) }];
  const issues: string[] = [];
  for (let attempt = 0; ; attempt += 1) {
    const final = attempt >= maxRepairs;
    const text = await askModel(deps, decompositionSystem, messages);
    const reading = await acts.swarmReadPlan({ text, maxSubtasks, final, task: input.task });
    if (reading.ok) return { subtasks: reading.subtasks, repairs: attempt, issues };
    issues.push(...reading.issues);
    events.publish({ type: 'error', at: Date.now(), message: `decomposition answer ${attempt + 1} unusable: ${reading.issues.join('; ')}` });
    if (reading.salvaged) return { subtasks: reading.salvaged, repairs: attempt, issues, fallback: `kept ${reading.salvaged.length} usable subtasks of an invalid answer` };
    if (reading.fallback) return { subtasks: reading.fallback, repairs: attempt, issues, fallback: 'no usable decomposition: the whole task is one subtask' };
    messages.push({ role: 'assistant', content: text }, { role: 'user', content: repairPrompt(reading.issues) });
  }
}
