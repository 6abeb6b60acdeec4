// How fast `codetether --help` comes back, beside the floor: `node -e 0` on the
// same Node, measured alternately in the same run so machine noise hits both.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../services/config/package-root.ts';
import { summarize, table } from './stats.ts';

const runs = Number(process.env.BENCH_RUNS ?? 30);
const bin = join(packageRoot(), 'bin', 'codetether.js');
const env = { ...process.env, NODE_OPTIONS: '' };

const cases: ReadonlyArray<{ name: string; args: string[] }> = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
  { name: 'codetether --version', args: [bin, '--version'] },
  { name: 'codetether --help', args: [bin, '--help'] },
  { name: 'codetether serve --help', args: [bin, 'serve', '--help'] },
];

function once(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

for (const c of cases) once(c.args); // warm the file cache
const samples = new Map(cases.map((c) => [c.name, [] as number[]]));
for (let i = 0; i < runs; i += 1) for (const c of cases) samples.get(c.name)!.push(once(c.args));

const baseline = summarize(samples.get(cases[0]!.name)!);
const rows = cases.map((c) => {
  const summary = summarize(samples.get(c.name)!);
  const note = c === cases[0] ? '' : `+${(summary.median - baseline.median).toFixed(1)} ms over baseline (median)`;
  return { name: c.name, summary, note };
});
process.stdout.write(`CLI start-up, ${runs} runs each, Node ${process.version}, times in ms\n${table(rows)}\n`);
