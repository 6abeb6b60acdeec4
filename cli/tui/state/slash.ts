/** The slash commands of the chat input: their names, help lines and parsing. */
export const slashCommands = [
  { name: 'model', usage: '/model [provider/model]', help: 'choose the model (no argument: the model picker)' },
  { name: 'sessions', usage: '/sessions', help: 'pick a session of this directory to resume' },
  { name: 'resume', usage: '/resume [id]', help: 'resume a session (no id: the latest of this directory)' },
  { name: 'new', usage: '/new', help: 'start a new session (the current one stays as it is)' },
  { name: 'swarm', usage: '/swarm [task]', help: 'run a swarm on a task; no task: show the swarm view' },
  { name: 'ralph', usage: '/ralph [prd.json]', help: 'run (or attach to) Ralph on a PRD and show its progress' },
  { name: 'inspector', usage: '/inspector', help: 'running and recent workflows of every kind; attach to one' },
  { name: 'view', usage: '/view', help: 'toggle between chat and the swarm view' },
  { name: 'undo', usage: '/undo [n]', help: "revert the agent's last n file changes in this session (default 1)" },
  { name: 'cancel', usage: '/cancel', help: 'stop the running turn (the session stays open)' },
  { name: 'webview', usage: '/webview', help: 'layout with workspace sidebar and session panel' },
  { name: 'classic', usage: '/classic', help: 'plain layout: messages, input, status' },
  { name: 'refresh', usage: '/refresh', help: 'reload the workspace, sessions and the session state' },
  { name: 'help', usage: '/help', help: 'keys and commands (also `?` on an empty input)' },
  { name: 'quit', usage: '/quit', help: 'leave the TUI (running work goes on)' },
] as const;

export type SlashName = (typeof slashCommands)[number]['name'];

export type SlashCommand =
  | { readonly name: SlashName; readonly arg: string }
  | { readonly name: 'unknown'; readonly arg: string; readonly typed: string };

/** A slash command, or undefined for text to send. `//text` sends `/text`. */
export function parseSlash(input: string): SlashCommand | undefined {
  const text = input.trim();
  if (!text.startsWith('/') || text.startsWith('//')) return undefined;
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(text)!;
  const typed = match[1]!.toLowerCase();
  const arg = match[2]!.trim();
  const known = slashCommands.find((c) => c.name === typed);
  if (known !== undefined) return { name: known.name, arg };
  if (typed === 'q' || typed === 'exit') return { name: 'quit', arg };
  return { name: 'unknown', arg, typed };
}

/** What to send for a non-command input (`//x` → `/x`). */
export function messageText(input: string): string {
  const text = input.trim();
  return text.startsWith('//') ? text.slice(1) : text;
}

/** Commands whose name starts with what was typed after `/` (for the hint line and Tab completion). */
export function completions(input: string): ReadonlyArray<(typeof slashCommands)[number]> {
  if (!/^\/\S*$/.test(input)) return [];
  const typed = input.slice(1).toLowerCase();
  return slashCommands.filter((c) => c.name.startsWith(typed));
}
