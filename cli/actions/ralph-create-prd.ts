import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { prdTemplate } from '../../services/ralph/create-prd.ts';
import { prdJson, writePrdFile } from '../../services/ralph/prd-file.ts';
import type { RalphArgs } from '../commands/ralph.ts';
import { UsageError } from '../errors.ts';

/** Print a PRD template, or write it (atomically) with -o; its quality checks fit the project in --dir. */
export async function runRalphCreatePrd(args: RalphArgs): Promise<void> {
  const dir = resolve(process.cwd(), args.dir ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--dir ${args.dir}: no such directory`);
  const { prd, kind } = prdTemplate({
    dir: realpathSync(dir),
    ...(args.projectName !== undefined ? { project: args.projectName } : {}),
    ...(args.feature !== undefined ? { feature: args.feature } : {}),
  });
  const kindName = { npm: 'an npm', cargo: 'a Cargo', go: 'a Go', pytest: 'a pytest' } as const;
  const found = kind ? `quality checks for ${kindName[kind]} project` : 'no project recognised here, so no quality checks';
  if (args.output === undefined) {
    process.stdout.write(prdJson(prd));
    process.stderr.write(`codetether: ${found}. Save this to prd.json and run: codetether ralph run\n`);
    return;
  }
  const target = resolve(process.cwd(), args.output);
  if (existsSync(target) && args.force !== true) throw new UsageError(`${target} exists; pass --force to overwrite it`);
  await writePrdFile(target, prd);
  process.stderr.write(`codetether: wrote ${target} (${found}). Edit its stories, then run: codetether ralph run --prd ${args.output}\n`);
}
