import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';

function decodeBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}

/** Replace every payload's base64 data and metadata with readable text, so tests can search history. */
function decodePayloads(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(decodePayloads);
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  const isPayload = typeof record.metadata === 'object' && record.metadata !== null && ('data' in record || 'externalPayloads' in record);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (isPayload && key === 'data' && typeof value === 'string') out[key] = decodeBase64(value);
    else if (isPayload && key === 'metadata') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? decodeBase64(v) : v]),
      );
    } else out[key] = decodePayloads(value);
  }
  return out;
}

/** A workflow's whole history (every run of it) with payloads decoded. */
export async function readableHistory(handle: WorkflowHandle): Promise<string> {
  const history = await handle.fetchHistory();
  return JSON.stringify(decodePayloads(JSON.parse(historyToJSON(history))));
}
