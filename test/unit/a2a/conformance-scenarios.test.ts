import { describe, expect, it } from '@jest/globals';
import { buildConformanceCard } from '../../../services/a2a/agents/conformance.ts';
import { conformanceScenarios, echoScenario, scenarioFor, type ConformanceScenario, type ConformanceStep } from '../../../workflows/conformance/scenarios.ts';
import { parseFeature, parseFeatures, type ExpectedPart, type ExpectedStep } from '../../helpers/conformance-features.ts';

/** What the client sees of the executor's steps, in the feature files' terms. */
function visible(step: ConformanceStep): ExpectedStep {
  switch (step.kind) {
    case 'working':
      return { kind: 'status', state: 'working' };
    case 'artifact': {
      const [part, ...more] = step.artifact.parts;
      if (part === undefined || more.length > 0) throw new Error(`artifact ${step.artifact.artifactId} must have one part`);
      const expected: ExpectedPart =
        part.kind === 'text'
          ? { kind: 'text', text: part.text }
          : part.kind === 'file'
            ? { kind: 'file', name: part.name, mediaType: part.mediaType }
            : part.kind === 'file-url'
              ? { kind: 'file-url', url: part.url, name: part.name, mediaType: part.mediaType }
              : { kind: 'data', data: part.data };
      return { kind: 'artifact', part: expected, chunk: !step.lastChunk ? 'first' : step.append ? 'last' : 'whole' };
    }
    case 'wait':
      return { kind: 'wait' };
    case 'complete':
      return step.message === undefined ? { kind: 'status', state: 'completed' } : { kind: 'status', state: 'completed', message: step.message };
    case 'input-required':
      // The question is ours; the scenario prescribes only the state.
      return { kind: 'status', state: 'input-required' };
    case 'reply':
      return { kind: 'message', text: step.text };
    case 'reject':
      return { kind: 'status', state: 'rejected', message: step.reason };
  }
}

const features = parseFeatures();

describe('the conformance agent against the A2A TCK feature files', () => {
  it('reads every scenario of both feature files', () => {
    expect(new Set(features.map((f) => f.file))).toEqual(new Set(['core_operations.feature', 'streaming.feature']));
    expect(features.length).toBeGreaterThanOrEqual(16);
    expect(features.filter((f) => f.streaming).map((f) => f.prefix)).toContain('test-resubscribe-message-id');
  });

  it.each(features.map((f) => [f.prefix, f] as const))('has executor behaviour for %s, and it is what the scenario prescribes', (prefix, feature) => {
    const scenario: ConformanceScenario | undefined = scenarioFor(`${prefix}-0f1e2d3c`);
    expect(scenario?.prefix).toBe(prefix);
    expect(scenario?.title).toBe(feature.title);
    expect(scenario!.steps.map(visible)).toEqual(feature.steps);
  });

  it('has no behaviour that no scenario asks for', () => {
    const prefixes = new Set(features.map((f) => f.prefix));
    expect(conformanceScenarios.map((s) => s.prefix).filter((p) => !prefixes.has(p))).toEqual([]);
  });

  it('picks the longest matching prefix, and echoes a message with none', () => {
    expect(scenarioFor('tck-artifact-file-url-1')?.prefix).toBe('tck-artifact-file-url');
    expect(scenarioFor('tck-artifact-file-1')?.prefix).toBe('tck-artifact-file');
    expect(scenarioFor('tck-stream-artifact-file-1')?.prefix).toBe('tck-stream-artifact-file');
    expect(scenarioFor('9b1c-no-prefix')).toBeUndefined();
    expect(echoScenario('hello there').steps).toEqual([{ kind: 'complete', message: 'Echo: hello there' }]);
    expect((echoScenario('x'.repeat(5_000)).steps[0] as { message: string }).message.length).toBeLessThan(220);
  });

  it('fails on a scenario step it has no behaviour for', () => {
    const unknown = 'Feature: X\n  Scenario: Y\n    When a message is received with prefix "tck-new"\n    Then sing a song\n';
    expect(() => parseFeature('x.feature', unknown)).toThrow(/no executor behaviour is known for the step: Then sing a song/);
    expect(() => parseFeature('x.feature', 'Feature: X\n  Scenario: Y\n    Then complete the task\n')).toThrow(/no "When … prefix" step/);
  });

  it('advertises one skill per scenario, with the media types each produces', () => {
    const card = buildConformanceCard({ version: 'test', httpUrl: 'http://127.0.0.1:1', grpcAddress: '127.0.0.1:2' });
    expect(card.skills.map((s) => s.id)).toEqual([...conformanceScenarios.map((s) => s.prefix), 'echo']);
    expect(card.skills.find((s) => s.id === 'tck-artifact-data')?.outputModes).toEqual(['application/json']);
    expect(card.skills.find((s) => s.id === 'tck-stream-artifact-file')?.outputModes).toEqual(['text/plain']);
    expect(card.defaultInputModes).toEqual(['text/plain', 'application/json']);
    expect(card.capabilities).toMatchObject({ streaming: true, pushNotifications: true, extendedAgentCard: false });
    expect(card.supportedInterfaces.map((i) => [i.protocolBinding, i.protocolVersion])).toEqual([
      ['GRPC', '1.0'],
      ['JSONRPC', '1.0'],
      ['JSONRPC', '0.3'],
    ]);
  });
});
