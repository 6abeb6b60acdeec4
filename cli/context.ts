import { loadConfig, type LoadedConfig } from '../services/config/load.ts';
import { resolvePaths, type Paths } from '../services/config/paths.ts';
import { createLogger, isLogLevel, type LogLevel, type Logger } from '../services/log/logger.ts';

export interface CliContext {
  readonly paths: Paths;
  readonly loaded: LoadedConfig;
  readonly logger: Logger;
}

export interface GlobalArgs {
  readonly logLevel?: string | undefined;
}

/** What every command starts from: where things live, the effective config, a logger. */
export function cliContext(args: GlobalArgs, defaultLevel: LogLevel): CliContext {
  const paths = resolvePaths();
  const loaded = loadConfig(paths);
  const level = args.logLevel !== undefined && isLogLevel(args.logLevel) ? args.logLevel : defaultLevel;
  const env = args.logLevel !== undefined ? { ...process.env, CODETETHER_LOG_LEVEL: level } : process.env;
  return { paths, loaded, logger: createLogger(level, env) };
}
