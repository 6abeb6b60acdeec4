import { defineSignal } from '@temporalio/workflow';

/**
 * How a swarm's sub-agents (child agent sessions) talk to the swarm workflow:
 * signals both ways, so every request and answer is in both histories and
 * survives any crash. A sub-agent asks (`swarmRequest`) and waits for the
 * answer (`swarmReply`); a permit it holds goes back with `swarmRelease`.
 */

export type ShareAction =
  | { readonly action: 'publish'; readonly key: string; readonly value: unknown; readonly tags: readonly string[] }
  | { readonly action: 'get'; readonly key: string }
  | { readonly action: 'list' }
  | { readonly action: 'query_tags'; readonly tags: readonly string[] }
  | { readonly action: 'query_prefix'; readonly prefix: string };

interface RequestBase {
  readonly requestId: string;
  /** The asking sub-agent's workflow id: where the answer goes. */
  readonly from: string;
  readonly subtaskId: string;
}

export type SwarmRequest =
  | (RequestBase & { readonly op: 'permit' })
  | (RequestBase & { readonly op: 'share'; readonly share: ShareAction });

export interface SwarmReply {
  readonly requestId: string;
  readonly ok: boolean;
  /** For share requests: what the tool returns to the model. */
  readonly output: string;
}

/** A result a sub-agent (or the swarm, for each finished subtask) published under `results.{key}`. */
export interface SharedResult {
  readonly key: string;
  readonly producer: string;
  readonly value: unknown;
  /** The JSON type of `value`: null, boolean, integer, number, string, array or object. */
  readonly typeName: string;
  readonly tags: readonly string[];
  /** Workflow time (ms). */
  readonly publishedAt: number;
}

export const swarmRequestSignal = defineSignal<[SwarmRequest]>('swarmRequest');
export const swarmReleaseSignal = defineSignal<[{ requestId: string; from: string }]>('swarmRelease');
export const swarmReplySignal = defineSignal<[SwarmReply]>('swarmReply');
