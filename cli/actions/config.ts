import { stringify as stringifyToml } from 'smol-toml';
import { initConfigFile, setConfigValues, settableKeyList } from '../../services/config/edit.ts';
import { loadConfig } from '../../services/config/load.ts';
import { resolvePaths } from '../../services/config/paths.ts';
import { redactTable } from '../../services/config/secrets-guard.ts';
import type { ConfigArgs } from '../commands/config.ts';
import { UsageError } from '../errors.ts';
import { printLine } from './print.ts';

export async function runConfig(args: ConfigArgs): Promise<void> {
  const paths = resolvePaths();
  const sets = args.set ?? [];
  if (!args.show && !args.init && sets.length === 0 && !args.path) {
    throw new UsageError(
      'config needs --show, --init, --set key=value or --path.\nSettable keys:\n  ' + settableKeyList().join('\n  '),
    );
  }
  if (args.init) {
    initConfigFile(paths.configFile, args.force === true);
    printLine(`wrote ${paths.configFile}`);
  }
  if (sets.length > 0) {
    setConfigValues(paths.configFile, sets);
    printLine(`updated ${paths.configFile}`);
  }
  if (args.path) {
    const { sources } = loadConfig(paths);
    if (args.json) printLine(JSON.stringify({ configFile: paths.configFile, dataDir: paths.dataDir, sources }, null, 2));
    else printLine([`config file: ${paths.configFile}`, `data dir:    ${paths.dataDir}`, ...sources.map((s) => `read:        ${s}`)].join('\n'));
  }
  if (args.show) {
    const { config } = loadConfig(paths);
    const safe = redactTable(config);
    printLine(args.json ? JSON.stringify(safe, null, 2) : stringifyToml(safe));
  }
}
