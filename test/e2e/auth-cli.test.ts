import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { containsSecret } from '../../services/secrets/redact.ts';
import { FakeGitHub, fakeUserCode } from '../fake-github/server.ts';
import { FakeVault } from '../fake-vault/server.ts';
import { cliEntry, cliEnv, type CliResult } from '../helpers/cli.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

let vault: FakeVault;

beforeAll(async () => {
  vault = await FakeVault.start({ token: 'hvs.e2e-root-token-5150' });
});
afterAll(async () => {
  await vault.close();
  cleanTempDirs();
});
beforeEach(() => vault.failWith(undefined));

/** A user whose secrets live in the fake Vault, with nothing else secret-related in the environment. */
function userEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return cliEnv({
    HOME: tempDir('ct-auth-home-'),
    XDG_CONFIG_HOME: undefined,
    XDG_DATA_HOME: undefined,
    CODETETHER_CONFIG_DIR: undefined,
    CODETETHER_DATA_DIR: undefined,
    CODETETHER_SECRETS: undefined,
    VAULT_ADDR: vault.url,
    VAULT_TOKEN: vault.token,
    VAULT_NAMESPACE: undefined,
    VAULT_MOUNT: undefined,
    VAULT_SECRETS_PATH: undefined,
    CODETETHER_GITHUB_URL: undefined,
    CODETETHER_COPILOT_OAUTH_CLIENT_ID: undefined,
    ...extra,
  });
}

/** `codetether auth …` with stdin piped from the given text (not a terminal). */
function runAuth(args: readonly string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliResult> {
  const child = spawn(process.execPath, [cliEntry, 'auth', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.on('error', () => undefined);
  child.stdin.end(stdin);
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('codetether auth with Vault', () => {
  it('stores a piped key without ever printing it, lists fields only, and removes it', async () => {
    const key = 'sk-e2e-piped-key-0123456789';
    // DEBUG=* would make node-vault log request bodies if it were not silenced.
    const env = userEnv({ DEBUG: '*' });
    const set = await runAuth(['set', 'openai', '--base-url', 'https://llm.internal/v1', '--organization', 'org-7'], env, `${key}\n`);
    expect(set.code).toBe(0);
    expect(set.stdout).toBe('stored openai in Vault at secret/codetether/providers/openai\n');
    expect(containsSecret(set.stdout + set.stderr, [key, vault.token])).toBe(false);
    expect(vault.stored('secret', 'codetether/providers/openai')).toEqual({
      api_key: key,
      base_url: 'https://llm.internal/v1',
      organization: 'org-7',
    });

    const anthropicKey = 'sk-ant-e2e-987654321';
    expect((await runAuth(['set', 'anthropic'], env, anthropicKey)).code).toBe(0);

    const list = await runAuth(['list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/anthropic\s+api_key\n/);
    expect(list.stdout).toMatch(/openai\s+api_key, base_url, organization\n/);
    expect(containsSecret(list.stdout + list.stderr, [key, anthropicKey, vault.token])).toBe(false);

    const json = await runAuth(['list', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({
      store: 'vault',
      providers: [
        { name: 'anthropic', fields: ['api_key'] },
        { name: 'openai', fields: ['api_key', 'base_url', 'organization'] },
      ],
    });
    expect(containsSecret(json.stdout, [key, anthropicKey])).toBe(false);

    const removed = await runAuth(['remove', 'openai'], env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe('removed openai from Vault at secret/codetether/providers/openai\n');
    expect(vault.stored('secret', 'codetether/providers/openai')).toBeUndefined();
    expect(JSON.parse((await runAuth(['list', '--json'], env)).stdout).providers).toEqual([{ name: 'anthropic', fields: ['api_key'] }]);
    expect((await runAuth(['remove', 'openai'], env)).stdout).toContain('nothing stored for openai');
  });

  // util-linux `script` gives the CLI a real pseudo-terminal, where a cooked-mode read would echo the key.
  const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
  (hasScript ? it : it.skip)('reads a key typed at a terminal without echoing it', async () => {
    const key = 'sk-e2e-typed-at-tty-8080';
    const child = spawn('script', ['-qfec', `'${process.execPath}' '${cliEntry}' auth set openai`, '/dev/null'], {
      env: userEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let typed = false;
    const onOutput = (d: Buffer): void => {
      output += d.toString();
      // Type only once the prompt is up, i.e. after the CLI switched the terminal to raw mode.
      if (!typed && output.includes('(not shown)')) {
        typed = true;
        child.stdin.write(`${key}\r`);
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(output).toContain('stored openai in Vault at secret/codetether/providers/openai');
    expect(containsSecret(output, [key])).toBe(false);
    expect(vault.stored('secret', 'codetether/providers/openai')?.api_key).toBe(key);
  });

  it('explains a refused token and a failing Vault without printing the token or the key', async () => {
    const key = 'sk-e2e-not-stored-42424242';
    const badToken = 'hvs.e2e-wrong-token-31337';
    const refused = await runAuth(['set', 'openai'], userEnv({ VAULT_TOKEN: badToken }), key);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('denied writing secret/codetether/providers/openai');
    expect(refused.stderr).toContain('VAULT_TOKEN');
    expect(containsSecret(refused.stdout + refused.stderr, [key, badToken, vault.token])).toBe(false);

    vault.failWith(500);
    const failed = await runAuth(['list'], userEnv());
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('(500');
    expect(containsSecret(failed.stdout + failed.stderr, [vault.token])).toBe(false);
  });

  it('says how to set up secrets before asking for a key when no store is configured', async () => {
    const noStore = await runAuth(['set', 'openai'], userEnv({ VAULT_ADDR: undefined, VAULT_TOKEN: undefined }), 'sk-unused');
    expect(noStore.code).toBe(1);
    expect(noStore.stderr).toContain('VAULT_ADDR and VAULT_TOKEN');
    expect(noStore.stderr).toContain('codetether auth set openai');
    expect(noStore.stderr).toContain('CODETETHER_SECRETS=env');

    const envMode = await runAuth(['set', 'openai'], userEnv({ CODETETHER_SECRETS: 'env' }), 'sk-unused');
    expect(envMode.code).toBe(1);
    expect(envMode.stderr).toContain('cannot be stored while CODETETHER_SECRETS=env');
  });

  it('lists environment keys in development mode, with its warning, never the values', async () => {
    const key = 'sk-dev-env-key-555';
    const result = await runAuth(['list'], userEnv({ CODETETHER_SECRETS: 'env', OPENAI_API_KEY: key }));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/openai\s+api_key/);
    expect(result.stderr).toContain('warning: provider API keys come from environment variables');
    expect(containsSecret(result.stdout + result.stderr, [key])).toBe(false);
  });

  it('rejects an empty key and a bad provider name as usage errors', async () => {
    expect((await runAuth(['set', 'openai'], userEnv(), '\n')).code).toBe(2);
    const badName = await runAuth(['set', '../sys'], userEnv(), 'k');
    expect(badName.code).not.toBe(0);
    expect(badName.stderr).toContain('not a provider name');
  });
});

describe('codetether auth copilot', () => {
  it('runs the device flow through pending and slow_down and stores the token in Vault', async () => {
    const token = 'gho_e2e_copilot_token_abcdef';
    const github = await FakeGitHub.start({
      clientId: 'Iv1.e2e',
      interval: 0,
      steps: [{ kind: 'authorization_pending' }, { kind: 'slow_down', interval: 1 }, { kind: 'token', token }],
    });
    try {
      const result = await runAuth(
        ['copilot'],
        userEnv({ CODETETHER_GITHUB_URL: github.url, CODETETHER_COPILOT_OAUTH_CLIENT_ID: 'Iv1.e2e' }),
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Open ${github.url}/login/device and enter the code ${fakeUserCode}`);
      expect(result.stdout).toContain('stored github-copilot in Vault at secret/codetether/providers/github-copilot');
      expect(containsSecret(result.stdout, [token])).toBe(false);
      expect(vault.stored('secret', 'codetether/providers/github-copilot')).toEqual({ api_key: token });

      const polls = github.requests.filter((r) => r.path === '/login/oauth/access_token');
      expect(polls).toHaveLength(3);
      // interval 0 + 3 s margin twice, then the slow_down interval of 1 s + 3 s.
      const gaps = polls.map((p, i) => p.at - (i === 0 ? github.requests[0]!.at : polls[i - 1]!.at));
      expect(gaps[0]).toBeGreaterThanOrEqual(2_900);
      expect(gaps[1]).toBeGreaterThanOrEqual(2_900);
      expect(gaps[2]).toBeGreaterThanOrEqual(3_900);
    } finally {
      await github.close();
    }
  });

  it('stores an enterprise token with its host under github-copilot-enterprise', async () => {
    const token = 'gho_e2e_enterprise_token_xyz';
    const github = await FakeGitHub.start({ clientId: 'Iv1.ghe', interval: 0, steps: [{ kind: 'token', token }] });
    try {
      const result = await runAuth(
        ['copilot', '--enterprise-url', 'https://ghe.example.com/', '--client-id', 'Iv1.ghe'],
        userEnv({ CODETETHER_GITHUB_URL: github.url }),
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('stored github-copilot-enterprise in Vault');
      expect(vault.stored('secret', 'codetether/providers/github-copilot-enterprise')).toEqual({
        api_key: token,
        enterpriseUrl: 'ghe.example.com',
      });
    } finally {
      await github.close();
    }
  });

  it('needs a client id', async () => {
    const result = await runAuth(['copilot'], userEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CODETETHER_COPILOT_OAUTH_CLIENT_ID');
  });
});
