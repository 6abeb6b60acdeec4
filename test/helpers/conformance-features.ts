import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Where the A2A TCK's executor scenarios are read from: the project's shared
 * reference beside the repository (read, never copied in), or another copy.
 */
export const featuresDir =
  process.env.A2A_CONFORMANCE_FEATURES ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'reference', 'a2a-conformance');

export type ExpectedState = 'working' | 'completed' | 'input-required' | 'rejected';

export type ExpectedPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'file'; readonly name: string; readonly mediaType: string }
  | { readonly kind: 'file-url'; readonly url: string; readonly name: string; readonly mediaType: string }
  | { readonly kind: 'data'; readonly data: unknown };

/** What a scenario prescribes, one visible step at a time. */
export type ExpectedStep =
  | { readonly kind: 'status'; readonly state: ExpectedState; readonly message?: string }
  /** `whole`: one artifact; `first`/`last`: a chunk, the last one appended to the first with lastChunk set. */
  | { readonly kind: 'artifact'; readonly part: ExpectedPart; readonly chunk: 'whole' | 'first' | 'last' }
  | { readonly kind: 'message'; readonly text: string }
  /** The long-running wait: the task stays working (progress updates may come meanwhile). */
  | { readonly kind: 'wait' };

export interface FeatureScenario {
  readonly file: string;
  readonly title: string;
  readonly prefix: string;
  /** Sent with SendStreamingMessage (streaming.feature) rather than SendMessage. */
  readonly streaming: boolean;
  /**
   * In the order the client sees them. The core scenarios describe the
   * resulting task ("complete the task, and add an artifact"): an artifact
   * comes before the status that ends the task, so they are put in that order.
   */
  readonly steps: readonly ExpectedStep[];
}

const states: Readonly<Record<string, ExpectedState>> = {
  working: 'working',
  completed: 'completed',
  input_required: 'input-required',
  rejected: 'rejected',
};

function state(name: string, line: string): ExpectedState {
  const value = states[name];
  if (value === undefined) throw new Error(`unknown task state "${name}" in: ${line}`);
  return value;
}

const artifactVerb = '(?:add|stream) an artifact';

/** Each step sentence the feature files use, and what it prescribes. A sentence not listed here fails the parse. */
const sentences: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray, line: string, docString: () => string) => ExpectedStep]> = [
  [/^complete the task with the message "(.*)"$/, (m) => ({ kind: 'status', state: 'completed', message: m[1]! })],
  [/^complete the task$/, () => ({ kind: 'status', state: 'completed' })],
  [/^(?:update the task status|stream a status update) to "(\w+)"$/, (m, line) => ({ kind: 'status', state: state(m[1]!, line) })],
  [/^reject with error "(.*)"$/, (m) => ({ kind: 'status', state: 'rejected', message: m[1]! })],
  [/^return a message with a text part "(.*)"$/, (m) => ({ kind: 'message', text: m[1]! })],
  [new RegExp(`^${artifactVerb} with a text part "(.*)"$`), (m) => ({ kind: 'artifact', part: { kind: 'text', text: m[1]! }, chunk: 'whole' })],
  [
    new RegExp(`^${artifactVerb} with a file part named "(.*)" with media type "(.*)"$`),
    (m) => ({ kind: 'artifact', part: { kind: 'file', name: m[1]!, mediaType: m[2]! }, chunk: 'whole' }),
  ],
  [
    new RegExp(`^${artifactVerb} with a file url "(.*)" named "(.*)" with media type "(.*)"$`),
    (m) => ({ kind: 'artifact', part: { kind: 'file-url', url: m[1]!, name: m[2]!, mediaType: m[3]! }, chunk: 'whole' }),
  ],
  [
    new RegExp(`^${artifactVerb} with a data part:$`),
    (_m, _line, docString) => ({ kind: 'artifact', part: { kind: 'data', data: JSON.parse(docString()) as unknown }, chunk: 'whole' }),
  ],
  [/^stream an artifact chunk with a text part "(.*)"$/, (m) => ({ kind: 'artifact', part: { kind: 'text', text: m[1]! }, chunk: 'first' })],
  [/^stream a final artifact chunk with a text part "(.*)"$/, (m) => ({ kind: 'artifact', part: { kind: 'text', text: m[1]! }, chunk: 'last' })],
  [/^wait for .*streaming timeout$/, () => ({ kind: 'wait' })],
];

function parseStep(text: string, line: string, docString: () => string): ExpectedStep {
  for (const [pattern, build] of sentences) {
    const match = text.match(pattern);
    if (match) return build(match, line, docString);
  }
  throw new Error(`no executor behaviour is known for the step: ${line.trim()}`);
}

/** Put a core scenario's steps in the order its task shows them: artifacts, then the status that ends it. */
function taskOrder(steps: ExpectedStep[]): ExpectedStep[] {
  return [...steps.filter((s) => s.kind === 'artifact'), ...steps.filter((s) => s.kind !== 'artifact')];
}

export function parseFeature(file: string, source: string): FeatureScenario[] {
  const lines = source.split('\n');
  const scenarios: FeatureScenario[] = [];
  let current: { title: string; prefix?: string; streaming?: boolean; steps: ExpectedStep[] } | undefined;
  const finish = () => {
    if (current === undefined) return;
    if (current.prefix === undefined) throw new Error(`${file}: scenario "${current.title}" has no "When … prefix" step`);
    const steps = current.streaming ? current.steps : taskOrder(current.steps);
    scenarios.push({ file, title: current.title, prefix: current.prefix, streaming: current.streaming === true, steps });
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const scenario = trimmed.match(/^Scenario: (.*)$/);
    if (scenario) {
      finish();
      current = { title: scenario[1]!, steps: [] };
      continue;
    }
    if (current === undefined) continue;
    const when = trimmed.match(/^When a (streaming )?message is received with prefix "(.+)"$/);
    if (when) {
      current.prefix = when[2]!;
      current.streaming = when[1] !== undefined;
      continue;
    }
    const step = trimmed.match(/^(?:Then|And) (.*)$/);
    if (!step) throw new Error(`${file}: cannot read the line: ${trimmed}`);
    const docString = () => {
      // The doc string after a step ending in ':' (""" … """), consumed here.
      if (!lines[i + 1]?.trim().startsWith('"""')) throw new Error(`${file}: expected a doc string after: ${trimmed}`);
      const body: string[] = [];
      for (i += 2; i < lines.length && !lines[i]!.trim().startsWith('"""'); i += 1) body.push(lines[i]!);
      return body.join('\n');
    };
    current.steps.push(parseStep(step[1]!, line, docString));
  }
  finish();
  return scenarios;
}

/** Every scenario of every feature file in `dir`. */
export function parseFeatures(dir = featuresDir): FeatureScenario[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.feature')).sort();
  if (files.length === 0) throw new Error(`no .feature files in ${dir}`);
  return files.flatMap((name) => parseFeature(basename(name), readFileSync(join(dir, name), 'utf8')));
}
