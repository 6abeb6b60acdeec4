import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeSkill } from '../../../../services/tools/skills/skill-store.ts';
import { createSkillTool, skillTool } from '../../../../services/tools/skills/skill-tool.ts';
import { toolSpec } from '../../../../services/tools/tool.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';
import { errorBody, testToolContext } from './tool-context.ts';

afterAll(cleanTempDirs);

function skillsFixture(): string {
  const dir = tempDir('ct-skills-');
  mkdirSync(join(dir, 'release'));
  writeFileSync(
    join(dir, 'release', 'SKILL.md'),
    '---\nname: release\ndescription: "Cut a release and publish it"\n---\n\n# Releasing\n\nRun scripts/release.sh.\n',
  );
  writeFileSync(join(dir, 'conventions.md'), '\n# Project conventions\n\nUse tabs.\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a skill');
  mkdirSync(join(dir, 'empty-dir'));
  return dir;
}

describe('skill tool', () => {
  const ctx = testToolContext(tempDir('ct-skill-ws-'));

  it('lists skills with their description or first heading', async () => {
    const dir = skillsFixture();
    const tool = createSkillTool({ skillsDir: () => dir });
    const result = await tool.execute({ action: 'list' }, ctx);
    expect(result.success).toBe(true);
    expect(result.output).toBe(
      '2 skill(s) available (load one with action "load"):\n- conventions: Project conventions\n- release: Cut a release and publish it',
    );
    expect(result.metadata.skills).toEqual(['conventions', 'release']);
  });

  it('loads a skill as markdown', async () => {
    const dir = skillsFixture();
    const tool = createSkillTool({ skillsDir: () => dir });
    const fromDir = await tool.execute({ action: 'load', skill_name: 'release' }, ctx);
    expect(fromDir.success).toBe(true);
    expect(fromDir.output).toContain('Run scripts/release.sh.');
    expect(fromDir.output).toContain(`relative to ${join(dir, 'release')}`);
    const fromFile = await tool.execute({ action: 'load', skill_name: 'conventions' }, ctx);
    expect(fromFile.output).toBe('Skill "conventions":\n\n\n# Project conventions\n\nUse tabs.\n');
  });

  it('names the available skills when the requested one does not exist', async () => {
    const dir = skillsFixture();
    const tool = createSkillTool({ skillsDir: () => dir });
    const result = await tool.execute({ action: 'load', skill_name: '../release' }, ctx);
    expect(result.success).toBe(false);
    expect(errorBody(result.output)).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Skill "../release" not found. Available skills: conventions, release',
      available: ['conventions', 'release'],
    });
  });

  it('requires skill_name for load', async () => {
    const tool = createSkillTool({ skillsDir: () => skillsFixture() });
    const result = await tool.execute({ action: 'load' }, ctx);
    expect(errorBody(result.output)).toMatchObject({ code: 'INVALID_ARGUMENT', missing_fields: ['skill_name'] });
  });

  it('says how to add skills when there are none', async () => {
    const missing = join(tempDir('ct-skills-'), 'missing');
    const tool = createSkillTool({ skillsDir: () => missing });
    const result = await tool.execute({ action: 'list' }, ctx);
    expect(result.output).toBe(`No skills are installed. Add one as ${missing}/<name>/SKILL.md or ${missing}/<name>.md.`);
    const load = await tool.execute({ action: 'load', skill_name: 'x' }, ctx);
    expect(errorBody(load.output).message).toBe(`Skill "x" not found. No skills are installed in ${missing}`);
  });

  it('finds skills through CODETETHER_SKILLS_DIR by default', async () => {
    const dir = skillsFixture();
    const previous = process.env.CODETETHER_SKILLS_DIR;
    process.env.CODETETHER_SKILLS_DIR = dir;
    try {
      const result = await skillTool.execute({ action: 'list' }, ctx);
      expect(result.metadata).toMatchObject({ skills: ['conventions', 'release'], skills_dir: dir });
    } finally {
      if (previous === undefined) delete process.env.CODETETHER_SKILLS_DIR;
      else process.env.CODETETHER_SKILLS_DIR = previous;
    }
  });

  it('summarizes from front matter, heading or first line', () => {
    expect(summarizeSkill('---\ndescription: Does things\n---\n# Title')).toBe('Does things');
    expect(summarizeSkill('---\nname: x\n---\n\n## Heading two\ntext')).toBe('Heading two');
    expect(summarizeSkill('\n\nJust a line\nmore')).toBe('Just a line');
  });

  it('exposes a stable model-visible schema', () => {
    expect(toolSpec(skillTool)).toMatchSnapshot();
  });
});
