import type { TaskEvent } from '../../workflows/agent-session/types.ts';
import type { AuditRedactor } from './redact.ts';
import type { AuditEventInput } from './record.ts';

/**
 * The audit record of one session event: what happened in which session and
 * turn, with counts and ids rather than content (the messages themselves live
 * in the workflow's history; the trail says that they happened).
 */
export function sessionEventRecord(sessionId: string, event: TaskEvent, redactor: AuditRedactor): AuditEventInput {
  const common = { category: 'session' as const, action: `session:${event.type}`, resource: `session/${sessionId}` };
  switch (event.type) {
    case 'turn-started':
      return { ...common, actor: 'user', result: 'ok', details: { turn_id: event.turnId, text_len: event.text.length } };
    case 'step-started':
      return { ...common, actor: 'agent', result: 'ok', details: { turn_id: event.turnId, step: event.step } };
    case 'step-finished':
      return {
        ...common,
        actor: 'agent',
        result: 'ok',
        details: { turn_id: event.turnId, step: event.step, text_len: event.text.length, input_tokens: event.usage.inputTokens, output_tokens: event.usage.outputTokens },
      };
    case 'tool-call':
      return { ...common, actor: 'agent', result: 'ok', details: { turn_id: event.turnId, call_id: event.callId, tool: event.tool } };
    case 'tool-result':
      return {
        ...common,
        actor: 'agent',
        result: event.success ? 'success' : 'failure',
        outcome: event.success ? 'success' : 'failure',
        details: { turn_id: event.turnId, call_id: event.callId, tool: event.tool },
      };
    case 'question':
      return { ...common, actor: 'agent', result: 'waiting', details: { turn_id: event.question.turnId, question_id: event.question.questionId } };
    case 'approval-request':
      return { ...common, actor: 'agent', result: 'waiting', details: { turn_id: event.approval.turnId, call_id: event.approval.callId, tool: event.approval.tool } };
    case 'turn-complete':
      return {
        ...common,
        actor: 'agent',
        result: event.stopReason,
        details: { turn_id: event.turnId, answer_len: event.answer.length, input_tokens: event.usage.inputTokens, output_tokens: event.usage.outputTokens },
      };
    case 'turn-failed':
      return { ...common, actor: 'agent', result: 'error', outcome: 'failure', details: { turn_id: event.turnId, error: redactor.text(event.error).slice(0, 200) } };
    case 'session-closed':
      return { ...common, actor: 'agent', result: event.reason, details: {} };
    case 'artifact':
      return {
        ...common,
        actor: 'agent',
        result: 'ok',
        details: { turn_id: event.turnId, artifact_id: event.artifact.artifactId, parts: event.artifact.parts.length, append: event.append, last_chunk: event.lastChunk },
      };
    case 'progress':
      return { ...common, actor: 'agent', result: 'ok', details: { turn_id: event.turnId, text_len: event.text.length } };
    case 'reply':
      return { ...common, actor: 'agent', result: 'ok', details: { turn_id: event.turnId, text_len: event.text.length } };
    case 'turn-rejected':
      return { ...common, actor: 'agent', result: 'rejected', outcome: 'failure', details: { turn_id: event.turnId, reason: redactor.text(event.reason).slice(0, 200) } };
  }
}
