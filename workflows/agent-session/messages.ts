import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ModelMessage } from 'ai';
import type { SessionStateView, UserMessage } from './types.ts';

/** Send a user message; returns its turn id. Rejected when empty or when the session is closing. */
export const submitMessageUpdate = defineUpdate<{ turnId: string; queued: number }, [UserMessage]>('submitMessage');
/** The same as a fire-and-forget signal (signal-with-start, A2A follow-ups). */
export const userMessageSignal = defineSignal<[UserMessage]>('userMessage');
export const answerQuestionSignal = defineSignal<[{ questionId: string; answer: string }]>('answerQuestion');
export const approvalSignal = defineSignal<[{ callId: string; approved: boolean; reason?: string }]>('approval');
/** Stop the current turn (the session stays open). Cancelling the workflow ends the whole session. */
export const cancelTurnSignal = defineSignal<[{ reason?: string }]>('cancelTurn');
/** A push notification config was added to this A2A task: start delivering updates. */
export const enablePushSignal = defineSignal('enablePush');
/** Close the session after the current turn. */
export const closeSessionSignal = defineSignal('closeSession');

export const sessionStateQuery = defineQuery<SessionStateView>('state');
export const transcriptQuery = defineQuery<ModelMessage[]>('transcript');
