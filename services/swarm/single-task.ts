// Pure, without imports: the swarm workflow uses it too.
import type { PlannedSubtask } from '../../workflows/swarm/types.ts';

/** The whole task as one subtask (strategy `none`, or when no decomposition could be used). */
export function singleTask(task: string): PlannedSubtask[] {
  return [{ id: 'main', name: 'Main Task', instruction: task, specialty: 'general', dependencies: [], priority: 1, complexity: 'medium', stage: 0 }];
}
