// rlm_grep, rlm_count and rlm_slice over generated logs of 100 MB (and 1 GB
// with BENCH_RLM_1GB=1), beside GNU grep and GNU sed on the same file in the
// same run: time per call and peak RSS of the process doing it. RLM reads its
// content from the blob store in Postgres (cold) or from the worker's local
// copy (warm, what every scan after the first reads); each case runs in its
// own process (`bench/rlm-scan/case.ts`), each GNU tool under /usr/bin/time.
//
//   node bench/rlm-scan.ts     (BENCH_RUNS=3; DATABASE_URL for a real Postgres, else embedded PGlite)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema } from '../services/config/schema.ts';
import { ContentCache } from '../services/rlm/content-cache.ts';
import { ingestContent } from '../services/rlm/ingest.ts';
import type { RlmContent } from '../services/rlm/types.ts';
import { BlobStore } from '../services/store/blob-store.ts';
import { openDb } from '../services/store/db.ts';
import { writeLog } from '../test/helpers/rlm.ts';
import { Cleanups } from './agent-step/cleanups.ts';
import type { ScanCase } from './rlm-scan/case.ts';
import { summarize, table, type Summary } from './stats.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const sizes = [{ label: '100 MB', bytes: 100 * 1024 * 1024 }, ...(process.env.BENCH_RLM_1GB === '1' ? [{ label: '1 GB', bytes: 1024 ** 3 }] : [])];
const databaseUrl = process.env.DATABASE_URL;
const cleanups = new Cleanups();
const caseEntry = join(import.meta.dirname, 'rlm-scan', 'case.ts');

interface Row {
  readonly name: string;
  readonly summary: Summary;
  readonly note: string;
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB peak RSS`;

function rlmCase(spec: ScanCase, root: string): { summary: Summary; rssKb: number; output: string } {
  const file = join(root, `case-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const out = execFileSync(process.execPath, [caseEntry, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
  const parsed = JSON.parse(out) as { samples: number[]; maxRssKb: number; output: string };
  return { summary: summarize(parsed.samples), rssKb: parsed.maxRssKb, output: parsed.output };
}

/** A GNU tool `runs` times under /usr/bin/time: wall time and max RSS of each run. */
function gnuCase(command: string, args: readonly string[]): { summary: Summary; rssKb: number; output: string } {
  const samples: number[] = [];
  let rssKb = 0;
  let output = '';
  for (let i = 0; i < runs; i += 1) {
    const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const [seconds, kb] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    samples.push(seconds! * 1000);
    rssKb = Math.max(rssKb, kb!);
    output = result.stdout;
  }
  return { summary: summarize(samples), rssKb, output };
}

function expectSame(what: string, ours: string, theirs: string): void {
  if (!ours.includes(theirs.trim().split('\n')[0]!.slice(0, 60))) {
    throw new Error(`${what}: RLM and GNU disagree\nRLM: ${ours.slice(0, 300)}\nGNU: ${theirs.slice(0, 300)}`);
  }
}

async function measure(size: { label: string; bytes: number }, root: string): Promise<Row[]> {
  const dir = join(root, size.label.replace(' ', ''));
  const dataDir = join(dir, 'data');
  const cacheDir = join(dir, 'cache');
  mkdirSync(dataDir, { recursive: true });
  const log = join(dir, 'app.log');
  process.stderr.write(`${size.label}: writing ${log}…\n`);
  const needleAt = Math.floor((size.bytes / 75) * 0.7);
  const { lines } = await writeLog(log, size.bytes, needleAt);
  const db = await openDb({ config: configSchema.parse(databaseUrl ? { database: { url: databaseUrl } } : {}), dataDir });
  cleanups.add(`close the ${size.label} database`, () => db.close());
  process.stderr.write(`${size.label}: ingesting ${statSync(log).size} bytes, ${lines} lines into ${db.kind}…\n`);
  const started = performance.now();
  const content: RlmContent = await ingestContent({ blobs: new BlobStore(db), cache: new ContentCache(cacheDir) }, {
    source: { kind: 'files', cwd: dir, patterns: ['app.log'] },
    contentType: 'auto',
  });
  const ingestMs = performance.now() - started;
  const base = { content, dataDir, runs, ...(databaseUrl ? { databaseUrl } : {}) };
  const warm = { ...base, cacheDir };
  const sliceFrom = needleAt - 100;
  const cases: Array<{ name: string; rlm: ScanCase; gnu: [string, string[]]; same?: boolean }> = [
    { name: 'grep literal (needle)', rlm: { ...warm, tool: 'rlm_grep', input: { pattern: 'NEEDLE-42' } }, gnu: ['grep', ['-n', 'NEEDLE-42', log]], same: true },
    { name: 'grep regex (needle)', rlm: { ...warm, tool: 'rlm_grep', input: { pattern: 'NEEDLE-\\d+ charge' } }, gnu: ['grep', ['-nE', 'NEEDLE-[0-9]+ charge', log]], same: true },
    { name: 'count regex (every 10th line)', rlm: { ...warm, tool: 'rlm_count', input: { pattern: 'id=\\d*0 ' } }, gnu: ['grep', ['-cE', 'id=[0-9]*0 ', log]] },
    { name: 'slice 200 lines at 70 %', rlm: { ...warm, tool: 'rlm_slice', input: { start_line: sliceFrom, end_line: sliceFrom + 199 } }, gnu: ['sed', ['-n', `${sliceFrom},${sliceFrom + 199}p;${sliceFrom + 199}q`, log]] },
    { name: 'slice 200 lines at the end', rlm: { ...warm, tool: 'rlm_slice', input: { start_line: lines - 199, end_line: lines } }, gnu: ['sed', ['-n', `${lines - 199},${lines}p`, log]] },
  ];
  const rows: Row[] = [];
  for (const c of cases) {
    process.stderr.write(`${size.label}: ${c.name}…\n`);
    const gnu = gnuCase(...c.gnu);
    const ours = rlmCase(c.rlm, dir);
    const cold = c.rlm.tool === 'rlm_count' ? undefined : rlmCase({ ...c.rlm, cacheDir: undefined } as ScanCase, dir);
    if (c.same) expectSame(c.name, ours.output, gnu.output.replace(/^(\d+):/, '$1:'));
    const ratio = (s: Summary) => {
      const r = s.median / Math.max(0.1, gnu.summary.median);
      return `×${r.toFixed(r < 1 ? 2 : 1)} GNU`;
    };
    rows.push({ name: `${size.label} ${c.name}: GNU ${c.gnu[0]}`, summary: gnu.summary, note: mb(gnu.rssKb) });
    rows.push({ name: `${size.label} ${c.name}: RLM warm`, summary: ours.summary, note: `${mb(ours.rssKb)}; ${ratio(ours.summary)}` });
    if (cold) rows.push({ name: `${size.label} ${c.name}: RLM cold`, summary: cold.summary, note: `${mb(cold.rssKb)}; ${ratio(cold.summary)}` });
  }
  rows.unshift({ name: `${size.label} ingest (once)`, summary: summarize([ingestMs]), note: `${lines} lines, ${content.chunkCount} chunks; ${mb(process.resourceUsage().maxRSS)} (bench process)` });
  rmSync(log, { force: true });
  return rows;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'ct-bench-rlm-'));
  cleanups.add('remove the temp dir', () => rmSync(root, { recursive: true, force: true }));
  const rows: Row[] = [];
  for (const size of sizes) rows.push(...(await measure(size, root)));
  process.stdout.write(
    `RLM scans over generated logs (about 75 bytes a line, one needle at 70 %), ${runs} runs per case; Node ${process.version}, ` +
      `database ${databaseUrl ? 'postgres (DATABASE_URL)' : 'embedded PGlite'}. warm = from the worker's local copy, cold = from the blob store; ` +
      'times in ms; GNU grep/sed and RLM on the same file in the same run.\n' +
      `${table(rows)}\n`,
  );
}

try {
  await main();
} catch (err) {
  process.stderr.write(`rlm-scan failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  await cleanups.runAll().catch(() => {
    process.exitCode = 1;
  });
}
