import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  for (const lease of (globalThis.__codetetherLeases ?? []).reverse()) await lease.release();
  const dataDir = process.env.CODETETHER_TEST_DATA_DIR;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
