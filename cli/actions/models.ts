import { listModels } from '../../services/providers/list-models.ts';
import { openSecretStore } from '../../services/secrets/open-store.ts';
import type { ModelsArgs } from '../commands/models.ts';
import { cliContext } from '../context.ts';

function thousands(n: number | undefined): string {
  return n === undefined ? '' : `${Math.round(n / 1000)}k`;
}

export async function runModels(args: ModelsArgs): Promise<void> {
  const ctx = cliContext(args, 'warn');
  const secrets = openSecretStore(process.env, (message) => process.stderr.write(`codetether: warning: ${message}\n`));
  const groups = await listModels({
    config: ctx.loaded.config,
    secrets,
    env: process.env,
    ...(args.provider ? { provider: args.provider } : {}),
  });
  if (args.json) {
    process.stdout.write(`${JSON.stringify(groups.flatMap((g) => g.models), null, 2)}\n`);
    for (const g of groups) if (g.error) process.stderr.write(`codetether: warning: ${g.provider}: ${g.error}\n`);
    return;
  }
  const lines: string[] = [];
  let count = 0;
  for (const group of groups) {
    lines.push(`${group.provider}`);
    if (group.error) lines.push(`  (unavailable: ${group.error})`);
    for (const m of group.models) {
      count += 1;
      const limits = [m.contextWindow ? `${thousands(m.contextWindow)} ctx` : '', m.maxOutputTokens ? `${thousands(m.maxOutputTokens)} out` : '']
        .filter(Boolean)
        .join('  ');
      lines.push(`  ${m.id}${limits ? `  ${limits}` : ''}`);
    }
  }
  if (groups.length === 0) {
    lines.push('No providers configured. Store a key with `codetether auth set <provider>`, or add [providers.<name>] base_url.');
  }
  lines.push(`${count} models from ${groups.filter((g) => g.models.length > 0).length} providers`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
