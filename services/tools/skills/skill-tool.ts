import { z } from 'zod';
import { defineTool, ok, ToolError } from '../tool.ts';
import type { ToolDefinition } from '../tool.ts';
import { defaultSkillsDir, listSkills, readSkill, summarizeSkill } from './skill-store.ts';
import type { SkillEntry } from './skill-store.ts';

const parameters = z.object({
  action: z.enum(['list', 'load']).describe('"list" shows the installed skills; "load" returns one skill\'s instructions.'),
  skill_name: z.string().optional().describe('The skill to load (required for "load"), as shown by "list".'),
});

const description = [
  'Skills are markdown playbooks with instructions for specific tasks (release steps, project conventions, tool recipes).',
  'Call with action "list" to see the available skills and what each is for,',
  'then action "load" with skill_name to read one before doing the task it covers.',
].join(' ');

function describeList(skills: readonly SkillEntry[], root: string): string {
  if (skills.length === 0) {
    return `No skills are installed. Add one as ${root}/<name>/SKILL.md or ${root}/<name>.md.`;
  }
  const lines = skills.map((skill) => {
    const summary = summarizeSkill(readSkill(skill));
    return summary === '' ? `- ${skill.name}` : `- ${skill.name}: ${summary}`;
  });
  return [`${skills.length} skill(s) available (load one with action "load"):`, ...lines].join('\n');
}

export interface SkillToolOptions {
  /** Where skills live; read on every call so the environment can change. */
  readonly skillsDir?: () => string;
}

export function createSkillTool(options: SkillToolOptions = {}): ToolDefinition {
  const skillsDir = options.skillsDir ?? (() => defaultSkillsDir());
  return defineTool({
    id: 'skill',
    description,
    parameters,
    async execute(params) {
      const root = skillsDir();
      const skills = listSkills(root);
      if (params.action === 'list') {
        return ok(describeList(skills, root), { skills: skills.map((s) => s.name), skills_dir: root });
      }
      const name = params.skill_name?.trim() ?? '';
      if (name === '') {
        throw new ToolError('INVALID_ARGUMENT', 'skill_name is required when action is "load"', {
          missing_fields: ['skill_name'],
        });
      }
      const skill = skills.find((s) => s.name === name);
      if (skill === undefined) {
        const available = skills.map((s) => s.name);
        const hint = available.length > 0 ? `Available skills: ${available.join(', ')}` : `No skills are installed in ${root}`;
        throw new ToolError('NOT_FOUND', `Skill "${name}" not found. ${hint}`, { available });
      }
      const markdown = readSkill(skill);
      const location = skill.dir !== undefined ? `\n(Files referenced by this skill are relative to ${skill.dir})` : '';
      return ok(`Skill "${skill.name}":${location}\n\n${markdown}`, {
        skill: skill.name,
        path: skill.file,
        ...(skill.dir !== undefined ? { dir: skill.dir } : {}),
      });
    },
  });
}

export const skillTool = createSkillTool();
