import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { RlmActivities } from '../../activities/rlm.ts';
import type { RlmContent } from '../../services/rlm/types.ts';
import type { RlmSettings } from './types.ts';

const retry = { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 5 };

/** One proxy per timeout profile: cheap reads as local activities, scans with heartbeats, ingest on the files' host. */
export function rlmActivities(settings: RlmSettings, ingestQueue?: string) {
  const heartbeatTimeout = `${settings.toolHeartbeatSeconds ?? 30} seconds`;
  const cheap = proxyLocalActivities<RlmActivities>({ startToCloseTimeout: '2 minutes', retry });
  const scans = proxyActivities<RlmActivities>({ startToCloseTimeout: '2 hours', heartbeatTimeout, retry });
  const reads = proxyActivities<RlmActivities>({ startToCloseTimeout: '5 minutes', heartbeatTimeout, retry });
  const ingest = proxyActivities<RlmActivities>({
    ...(ingestQueue !== undefined ? { taskQueue: ingestQueue } : {}),
    startToCloseTimeout: '6 hours',
    heartbeatTimeout,
    retry: { ...retry, nonRetryableErrorTypes: ['RlmInputError'] },
  });
  return {
    toolSpecs: cheap.rlmToolSpecs,
    head: cheap.rlmHead,
    tail: cheap.rlmTail,
    slice: cheap.rlmSlice,
    chunks: cheap.rlmChunks,
    grep: scans.rlmGrep,
    count: scans.rlmCount,
    context: reads.rlmContext,
    ingest: ingest.rlmIngest,
  };
}

export type RlmActivityProxies = ReturnType<typeof rlmActivities>;

/** What a tool call needs of the content: the refs and sizes, not the prompt's preview and map. */
export function forTools(content: RlmContent): RlmContent {
  return {
    ...content,
    preview: '',
    overview: [],
    sources: content.sources.slice(0, 1),
    moreSources: content.moreSources + Math.max(0, content.sources.length - 1),
  };
}
