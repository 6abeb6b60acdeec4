import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** AGENTS.md files from the workspace up to its git root (or the filesystem root), farthest first. */
export function findAgentsFiles(workspaceRoot: string): string[] {
  const found: string[] = [];
  let dir = workspaceRoot;
  for (;;) {
    const candidate = join(dir, 'AGENTS.md');
    if (existsSync(candidate) && statSync(candidate).isFile()) found.unshift(candidate);
    if (existsSync(join(dir, '.git'))) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return found;
}

const maxInstructionBytes = 64 * 1024;

export function buildSystemPrompt(workspaceRoot: string, now: Date = new Date()): string {
  const intro = [
    'You are CodeTether, an expert AI programming assistant working in a real workspace through tools.',
    'You write, edit, debug, refactor and explain code. Read before you change; make focused edits; run the',
    'project\'s checks when you change code; say plainly what you did and what is left. Ask the user only when',
    'you cannot proceed without them. Paths are relative to the workspace root.',
    '',
    `Workspace root: ${workspaceRoot}`,
    `Today's date: ${now.toISOString().slice(0, 10)}`,
  ].join('\n');
  const files = findAgentsFiles(workspaceRoot);
  if (files.length === 0) return intro;
  const sections = files.map((file) => {
    let text = readFileSync(file, 'utf8');
    if (Buffer.byteLength(text) > maxInstructionBytes) text = `${text.slice(0, maxInstructionBytes)}\n[… truncated …]`;
    const shown = relative(workspaceRoot, file) || 'AGENTS.md';
    return `### From ${shown.startsWith('..') ? file : shown}\n\n${text.trim()}`;
  });
  return `${intro}\n\n## Project Instructions (AGENTS.md)\n\n${sections.join('\n\n')}`;
}
