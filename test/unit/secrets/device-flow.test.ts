import { afterEach, describe, expect, it } from '@jest/globals';
import { DeviceFlowError } from '../../../services/secrets/errors.ts';
import { enterpriseDomain, githubBaseUrl, pollSafetyMarginMs, runDeviceFlow, type DeviceCode } from '../../../services/secrets/github-device-flow.ts';
import { FakeGitHub, fakeUserCode, type PollStep } from '../../fake-github/server.ts';

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

/** Run the flow against the fake with a sleep that only records how long it was asked to wait. */
async function flow(steps: PollStep[], interval = 5): Promise<{ token: Promise<string>; waits: number[]; codes: DeviceCode[] }> {
  github = await FakeGitHub.start({ clientId: 'Iv1.test-client', steps, interval });
  const waits: number[] = [];
  const codes: DeviceCode[] = [];
  const token = runDeviceFlow({
    clientId: 'Iv1.test-client',
    baseUrl: github.url,
    onCode: (code) => codes.push(code),
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { token, waits, codes };
}

describe('GitHub device flow', () => {
  it('polls through pending and slow_down to the token, with the safety margin', async () => {
    const run = await flow([{ kind: 'authorization_pending' }, { kind: 'slow_down', interval: 10 }, { kind: 'slow_down' }, { kind: 'token', token: 'gho_fake_token_1' }]);
    expect(await run.token).toBe('gho_fake_token_1');
    expect(run.codes).toEqual([{ userCode: fakeUserCode, verificationUri: `${github!.url}/login/device`, expiresInSeconds: 900 }]);
    // 5 s interval, then the server's 10 s, then 10 + 5 s: each plus the 3 s margin.
    expect(run.waits).toEqual([5_000, 5_000, 10_000, 15_000].map((ms) => ms + pollSafetyMarginMs));

    const [start, ...polls] = github!.requests;
    expect(start).toMatchObject({ path: '/login/device/code', accept: 'application/json', body: { client_id: 'Iv1.test-client', scope: 'read:user' } });
    expect(polls).toHaveLength(4);
    for (const poll of polls) {
      expect(poll).toMatchObject({
        path: '/login/oauth/access_token',
        accept: 'application/json',
        body: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code' },
      });
    }
  });

  it('stops with GitHub\'s message on any other error', async () => {
    const run = await flow([{ kind: 'authorization_pending' }, { kind: 'error', error: 'access_denied', description: 'The user has denied your application access.' }]);
    const err = await run.token.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceFlowError);
    expect((err as Error).message).toContain('access_denied: The user has denied your application access.');
  });

  it('explains a client id GitHub does not know', async () => {
    github = await FakeGitHub.start({ clientId: 'Iv1.real', steps: [] });
    await expect(
      runDeviceFlow({ clientId: 'Iv1.wrong', baseUrl: github.url, onCode: () => undefined, sleep: async () => undefined }),
    ).rejects.toThrow(/--client-id/);
  });

  it('gives up when the code expires', async () => {
    let clock = 0;
    github = await FakeGitHub.start({ clientId: 'c', steps: Array.from({ length: 10 }, () => ({ kind: 'authorization_pending' as const })), expiresIn: 20 });
    const flowDone = runDeviceFlow({
      clientId: 'c',
      baseUrl: github.url,
      onCode: () => undefined,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    await expect(flowDone).rejects.toThrow(/expired before it was entered/);
  });

  it('finds the GitHub to talk to', () => {
    expect(githubBaseUrl(undefined, {})).toBe('https://github.com');
    expect(githubBaseUrl('https://ghe.example.com/', {})).toBe('https://ghe.example.com');
    expect(githubBaseUrl(undefined, { CODETETHER_GITHUB_URL: 'http://127.0.0.1:9999/' })).toBe('http://127.0.0.1:9999');
    expect(enterpriseDomain('ghe.example.com')).toBe('ghe.example.com');
    expect(() => enterpriseDomain('https:///')).toThrow(DeviceFlowError);
  });
});
