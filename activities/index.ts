import type { PushConfigStore } from '../services/a2a/push-store.ts';
import type { AuditLog } from '../services/audit/log.ts';
import { createPushActivities } from './a2a-push.ts';
import { createProbeActivities } from './probe.ts';
import { createRlmActivities } from './rlm.ts';
import { createSessionAuditActivities } from './session-audit.ts';
import { createSwarmPlanActivities } from './swarm.ts';
import type { BlobStore } from '../services/store/blob-store.ts';

export interface MainQueueDeps {
  readonly pushConfigs: PushConfigStore;
  readonly blobs: BlobStore;
  readonly audit: AuditLog;
  /** Where RLM keeps local copies of the content it scans. */
  readonly rlmCacheDir?: string;
}

/** Every activity the main task queue serves (besides the AI SDK plugin's LLM calls), built from its dependencies. */
export function createActivities(deps: MainQueueDeps) {
  return {
    ...createProbeActivities(),
    ...createPushActivities(deps),
    ...createSessionAuditActivities(deps),
    ...createRlmActivities({ blobs: deps.blobs, ...(deps.rlmCacheDir ? { cacheDir: deps.rlmCacheDir } : {}) }),
    ...createSwarmPlanActivities(),
  };
}

export type Activities = ReturnType<typeof createActivities>;
