import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A skill: a markdown playbook the model can load on demand. */
export interface SkillEntry {
  readonly name: string;
  /** The markdown file. */
  readonly file: string;
  /** The skill's own directory (for SKILL.md skills, which may bundle scripts), else undefined. */
  readonly dir: string | undefined;
}

/** `$CODETETHER_SKILLS_DIR`, else `~/.codetether/skills`. */
export function defaultSkillsDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.CODETETHER_SKILLS_DIR;
  return override !== undefined && override !== '' ? override : join(homedir(), '.codetether', 'skills');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Skills as `<name>/SKILL.md` or `<name>.md`; the directory form wins when both exist. Sorted by name. */
export function listSkills(root: string): SkillEntry[] {
  if (!existsSync(root)) return [];
  const found = new Map<string, SkillEntry>();
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(root, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && !isFile(path))) {
      const file = join(path, 'SKILL.md');
      if (isFile(file)) found.set(entry.name, { name: entry.name, file, dir: path });
    } else if (entry.name.endsWith('.md') && isFile(path)) {
      const name = entry.name.slice(0, -'.md'.length);
      if (name !== '' && !found.has(name)) found.set(name, { name, file: path, dir: undefined });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * One line saying what a skill is for: the `description:` of its YAML front
 * matter, else its first heading, else its first non-empty line.
 */
export function summarizeSkill(markdown: string): string {
  const lines = markdown.split(/\r?\n/);
  let body = lines;
  if (lines[0]?.trim() === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) {
      const front = lines.slice(1, end);
      const described = front.find((l) => /^description\s*:/i.test(l));
      if (described !== undefined) {
        const value = described.replace(/^description\s*:\s*/i, '').replace(/^(["'])(.*)\1$/, '$2').trim();
        if (value !== '') return value;
      }
      body = lines.slice(end + 1);
    }
  }
  const heading = body.find((l) => /^#{1,6}\s+\S/.test(l));
  if (heading !== undefined) return heading.replace(/^#{1,6}\s+/, '').trim();
  return body.find((l) => l.trim() !== '')?.trim() ?? '';
}

export function readSkill(entry: SkillEntry): string {
  return readFileSync(entry.file, 'utf8');
}
