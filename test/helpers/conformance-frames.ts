import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Role, TaskState, type Artifact, type Message, type Part, type StreamResponse, type Task } from '@a2a-js/sdk';
import type { ExpectedPart, ExpectedState, ExpectedStep } from './conformance-features.ts';

export const stateOf: Readonly<Record<ExpectedState, TaskState>> = {
  working: TaskState.TASK_STATE_WORKING,
  completed: TaskState.TASK_STATE_COMPLETED,
  'input-required': TaskState.TASK_STATE_INPUT_REQUIRED,
  rejected: TaskState.TASK_STATE_REJECTED,
};

export function userMessage(text: string, extra: Partial<Message> = {}): Message {
  return {
    messageId: randomUUID(),
    contextId: '',
    taskId: '',
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
    ...extra,
  };
}

export function isTask(result: Message | Task): result is Task {
  return 'status' in result && typeof (result as Task).id === 'string';
}

export function textOf(message: Message | undefined): string | undefined {
  const content = message?.parts[0]?.content;
  return content?.$case === 'text' ? content.value : undefined;
}

/** A part as the scenarios describe it. */
export function describePart(part: Part | undefined): ExpectedPart | { kind: 'other'; part: unknown } {
  const content = part?.content;
  switch (content?.$case) {
    case 'text':
      return { kind: 'text', text: content.value };
    case 'raw':
      return { kind: 'file', name: part!.filename, mediaType: part!.mediaType };
    case 'url':
      return { kind: 'file-url', url: content.value, name: part!.filename, mediaType: part!.mediaType };
    case 'data':
      return { kind: 'data', data: content.value as unknown };
    default:
      return { kind: 'other', part };
  }
}

/** The task's artifacts, each as the list of its parts described. */
export function describeArtifacts(artifacts: readonly Artifact[]): unknown[][] {
  return artifacts.map((a) => a.parts.map(describePart));
}

/** The artifacts a scenario's steps leave on the task: chunks appended to the artifact they began. */
export function expectedArtifacts(steps: readonly ExpectedStep[]): ExpectedPart[][] {
  const artifacts: ExpectedPart[][] = [];
  for (const step of steps) {
    if (step.kind !== 'artifact') continue;
    if (step.chunk === 'last') artifacts.at(-1)!.push(step.part);
    else artifacts.push([step.part]);
  }
  return artifacts;
}

/** The status that ends the scenario's part of the task (its last status step). */
export function finalStatus(steps: readonly ExpectedStep[]): Extract<ExpectedStep, { kind: 'status' }> {
  const status = [...steps].reverse().find((s) => s.kind === 'status');
  if (status?.kind !== 'status') throw new Error('the scenario ends in no status');
  return status;
}

/** A compact view of a frame, for assertions that show what came instead. */
export function describeFrame(frame: StreamResponse): string {
  const payload = frame.payload;
  switch (payload?.$case) {
    case 'task':
      return `task ${TaskState[payload.value.status?.state ?? 0]}`;
    case 'statusUpdate':
      return `status ${TaskState[payload.value.status?.state ?? 0]}${payload.value.status?.message ? ` "${textOf(payload.value.status.message)}"` : ''}`;
    case 'artifactUpdate':
      return `artifact ${JSON.stringify(payload.value.artifact?.parts.map(describePart))} append=${payload.value.append} last=${payload.value.lastChunk}`;
    case 'message':
      return `message "${textOf(payload.value)}"`;
    default:
      return 'empty frame';
  }
}

/**
 * Check the frames after a stream's opening Task against a scenario's steps,
 * in order, and nothing else: a `wait` takes one or more progress updates
 * (status working with a message). Returns the progress texts it took.
 */
export function expectFrames(frames: readonly StreamResponse[], steps: readonly ExpectedStep[], taskId: string): string[] {
  const progress: string[] = [];
  let i = 0;
  let chunkId: string | undefined;
  for (const step of steps) {
    if (step.kind === 'wait') {
      while (i < frames.length) {
        const payload = frames[i]!.payload;
        if (payload?.$case !== 'statusUpdate' || payload.value.status?.state !== TaskState.TASK_STATE_WORKING || !payload.value.status.message) break;
        progress.push(textOf(payload.value.status.message)!);
        i += 1;
      }
      expect(progress.length).toBeGreaterThan(0);
      continue;
    }
    const frame = frames[i];
    i += 1;
    const payload = frame?.payload;
    const seen = frame ? describeFrame(frame) : 'the end of the stream';
    switch (step.kind) {
      case 'status':
        expect([seen, payload?.$case === 'statusUpdate' ? payload.value.status?.state : undefined]).toEqual([seen, stateOf[step.state]]);
        if (payload?.$case !== 'statusUpdate') throw new Error('unreachable');
        expect(payload.value.taskId).toBe(taskId);
        if (step.message !== undefined) expect(textOf(payload.value.status?.message)).toBe(step.message);
        break;
      case 'artifact': {
        expect([seen, payload?.$case]).toEqual([seen, 'artifactUpdate']);
        if (payload?.$case !== 'artifactUpdate') throw new Error('unreachable');
        expect(payload.value.taskId).toBe(taskId);
        expect(payload.value.artifact?.parts.map(describePart)).toEqual([step.part]);
        expect({ append: payload.value.append, lastChunk: payload.value.lastChunk }).toEqual({
          append: step.chunk === 'last',
          lastChunk: step.chunk !== 'first',
        });
        if (step.chunk === 'first') chunkId = payload.value.artifact?.artifactId;
        if (step.chunk === 'last') expect(payload.value.artifact?.artifactId).toBe(chunkId);
        break;
      }
      case 'message':
        expect([seen, payload?.$case]).toEqual([seen, 'message']);
        if (payload?.$case !== 'message') throw new Error('unreachable');
        expect(payload.value.role).toBe(Role.ROLE_AGENT);
        expect(textOf(payload.value)).toBe(step.text);
        break;
    }
  }
  expect(frames.slice(i).map(describeFrame)).toEqual([]);
  return progress;
}
