import type { SharedResult } from './protocol.ts';
import type {
  Decomposition,
  RateLimitStats,
  StageStats,
  SubtaskRecord,
  SubtaskResult,
  SwarmCarried,
  SwarmInput,
  SwarmResult,
  SwarmStateView,
  SwarmStats,
  SwarmStatus,
} from './types.ts';

/** A swarm's state, plain data the workflow works on; carried into the next run by continue-as-new. */
export class SwarmRun {
  readonly swarmId: string;
  readonly startedAt: number;
  status: SwarmStatus = 'decomposing';
  decomposition: Decomposition | undefined;
  subtasks: SubtaskRecord[] = [];
  /** The stage running now, or the next one to run. */
  stage = 0;
  /** Steps the sub-agents took, plus the steps reserved by those running. */
  stepsUsed = 0;
  gitBase: string | undefined;
  readonly runs: number;
  cancelRequested = false;
  error: string | undefined;
  answer = '';

  constructor(input: SwarmInput, swarmId: string, now: number) {
    const carried = input.carried;
    this.swarmId = swarmId;
    this.startedAt = carried?.startedAt ?? now;
    this.runs = (carried?.runs ?? 0) + 1;
    if (carried) {
      this.status = 'running';
      this.decomposition = carried.decomposition;
      this.subtasks = carried.subtasks;
      this.stage = carried.stage;
      this.stepsUsed = carried.stepsUsed;
      this.gitBase = carried.gitBase;
    }
  }

  get stages(): number {
    return this.subtasks.reduce((max, s) => Math.max(max, s.stage + 1), 0);
  }

  inStage(stage: number): SubtaskRecord[] {
    return this.subtasks.filter((s) => s.stage === stage).sort((a, b) => a.priority - b.priority);
  }

  subtask(id: string): SubtaskRecord | undefined {
    return this.subtasks.find((s) => s.id === id);
  }

  fail(error: string): void {
    this.error ??= error;
  }

  view(input: SwarmInput, shared: readonly string[], eventsFrom: number): SwarmStateView {
    return {
      swarmId: this.swarmId,
      task: input.task,
      status: this.status,
      strategy: input.settings.strategy,
      model: input.settings.model,
      workDir: input.workDir,
      stage: this.stage,
      stages: this.stages,
      subtasks: this.subtasks.map((s) => ({
        id: s.id,
        name: s.name,
        specialty: s.specialty,
        stage: s.stage,
        dependencies: s.dependencies,
        status: s.status,
        ...(s.sessionId !== undefined ? { sessionId: s.sessionId } : {}),
        steps: s.steps,
        ...(s.error !== undefined ? { error: s.error } : {}),
      })),
      sharedKeys: shared,
      eventsFrom,
      ...(this.error !== undefined ? { error: this.error } : {}),
    };
  }

  stats(now: number, rateLimit: RateLimitStats): SwarmStats {
    const ran = this.subtasks.filter((s) => s.startedAt !== undefined && s.finishedAt !== undefined);
    const durations = ran.map((s) => s.finishedAt! - s.startedAt!);
    const sequential = durations.reduce((a, b) => a + b, 0);
    const phase = ran.length === 0 ? 0 : Math.max(...ran.map((s) => s.finishedAt!)) - Math.min(...ran.map((s) => s.startedAt!));
    const stages: StageStats[] = [];
    for (let stage = 0; stage < this.stages; stage += 1) {
      const members = ran.filter((s) => s.stage === stage);
      if (members.length === 0) continue;
      stages.push({
        stage,
        subagentCount: members.length,
        maxSteps: Math.max(...members.map((s) => s.steps)),
        totalSteps: members.reduce((a, s) => a + s.steps, 0),
        executionTimeMs: Math.max(...members.map((s) => s.finishedAt!)) - Math.min(...members.map((s) => s.startedAt!)),
      });
    }
    return {
      subagentsSpawned: this.subtasks.filter((s) => s.sessionId !== undefined).length,
      subagentsCompleted: this.subtasks.filter((s) => s.status === 'completed').length,
      subagentsFailed: this.subtasks.filter((s) => s.status === 'failed' || s.status === 'timed_out' || s.status === 'cancelled').length,
      totalSteps: this.subtasks.reduce((a, s) => a + s.steps, 0),
      totalToolCalls: this.subtasks.reduce((a, s) => a + s.toolCalls, 0),
      criticalPathLength: stages.reduce((a, s) => a + s.maxSteps, 0),
      executionTimeMs: now - this.startedAt,
      subagentPhaseMs: phase,
      sequentialTimeEstimateMs: sequential,
      speedupFactor: phase > 0 ? Math.round((sequential / phase) * 100) / 100 : 0,
      stages,
      rateLimit: { ...rateLimit },
    };
  }

  subtaskResults(): SubtaskResult[] {
    return this.subtasks.map((s) => ({
      subtaskId: s.id,
      name: s.name,
      subagentId: `${this.swarmId}.${s.id}`,
      ...(s.sessionId !== undefined ? { sessionId: s.sessionId } : {}),
      stage: s.stage,
      status: s.status,
      success: s.status === 'completed',
      result: s.result ?? '',
      steps: s.steps,
      toolCalls: s.toolCalls,
      executionTimeMs: s.startedAt !== undefined && s.finishedAt !== undefined ? s.finishedAt - s.startedAt : 0,
      ...(s.error !== undefined ? { error: s.error } : {}),
      ...(s.merge !== undefined ? { merge: s.merge } : {}),
    }));
  }

  result(input: SwarmInput, now: number, rateLimit: RateLimitStats): SwarmResult {
    const status: SwarmResult['status'] = this.status === 'cancelled' ? 'cancelled' : this.error === undefined && this.allSucceeded() ? 'completed' : 'failed';
    return {
      swarmId: this.swarmId,
      status,
      success: status === 'completed',
      task: input.task,
      result: this.answer,
      subtaskResults: this.subtaskResults(),
      stats: this.stats(now, rateLimit),
      decomposition: { repairs: this.decomposition?.repairs ?? 0, ...(this.decomposition?.fallback !== undefined ? { fallback: this.decomposition.fallback } : {}) },
      ...(this.error !== undefined ? { error: this.error } : {}),
    };
  }

  allSucceeded(): boolean {
    return this.subtasks.length > 0 && this.subtasks.every((s) => s.status === 'completed');
  }

  carry(shared: readonly SharedResult[], rateLimit: RateLimitStats, stream: SwarmCarried['stream']): SwarmCarried {
    return {
      startedAt: this.startedAt,
      decomposition: this.decomposition!,
      subtasks: this.subtasks,
      stage: this.stage,
      stepsUsed: this.stepsUsed,
      shared: [...shared],
      rateLimit,
      ...(this.gitBase !== undefined ? { gitBase: this.gitBase } : {}),
      runs: this.runs,
      ...(stream ? { stream } : {}),
    };
  }
}
