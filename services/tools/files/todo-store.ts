import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ToolError } from '../tool.ts';
import { resolveInWorkspace } from '../workspace-path.ts';
import { writeFileAtomic } from '../edit/file-io.ts';

export const TODO_FILE = '.codetether-todos.json';
export const todoStatuses = ['pending', 'in_progress', 'done', 'blocked'] as const;
export const todoPriorities = ['low', 'medium', 'high', 'critical'] as const;

const todoItem = z.object({
  id: z.string(),
  content: z.string(),
  status: z.enum(todoStatuses),
  priority: z.enum(todoPriorities),
  created_at: z.string(),
});
export type TodoItem = z.infer<typeof todoItem>;

const todoFile = z.array(todoItem);

function todoPath(workspaceRoot: string): string {
  return resolveInWorkspace(workspaceRoot, TODO_FILE);
}

export async function loadTodos(workspaceRoot: string): Promise<TodoItem[]> {
  let text: string;
  try {
    text = await readFile(todoPath(workspaceRoot), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  try {
    return todoFile.parse(JSON.parse(text));
  } catch (err) {
    throw new ToolError(
      'EXECUTION_FAILED',
      `${TODO_FILE} is not a valid todo list (${(err as Error).message.slice(0, 200)}); ` +
        'todowrite with action "clear" resets it',
    );
  }
}

export async function saveTodos(workspaceRoot: string, todos: readonly TodoItem[]): Promise<void> {
  await writeFileAtomic(todoPath(workspaceRoot), Buffer.from(`${JSON.stringify(todos, null, 2)}\n`, "utf8"));
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Run read-modify-write steps on one workspace's list one at a time, so two
 * todowrite calls made in parallel cannot lose each other's change.
 */
export function withTodoLock<T>(workspaceRoot: string, step: () => Promise<T>): Promise<T> {
  const previous = queues.get(workspaceRoot) ?? Promise.resolve();
  const next = previous.then(step, step);
  const settled = next.catch(() => undefined);
  queues.set(workspaceRoot, settled);
  void settled.then(() => {
    if (queues.get(workspaceRoot) === settled) queues.delete(workspaceRoot);
  });
  return next;
}
