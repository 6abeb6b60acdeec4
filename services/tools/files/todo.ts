import { z } from 'zod';
import { defineTool, ok, ToolError } from '../tool.ts';
import {
  loadTodos,
  saveTodos,
  TODO_FILE,
  todoPriorities,
  todoStatuses,
  withTodoLock,
  type TodoItem,
} from './todo-store.ts';

const statusIcons: Record<TodoItem['status'], string> = {
  pending: '○',
  in_progress: '◐',
  done: '●',
  blocked: '✗',
};
const priorityMarkers: Record<TodoItem['priority'], string> = {
  low: '[low]',
  medium: '',
  high: '[HIGH]',
  critical: '[CRITICAL]',
};

export function formatTodo(todo: TodoItem): string {
  const marker = priorityMarkers[todo.priority];
  return [statusIcons[todo.status], todo.id, ...(marker ? [marker] : []), todo.content].join(' ');
}

function formatList(todos: readonly TodoItem[]): string {
  return todos.length === 0 ? 'No todos.' : todos.map(formatTodo).join('\n');
}

function nextId(todos: readonly TodoItem[]): string {
  const used = todos.map((t) => /^t(\d+)$/.exec(t.id)?.[1]).map(Number).filter(Number.isFinite);
  return `t${Math.max(0, ...used) + 1}`;
}

function requireFields(fields: Record<string, unknown>, action: string): void {
  const missing = Object.entries(fields)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new ToolError('INVALID_ARGUMENT', `action "${action}" needs ${missing.join(', ')}`, {
      missing_fields: missing,
    });
  }
}

function findTodo(todos: readonly TodoItem[], id: string): TodoItem {
  const todo = todos.find((t) => t.id === id);
  if (!todo) {
    const known = todos.map((t) => t.id).join(', ') || 'none';
    throw new ToolError('NOT_FOUND', `no todo with id "${id}" (ids: ${known})`, { id });
  }
  return todo;
}

const readParameters = z.object({
  status: z.enum(todoStatuses).optional().describe('Only show todos with this status.'),
  priority: z.enum(todoPriorities).optional().describe('Only show todos with this priority.'),
});

export const todoReadTool = defineTool({
  id: 'todoread',
  description:
    'Show the task list kept for this workspace, one todo per line: status icon (○ pending, ◐ in_progress, ' +
    '● done, ✗ blocked), id, priority marker ([low], [HIGH], [CRITICAL]; none for medium) and content. ' +
    'Check it before picking the next step of a multi-step task.',
  parameters: readParameters,
  async execute({ status, priority }, ctx) {
    const todos = await loadTodos(ctx.workspaceRoot);
    const shown = todos.filter((t) => (!status || t.status === status) && (!priority || t.priority === priority));
    const filtered = status !== undefined || priority !== undefined;
    const body = shown.length === 0 && filtered ? 'No todos match.' : formatList(shown);
    return ok(body, { count: shown.length, total: todos.length });
  },
});

const writeParameters = z.object({
  action: z
    .enum(['add', 'update', 'delete', 'clear'])
    .describe('add a todo (needs content), update one (needs id), delete one (needs id), or clear the whole list.'),
  id: z.string().min(1).optional().describe('Todo id, e.g. "t3". Needed for update and delete; optional for add.'),
  content: z.string().min(1).optional().describe('What needs doing. Needed for add; for update, the new text.'),
  status: z.enum(todoStatuses).optional().describe('New status (add defaults to pending).'),
  priority: z.enum(todoPriorities).optional().describe('Priority (add defaults to medium).'),
});

export const todoWriteTool = defineTool({
  id: 'todowrite',
  description:
    `Change the workspace task list (kept in ${TODO_FILE}): add, update (status, priority or content), ` +
    'delete a todo, or clear all. Use it to plan multi-step work and mark progress: set in_progress when ' +
    'starting an item and done when finished. Returns the updated list.',
  parameters: writeParameters,
  async execute({ action, id, content, status, priority }, ctx) {
    return withTodoLock(ctx.workspaceRoot, async () => {
      let todos = action === 'clear' ? [] : await loadTodos(ctx.workspaceRoot);
      let summary: string;
      switch (action) {
        case 'add': {
          requireFields({ content }, action);
          if (id !== undefined && todos.some((t) => t.id === id)) {
            throw new ToolError('INVALID_ARGUMENT', `a todo with id "${id}" already exists`, { id });
          }
          const todo: TodoItem = {
            id: id ?? nextId(todos),
            content: content ?? '',
            status: status ?? 'pending',
            priority: priority ?? 'medium',
            created_at: new Date().toISOString(),
          };
          todos.push(todo);
          summary = `Added ${todo.id}`;
          break;
        }
        case 'update': {
          requireFields({ id }, action);
          if (content === undefined && status === undefined && priority === undefined) {
            throw new ToolError('INVALID_ARGUMENT', 'action "update" needs at least one of content, status, priority', {
              one_of: ['content', 'status', 'priority'],
            });
          }
          const current = findTodo(todos, id ?? '');
          todos = todos.map((t) =>
            t === current
              ? { ...t, content: content ?? t.content, status: status ?? t.status, priority: priority ?? t.priority }
              : t,
          );
          summary = `Updated ${current.id}`;
          break;
        }
        case 'delete': {
          requireFields({ id }, action);
          const current = findTodo(todos, id ?? '');
          todos = todos.filter((t) => t !== current);
          summary = `Deleted ${current.id}`;
          break;
        }
        case 'clear':
          summary = 'Cleared the todo list';
          break;
      }
      await saveTodos(ctx.workspaceRoot, todos);
      return ok(`${summary}\n\n${formatList(todos)}`, { action, count: todos.length });
    });
  },
});
