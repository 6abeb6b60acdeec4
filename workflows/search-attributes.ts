import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** What kind of CodeTether work a workflow is (agent session, ralph, swarm, …). */
export const kindKey = defineSearchAttributeKey('CodetetherKind', SearchAttributeType.KEYWORD);
/** The A2A context id a task belongs to. */
export const contextIdKey = defineSearchAttributeKey('CodetetherContextId', SearchAttributeType.KEYWORD);
/** The workspace directory a session works in, so `run -c` can find the latest one. */
export const workspaceKey = defineSearchAttributeKey('CodetetherWorkspace', SearchAttributeType.KEYWORD);

export const codetetherSearchAttributes = [kindKey, contextIdKey, workspaceKey] as const;
