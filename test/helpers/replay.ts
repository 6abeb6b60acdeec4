import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { loadWorkflowBundle, type WorkflowBundleSource } from '../../services/worker/workflow-bundle.ts';

/** Committed histories, one file per workflow type and scenario: `<workflowType>.<scenario>.json`. */
export const historiesDir = join(import.meta.dirname, '..', 'histories');

export interface GoldenHistory {
  readonly file: string;
  readonly workflowType: string;
  readonly history: unknown;
}

export function goldenHistories(): GoldenHistory[] {
  if (!existsSync(historiesDir)) return [];
  return readdirSync(historiesDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      file: name,
      workflowType: name.split('.')[0]!,
      history: JSON.parse(readFileSync(join(historiesDir, name), 'utf8')) as unknown,
    }));
}

/** Replay a history against the current workflow code (or another bundle); throws on non-determinism. */
export async function replay(history: unknown, bundle?: WorkflowBundleSource): Promise<void> {
  await Worker.runReplayHistory({ workflowBundle: bundle ?? (await loadWorkflowBundle()) }, history);
}

/**
 * Every workflow test can end with this: fetch the run's history, replay it,
 * and (with RECORD_HISTORIES=1) keep it as a golden history for later changes.
 */
export async function replayRecorded(handle: WorkflowHandle, scenario: string): Promise<void> {
  const history = await handle.fetchHistory();
  await replay(history);
  if (process.env.RECORD_HISTORIES === '1') {
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const type = started?.workflowType?.name ?? 'unknown';
    writeFileSync(join(historiesDir, `${type}.${scenario}.json`), `${historyToJSON(history)}\n`);
  }
}
