import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Client } from '@temporalio/client';
import { followRalphRun, type RalphFeedItem } from '../../services/ralph/follow-run.ts';
import { startRalphRun, type RalphRunInfo } from '../../services/ralph/runs.ts';
import type { RalphEvent, RalphInput, RalphResult, RalphSettings } from '../../workflows/ralph/types.ts';
import type { FakeLlm, FakeLlmRequest, FakeTurn, ScriptedTurn } from '../fake-llm/types.ts';
import { tempDir } from './tmp.ts';

export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_EDITOR: 'true' } });
}

/** The test runner of the demo project: every tests/*.test.js must pass. */
export const demoTestRunner = `const fs = require('fs');
const path = require('path');
let failed = 0;
for (const file of fs.readdirSync('tests').filter((f) => f.endsWith('.test.js')).sort()) {
  try {
    require(path.resolve('tests', file));
    console.log('ok ' + file);
  } catch (err) {
    failed += 1;
    console.log('FAIL ' + file + ': ' + err.message);
  }
}
process.exit(failed > 0 ? 1 : 0);
`;

export interface StorySpec {
  readonly id: string;
  readonly title: string;
  readonly priority?: number;
  readonly complexity?: number;
  readonly depends_on?: string[];
  readonly passes?: boolean;
}

/**
 * A git repository holding a small JavaScript project (`node test.js` runs
 * tests/*.test.js) and a prd.json with the given stories; everything
 * committed on `main`.
 */
export function demoProject(options: { stories: StorySpec[]; files?: Record<string, string>; checks?: Record<string, string | null>; branch?: string; extra?: Record<string, unknown> }): { dir: string; prdPath: string } {
  const dir = realpathSync(tempDir('ct-ralph-'));
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify({ name: 'demo', version: '1.0.0', private: true, scripts: { test: 'node test.js' } }, null, 2)}\n`,
    'test.js': demoTestRunner,
    'tests/placeholder.test.js': '// every story adds its own tests\n',
    ...options.files,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const prd = {
    project: 'demo',
    feature: 'arithmetic',
    branch_name: options.branch ?? '',
    version: '1.0',
    user_stories: options.stories.map((s) => ({
      id: s.id,
      title: s.title,
      description: `Implement ${s.title}.`,
      acceptance_criteria: [`${s.title} works`, 'node test.js passes'],
      passes: s.passes ?? false,
      priority: s.priority ?? 1,
      depends_on: s.depends_on ?? [],
      complexity: s.complexity ?? 3,
    })),
    technical_requirements: ['CommonJS modules under src/'],
    quality_checks: options.checks ?? { typecheck: null, test: 'node test.js', lint: null, build: null },
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
    ...options.extra,
  };
  const prdPath = join(dir, 'prd.json');
  writeFileSync(prdPath, `${JSON.stringify(prd, null, 2)}\n`);
  gitIn(dir, 'init', '-q', '-b', 'main');
  gitIn(dir, 'config', 'user.email', 'test@example.com');
  gitIn(dir, 'config', 'user.name', 'Test');
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '-q', '-m', 'init');
  return { dir, prdPath };
}

/** Requests of the agent working on `storyId` (its prompt's heading). */
export function forStory(storyId: string): (request: FakeLlmRequest) => boolean {
  return (request) => request.messages.some((m) => m.role === 'user' && m.text.includes(`# Story ${storyId}:`));
}

/** Requests of the agent resolving `storyId`'s merge conflict. */
export function forResolver(storyId: string): (request: FakeLlmRequest) => boolean {
  return (request) => request.messages.some((m) => m.role === 'user' && m.text.includes(`# Merge conflict: story ${storyId}:`));
}

/** An agent that writes files (one step each) and then says it is done. */
export function writesThenDone(files: Record<string, string>, summary = 'Done.'): ScriptedTurn[] {
  return [
    ...Object.entries(files).map(([path, content]): FakeTurn => ({ toolCalls: [{ name: 'write', args: { path, content } }] })),
    { text: summary },
  ];
}

/** Answer an agent by how far it got (tool results seen), so a retried request gets the same answer. */
export function byProgress(turns: readonly FakeTurn[]): (request: FakeLlmRequest) => FakeTurn {
  return (request) => {
    const seen = request.toolResults.length;
    return turns[Math.min(seen, turns.length - 1)]!;
  };
}

/** Script an agent of `storyId` as `turns` (indexed by tool results seen), enough copies for retries. */
export function scriptStory(fake: FakeLlm, storyId: string, turns: readonly FakeTurn[], copies = turns.length + 4): void {
  fake.scriptWhen(forStory(storyId), ...Array.from({ length: copies }, () => byProgress(turns)));
}

export function settings(model: string, overrides: Partial<RalphSettings> = {}): RalphSettings {
  return {
    model,
    maxIterations: 10,
    parallel: 1,
    maxSteps: 10,
    resolverMaxSteps: 10,
    checkTimeoutSeconds: 60,
    llmHeartbeatSeconds: 5,
    toolHeartbeatSeconds: 5,
    ...overrides,
  };
}

export interface RalphRunOutcome {
  readonly runId: string;
  readonly info: RalphRunInfo;
  readonly result: RalphResult;
  readonly items: RalphFeedItem[];
  readonly events: RalphEvent[];
}

export async function runRalph(client: Client, taskQueue: string, input: RalphInput, options: { agents?: boolean } = {}): Promise<RalphRunOutcome> {
  const runId = await startRalphRun({ client, taskQueue, input });
  const items: RalphFeedItem[] = [];
  const info = await followRalphRun({ client, runId, agents: options.agents ?? true, onItem: (item) => items.push(item) });
  if (info.state !== 'finished') throw new Error(`run ${runId} ended ${info.state}: ${JSON.stringify(info)}`);
  const events = items.flatMap((i) => (i.kind === 'run' ? [i.event] : []));
  return { runId, info, result: info.result, items, events };
}

export function storyCommits(dir: string, storyId: string, ref = 'HEAD'): string[] {
  return gitIn(dir, 'log', ref, '--format=%H %s', `--grep=^feat(${storyId}):`)
    .split('\n')
    .filter((l) => l.trim() !== '');
}

export function progressEntries(text: string): string[] {
  return text.split('\n').filter((l) => l.startsWith('## Iteration '));
}
