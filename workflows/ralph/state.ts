import type { LoadedPrd } from '../../activities/ralph.ts';
import type { QualityCheck } from '../../services/ralph/prd-types.ts';
import type {
  CurrentStory,
  PrdHeader,
  RalphCarried,
  RalphInput,
  RalphResult,
  RalphStateView,
  RalphStatus,
  StoryRecord,
} from './types.ts';

/** A run's state, plain data the workflow loop works on; carried into the next run by continue-as-new. */
export class RalphRun {
  readonly runKey: string;
  header: PrdHeader = { project: '', feature: '', branchName: '' };
  checks: QualityCheck[] = [];
  stories: StoryRecord[] = [];
  iteration = 0;
  baseBranch = '';
  runs: number;
  loaded: boolean;
  status: RalphStatus = 'running';
  error: string | undefined;
  readonly current = new Map<string, CurrentStory>();
  cancelRequested = false;

  constructor(input: RalphInput, firstRunId: string) {
    const carried = input.carried;
    this.runKey = carried?.runKey ?? firstRunId.replace(/-/g, '').slice(0, 12);
    this.runs = (carried?.runs ?? 0) + 1;
    this.loaded = carried !== undefined;
    if (carried) {
      this.header = carried.header;
      this.checks = [...carried.checks];
      this.stories = carried.stories;
      this.iteration = carried.iteration;
      this.baseBranch = carried.baseBranch;
    }
  }

  load(prd: LoadedPrd, baseBranch: string): void {
    this.header = prd.header;
    this.checks = prd.checks;
    this.stories = prd.stories;
    this.baseBranch = baseBranch;
    this.loaded = true;
  }

  passed(): number {
    return this.stories.filter((s) => s.passes).length;
  }

  allPassed(): boolean {
    return this.stories.every((s) => s.passes);
  }

  /** Stop the run: provider failures no retry will fix. */
  fail(error: string): void {
    this.error ??= error;
  }

  private storyViews(): RalphStateView['stories'] {
    return this.stories.map(({ lastFailure, worktree: _worktree, ...rest }) => ({
      ...rest,
      ...(lastFailure ? { lastFailure: lastFailure.reason } : {}),
    }));
  }

  view(input: RalphInput, runId: string, eventsFrom: number): RalphStateView {
    return {
      runId,
      prdPath: input.prdPath,
      workDir: input.workDir,
      project: this.header.project,
      feature: this.header.feature,
      branch: this.baseBranch,
      status: this.status,
      iteration: this.iteration,
      maxIterations: input.settings.maxIterations,
      parallel: input.settings.parallel,
      passed: this.passed(),
      total: this.stories.length,
      current: [...this.current.values()].map((c) => ({ ...c })),
      stories: this.storyViews(),
      eventsFrom,
      ...(this.error !== undefined ? { error: this.error } : {}),
    };
  }

  result(runId: string): RalphResult {
    const status = this.status === 'running' ? 'failed' : this.status;
    return {
      runId,
      status,
      project: this.header.project,
      feature: this.header.feature,
      branch: this.baseBranch,
      iterations: this.iteration,
      passed: this.passed(),
      total: this.stories.length,
      stories: this.storyViews(),
      ...(this.error !== undefined ? { error: this.error } : {}),
    };
  }

  carry(stream: RalphCarried['stream']): RalphCarried {
    return {
      runKey: this.runKey,
      header: this.header,
      checks: this.checks,
      stories: this.stories,
      iteration: this.iteration,
      baseBranch: this.baseBranch,
      runs: this.runs,
      ...(stream ? { stream } : {}),
    };
  }
}
