import { isCancellation } from '@temporalio/workflow';
import { describeFailure } from '../shared/child-agent.ts';
import type { SwarmDeps } from './deps.ts';
import { askModel } from './model.ts';
import { concatenatedResults, synthesisPrompt, synthesisSystem } from './prompts.ts';

/**
 * The swarm's answer: one sub-agent's answer as it is; several, combined by a
 * model call. When that call fails (or nothing succeeded) the results are
 * given one after another instead.
 */
export async function synthesize(deps: SwarmDeps): Promise<string> {
  const { subtasks } = deps.run;
  const only = subtasks.length === 1 ? subtasks[0] : undefined;
  if (only !== undefined) return only.status === 'completed' ? (only.result ?? '') : concatenatedResults(subtasks);
  if (!subtasks.some((s) => s.status === 'completed')) return concatenatedResults(subtasks);
  try {
    const text = await askModel(deps, synthesisSystem, [{ role: 'user', content: synthesisPrompt(deps.input.task, subtasks) }]);
    if (text.trim() !== '') return text;
    deps.events.publish({ type: 'error', at: Date.now(), message: 'the synthesis answer was empty: the results are given one after another' });
  } catch (err) {
    if (isCancellation(err)) throw err;
    deps.events.publish({ type: 'error', at: Date.now(), message: `the synthesis failed (${describeFailure(err)}): the results are given one after another` });
  }
  return concatenatedResults(subtasks);
}
