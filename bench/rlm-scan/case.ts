// One measured case of bench/rlm-scan.ts, in its own process so its peak RSS
// is its own: open the database, run one rlm tool `runs` times on the
// ingested content, print {samples, maxRssKb, output} as JSON.
//
//   node bench/rlm-scan/case.ts <case.json>
import { readFileSync } from 'node:fs';
import { configSchema } from '../../services/config/schema.ts';
import { ContentCache } from '../../services/rlm/content-cache.ts';
import { RlmReader } from '../../services/rlm/reader.ts';
import { countTool } from '../../services/rlm/tools/count.ts';
import { grepTool } from '../../services/rlm/tools/grep.ts';
import { sliceTool } from '../../services/rlm/tools/line-tools.ts';
import type { RlmContent, RlmToolResult } from '../../services/rlm/types.ts';
import { BlobStore } from '../../services/store/blob-store.ts';
import { openDb } from '../../services/store/db.ts';

export interface ScanCase {
  readonly tool: 'rlm_grep' | 'rlm_slice' | 'rlm_count';
  readonly input: Record<string, unknown>;
  readonly content: RlmContent;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  /** Read through the local copy (warm) or from the database every time (cold). */
  readonly cacheDir?: string;
  readonly runs: number;
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ScanCase;
const db = await openDb({ config: configSchema.parse(spec.databaseUrl ? { database: { url: spec.databaseUrl } } : {}), dataDir: spec.dataDir });
try {
  const reader = new RlmReader(new BlobStore(db), spec.cacheDir !== undefined ? new ContentCache(spec.cacheDir) : undefined);
  const runtime = { signal: new AbortController().signal, heartbeat: () => undefined };
  const run = (): Promise<RlmToolResult> => {
    switch (spec.tool) {
      case 'rlm_grep':
        return grepTool(reader, spec.content, spec.input, runtime);
      case 'rlm_count':
        return countTool(reader, spec.content, spec.input, runtime);
      case 'rlm_slice':
        return sliceTool(reader, spec.content, spec.input);
    }
  };
  const samples: number[] = [];
  let output = '';
  for (let i = 0; i < spec.runs; i += 1) {
    const started = performance.now();
    const result = await run();
    samples.push(performance.now() - started);
    if (!result.success) throw new Error(`${spec.tool} failed: ${result.output}`);
    output = result.output;
  }
  process.stdout.write(`${JSON.stringify({ samples, maxRssKb: process.resourceUsage().maxRSS, output })}\n`);
} finally {
  await db.close();
}
