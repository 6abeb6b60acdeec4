import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { initConfigFile, parseAssignment, setConfigValues } from '../../services/config/edit.ts';
import { ConfigError, databaseUrl, defaultModel, loadConfig, temporalAddress } from '../../services/config/load.ts';
import { resolvePaths, type Paths } from '../../services/config/paths.ts';
import { redactTable } from '../../services/config/secrets-guard.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

afterAll(cleanTempDirs);

function setup(files: Record<string, string> = {}): { paths: Paths; cwd: string } {
  const root = tempDir('ct-config-');
  const paths = resolvePaths({ HOME: root });
  const cwd = join(root, 'project');
  mkdirSync(cwd, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const file = name === 'global' ? paths.configFile : join(cwd, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  return { paths, cwd };
}

describe('paths', () => {
  it('follows XDG and the CodeTether overrides', () => {
    expect(resolvePaths({ HOME: '/h' })).toEqual({
      configDir: '/h/.config/codetether-agent',
      configFile: '/h/.config/codetether-agent/config.toml',
      dataDir: '/h/.local/share/codetether',
    });
    const xdg = resolvePaths({ HOME: '/h', XDG_CONFIG_HOME: '/x/c', XDG_DATA_HOME: '/x/d' });
    expect(xdg.configFile).toBe('/x/c/codetether-agent/config.toml');
    expect(xdg.dataDir).toBe('/x/d/codetether');
    const explicit = resolvePaths({ HOME: '/h', CODETETHER_DATA_DIR: '/d', CODETETHER_CONFIG_DIR: '/c' });
    expect(explicit.dataDir).toBe('/d');
    expect(explicit.configFile).toBe('/c/config.toml');
  });
});

describe('loading', () => {
  it('gives defaults when no file exists', () => {
    const { paths, cwd } = setup();
    const { config, sources } = loadConfig(paths, { cwd, env: {} });
    expect(sources).toEqual([]);
    expect(config.temporal).toMatchObject({ namespace: 'default', task_queue: 'codetether', ui: false });
    expect(config.server).toEqual({ hostname: '127.0.0.1', port: 4096, grpc_port: 50051 });
    expect(temporalAddress(config)).toBeUndefined();
    expect(databaseUrl(config)).toBeUndefined();
  });

  it('merges global, project and env in that order', () => {
    const { paths, cwd } = setup({
      global: '[temporal]\naddress = "global:7233"\nnamespace = "g"\n[server]\nport = 5000\n',
      'codetether.toml': '[temporal]\nnamespace = "project"\n',
      '.codetether/config.toml': '[server]\nport = 6000\n',
    });
    const { config, sources } = loadConfig(paths, { cwd, env: { TEMPORAL_NAMESPACE: 'from-env' } });
    expect(sources).toHaveLength(3);
    expect(temporalAddress(config)).toBe('global:7233');
    expect(config.temporal.namespace).toBe('from-env');
    expect(config.server.port).toBe(6000);
  });

  it('coerces typed env overrides and rejects bad ones', () => {
    const { paths, cwd } = setup();
    const { config } = loadConfig(paths, { cwd, env: { CODETETHER_GRPC_PORT: '6001', TEMPORAL_TLS: 'yes' } });
    expect(config.server.grpc_port).toBe(6001);
    expect(config.temporal.tls?.enabled).toBe(true);
    expect(() => loadConfig(paths, { cwd, env: { CODETETHER_PORT: 'eighty' } })).toThrow(/CODETETHER_PORT: expected a number/);
  });

  it('prefers [default] model over the original top-level default_model', () => {
    const { paths, cwd } = setup({ global: 'default_model = "old/one"\n' });
    expect(defaultModel(loadConfig(paths, { cwd, env: {} }).config)).toBe('old/one');
    const both = setup({ global: 'default_model = "old/one"\n[default]\nmodel = "new/one"\n' });
    expect(defaultModel(loadConfig(both.paths, { cwd: both.cwd, env: {} }).config)).toBe('new/one');
    expect(defaultModel(loadConfig(both.paths, { cwd: both.cwd, env: { CODETETHER_DEFAULT_MODEL: 'env/m' } }).config)).toBe(
      'env/m',
    );
  });

  it('names the file and key of an invalid value', () => {
    const { paths, cwd } = setup({ global: '[server]\nport = "http"\n' });
    let error: unknown;
    try {
      loadConfig(paths, { cwd, env: {} });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(paths.configFile);
    expect((error as Error).message).toContain('server.port');
  });

  it('names the file of a TOML syntax error', () => {
    const { paths, cwd } = setup({ 'codetether.toml': '[server\nport = 1' });
    expect(() => loadConfig(paths, { cwd, env: {} })).toThrow(/cannot parse .*codetether\.toml/);
  });

  it('keeps sections it does not know', () => {
    const { paths, cwd } = setup({ global: '[a2a]\nserver_url = "https://x"\n[telemetry]\ncrash_reporting = false\n' });
    const { config } = loadConfig(paths, { cwd, env: {} });
    expect((config as Record<string, unknown>).a2a).toEqual({ server_url: 'https://x' });
  });
});

describe('editing', () => {
  it('sets typed values and keeps the rest of the file', () => {
    const { paths } = setup({ global: '[ui]\ntheme = "dark"\n' });
    setConfigValues(paths.configFile, ['server.port=7000', 'temporal.ui=on', 'default_model=anthropic/claude']);
    const table = parseToml(readFileSync(paths.configFile, 'utf8'));
    expect(table).toEqual({
      ui: { theme: 'dark' },
      server: { port: 7000 },
      temporal: { ui: true },
      default: { model: 'anthropic/claude' },
    });
    expect(statSync(paths.configFile).mode & 0o777).toBe(0o600);
  });

  it('accepts provider endpoints by pattern', () => {
    expect(parseAssignment('providers.local.base_url=http://127.0.0.1:11434/v1')).toEqual({
      path: ['providers', 'local', 'base_url'],
      value: 'http://127.0.0.1:11434/v1',
    });
  });

  it('refuses secrets, passwords in URLs, unknown keys and mistyped values, writing nothing', () => {
    const { paths } = setup({ global: '[ui]\ntheme = "dark"\n' });
    const before = readFileSync(paths.configFile, 'utf8');
    expect(() => setConfigValues(paths.configFile, ['providers.openai.api_key=sk-123'])).toThrow(/never writes secrets/);
    expect(() => setConfigValues(paths.configFile, ['database.url=postgres://u:pw@h/db'])).toThrow(/contains a password/);
    expect(() => setConfigValues(paths.configFile, ['nonsense.key=1'])).toThrow(/unknown config key.*\n.*default\.model/s);
    expect(() => setConfigValues(paths.configFile, ['server.port=http'])).toThrow(/expected a number/);
    expect(() => setConfigValues(paths.configFile, ['server.port=70000'])).toThrow(/server\.port/);
    expect(() => setConfigValues(paths.configFile, ['no-equals-sign'])).toThrow(/expected key=value/);
    expect(readFileSync(paths.configFile, 'utf8')).toBe(before);
  });

  it('init writes a template that loads, and does not overwrite without force', () => {
    const { paths, cwd } = setup();
    initConfigFile(paths.configFile, false);
    expect(loadConfig(paths, { cwd, env: {} }).config.server.port).toBe(4096);
    writeFileSync(paths.configFile, '[server]\nport = 1\n');
    expect(() => initConfigFile(paths.configFile, false)).toThrow(/already exists/);
    initConfigFile(paths.configFile, true);
    expect(readFileSync(paths.configFile, 'utf8')).toContain('Secrets never go here');
  });

  it('masks secret-named keys and URL passwords when printed', () => {
    expect(
      redactTable({
        database: { url: 'postgres://u:hunter2@db/x' },
        providers: { openai: { api_key: 'sk-1', base_url: 'https://api.openai.com/v1' } },
      }),
    ).toEqual({
      database: { url: 'postgres://u:***@db/x' },
      providers: { openai: { api_key: '***', base_url: 'https://api.openai.com/v1' } },
    });
  });
});
