import type { TaskArtifact } from '../agent-session/types.ts';

/**
 * What the conformance agent does, one step at a time. Each step is visible
 * to the client: a status update, an artifact (or a chunk of one), a reply.
 */
export type ConformanceStep =
  | { readonly kind: 'working' }
  | { readonly kind: 'artifact'; readonly artifact: TaskArtifact; readonly append: boolean; readonly lastChunk: boolean }
  /** Stay working for the configured long-running time, with a progress update every second or so. */
  | { readonly kind: 'wait' }
  | { readonly kind: 'complete'; readonly message?: string }
  /** Ask for input, wait for the follow-up message, then complete echoing it. */
  | { readonly kind: 'input-required'; readonly question: string }
  | { readonly kind: 'reply'; readonly text: string }
  | { readonly kind: 'reject'; readonly reason: string };

export interface ConformanceScenario {
  /** The `messageId` prefix that selects the scenario. */
  readonly prefix: string;
  /** The scenario's name in the A2A TCK feature files. */
  readonly title: string;
  readonly steps: readonly ConformanceStep[];
}

const working: ConformanceStep = { kind: 'working' };
const complete: ConformanceStep = { kind: 'complete' };

function whole(artifact: TaskArtifact): ConformanceStep {
  return { kind: 'artifact', artifact, append: false, lastChunk: true };
}

function text(artifactId: string, value: string): TaskArtifact {
  return { artifactId, name: artifactId, parts: [{ kind: 'text', text: value }] };
}

/** "Generated file content\n" */
const outputFile: TaskArtifact = {
  artifactId: 'output-file',
  name: 'output.txt',
  parts: [{ kind: 'file', name: 'output.txt', mediaType: 'text/plain', base64: 'R2VuZXJhdGVkIGZpbGUgY29udGVudAo=' }],
};

/**
 * The executor scenarios of the A2A TCK (core_operations.feature and
 * streaming.feature), chosen by the prefix of the incoming message's
 * `messageId`. A test parses the feature files and holds this table to them.
 */
export const conformanceScenarios: readonly ConformanceScenario[] = [
  { prefix: 'tck-complete-task', title: 'Complete the task', steps: [{ kind: 'complete', message: 'Hello from TCK' }] },
  { prefix: 'tck-artifact-text', title: 'Task with text artifact', steps: [whole(text('generated-text', 'Generated text content')), complete] },
  { prefix: 'tck-artifact-file', title: 'Task with file artifact', steps: [whole(outputFile), complete] },
  {
    prefix: 'tck-artifact-file-url',
    title: 'Task with file URL artifact',
    steps: [
      whole({
        artifactId: 'output-url',
        name: 'output.txt',
        parts: [{ kind: 'file-url', name: 'output.txt', mediaType: 'text/plain', url: 'https://example.com/output.txt' }],
      }),
      complete,
    ],
  },
  {
    prefix: 'tck-artifact-data',
    title: 'Task with data artifact',
    steps: [whole({ artifactId: 'data', name: 'data', parts: [{ kind: 'data', data: { key: 'value', count: 42 } }] }), complete],
  },
  { prefix: 'tck-message-response', title: 'Return message instead of task', steps: [{ kind: 'reply', text: 'Direct message response' }] },
  {
    prefix: 'tck-input-required',
    title: 'Task requiring user input',
    steps: [{ kind: 'input-required', question: 'Input required: reply to this task to complete it.' }],
  },
  { prefix: 'tck-reject-task', title: 'Task rejected by executor', steps: [{ kind: 'reject', reason: 'rejected' }] },
  { prefix: 'tck-stream-001', title: 'Basic streaming lifecycle (CORE-STREAM-001)', steps: [working, whole(text('stream-001', 'Stream hello from TCK')), complete] },
  { prefix: 'tck-stream-002', title: 'Message-only stream (CORE-STREAM-002)', steps: [complete] },
  { prefix: 'tck-stream-003', title: 'Task lifecycle stream (CORE-STREAM-003)', steps: [working, whole(text('stream-003', 'Stream task lifecycle')), complete] },
  {
    prefix: 'tck-stream-ordering-001',
    title: 'Streaming with ordered status updates (STREAM-ORDER-001)',
    steps: [working, whole(text('ordered-output', 'Ordered output')), complete],
  },
  { prefix: 'tck-stream-artifact-text', title: 'Streaming with text artifact', steps: [working, whole(text('streamed-text', 'Streamed text content')), complete] },
  { prefix: 'tck-stream-artifact-file', title: 'Streaming with file artifact', steps: [working, whole(outputFile), complete] },
  {
    prefix: 'tck-stream-artifact-chunked',
    title: 'Streaming with chunked artifact',
    steps: [
      working,
      { kind: 'artifact', artifact: text('chunked', 'chunk-1 '), append: false, lastChunk: false },
      { kind: 'artifact', artifact: text('chunked', 'chunk-2'), append: true, lastChunk: true },
      complete,
    ],
  },
  { prefix: 'test-resubscribe-message-id', title: 'Long-running task for resubscription test', steps: [working, { kind: 'wait' }, complete] },
];

const echoLength = 200;

/** The scenario whose prefix `messageId` starts with (the longest, as `tck-artifact-file-url` also starts with `tck-artifact-file`). */
export function scenarioFor(messageId: string): ConformanceScenario | undefined {
  let best: ConformanceScenario | undefined;
  for (const scenario of conformanceScenarios) {
    if (messageId.startsWith(scenario.prefix) && scenario.prefix.length > (best?.prefix.length ?? -1)) best = scenario;
  }
  return best;
}

/** A message with no known prefix: complete with a short echo of it. */
export function echoScenario(text: string): ConformanceScenario {
  const short = text.length > echoLength ? `${text.slice(0, echoLength)}…` : text;
  return { prefix: '', title: 'Echo', steps: [{ kind: 'complete', message: `Echo: ${short}` }] };
}
