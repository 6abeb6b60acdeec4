import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { z } from 'zod';
import { applyEnvOverrides } from './env-overrides.ts';
import { mergeTables, type Table } from './merge.ts';
import type { Paths } from './paths.ts';
import { configSchema, type Config } from './schema.ts';

type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface LoadedConfig {
  readonly config: Config;
  /** Files that were found and merged, lowest precedence first. */
  readonly sources: readonly string[];
  /** The merged table before defaults were applied: what the files and env actually say. */
  readonly raw: Table;
}

/** Global config, then the project's own files, lowest precedence first. */
export function configFiles(paths: Paths, cwd: string): string[] {
  return [paths.configFile, join(cwd, 'codetether.toml'), join(cwd, '.codetether', 'config.toml')];
}

export function formatIssues(error: z.ZodError, where: string): string {
  const lines = error.issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `  ${key}: ${issue.message}`;
  });
  return `invalid configuration in ${where}:\n${lines.join('\n')}`;
}

export function readConfigFile(file: string): Table {
  const text = readFileSync(file, 'utf8');
  let table: Table;
  try {
    table = parseToml(text) as Table;
  } catch (err) {
    throw new ConfigError(`cannot parse ${file}: ${(err as Error).message}`);
  }
  const checked = configSchema.safeParse(table);
  if (!checked.success) throw new ConfigError(formatIssues(checked.error, file));
  return table;
}

export function loadConfig(paths: Paths, options: { cwd?: string; env?: Env } = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const sources: string[] = [];
  let raw: Table = {};
  for (const file of configFiles(paths, cwd)) {
    if (!existsSync(file)) continue;
    raw = mergeTables(raw, readConfigFile(file));
    sources.push(file);
  }
  let withEnv: Table;
  try {
    withEnv = applyEnvOverrides(raw, env);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const parsed = configSchema.safeParse(withEnv);
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error, 'environment overrides'));
  return { config: parsed.data, sources, raw: withEnv };
}

/** `[default] model` wins over the original's top-level `default_model`. */
export function defaultModel(config: Config): string | undefined {
  return config.default.model ?? config.default_model;
}

export function temporalAddress(config: Config): string | undefined {
  const address = config.temporal.address?.trim();
  return address === undefined || address === '' ? undefined : address;
}

export function databaseUrl(config: Config): string | undefined {
  const url = config.database.url?.trim();
  return url === undefined || url === '' ? undefined : url;
}
