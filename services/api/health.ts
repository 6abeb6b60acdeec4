export type ComponentHealth = {
  readonly ok: boolean;
  readonly detail?: string;
} & Readonly<Record<string, unknown>>;

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly components: Readonly<Record<string, ComponentHealth>>;
}

export type HealthCheck = () => Promise<ComponentHealth>;

async function settle(check: HealthCheck, timeoutMs: number): Promise<ComponentHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ComponentHealth>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Run every component check at once, each with its own timeout. */
export async function checkHealth(
  version: string,
  checks: Readonly<Record<string, HealthCheck>>,
  timeoutMs = 2_000,
): Promise<HealthReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => settle(checks[name]!, timeoutMs)));
  const components = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
  return { status: results.every((r) => r.ok) ? 'ok' : 'degraded', version, components };
}
