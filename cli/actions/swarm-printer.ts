import type { BusEnvelope } from '../../services/bus/messages.ts';
import type { SwarmRunInfo } from '../../services/swarm/runs.ts';
import type { SubtaskResult, SwarmEvent, SwarmResult, SwarmStateView } from '../../workflows/swarm/types.ts';

const tty = () => process.stdout.isTTY === true && !process.env.NO_COLOR;
const dim = (s: string) => (tty() ? `\x1b[2m${s}\x1b[22m` : s);
const green = (s: string) => (tty() ? `\x1b[32m${s}\x1b[39m` : s);
const red = (s: string) => (tty() ? `\x1b[31m${s}\x1b[39m` : s);

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function toolInput(input: unknown): string {
  const value = (input ?? {}) as Record<string, unknown>;
  const pick = value.command ?? value.path ?? value.filePath ?? value.pattern ?? value.url ?? value.query ?? value.key ?? value.action;
  return oneLine(typeof pick === 'string' ? pick : JSON.stringify(input ?? {}), 80);
}

type Out = (line: string) => void;
const stdout: Out = (line) => process.stdout.write(`${line}\n`);

function printSwarmEvent(event: SwarmEvent, out: Out): void {
  switch (event.type) {
    case 'swarm-started':
      out(`Swarm (${event.strategy}, up to ${event.maxSubagents} sub-agents at once, ${event.model}): ${oneLine(event.task, 120)}`);
      break;
    case 'decomposed':
      out(`Decomposed into ${event.subtasks.length} subtask${event.subtasks.length === 1 ? '' : 's'} in ${event.stages} stage${event.stages === 1 ? '' : 's'}${event.repairs > 0 ? ` (after ${event.repairs} repair${event.repairs === 1 ? '' : 's'})` : ''}`);
      if (event.fallback) out(dim(`  ${event.fallback}`));
      for (const s of event.subtasks) out(dim(`  [stage ${s.stage + 1}] ${s.id}: ${s.name} (${s.specialty})${s.dependencies.length > 0 ? ` after ${s.dependencies.join(', ')}` : ''}`));
      break;
    case 'stage-started':
      out(`Stage ${event.stage + 1}: ${event.subtasks.join(', ')}`);
      break;
    case 'subtask-update':
      if (event.status === 'running') out(`  ${event.subtaskId} started (${event.specialty})`);
      break;
    case 'subtask-complete': {
      const facts = `${event.steps} step${event.steps === 1 ? '' : 's'}, ${seconds(event.durationMs)}`;
      out(event.success ? green(`  ${event.subtaskId} ✓ ${facts}`) : red(`  ${event.subtaskId} ✗ ${event.status}: ${oneLine(event.error ?? '', 200)}`));
      break;
    }
    case 'merge-conflict':
      out(`  ${event.subtaskId} merge conflict in ${event.files.join(', ')}: a resolver agent is on it`);
      break;
    case 'subtask-merged':
      out(event.success ? dim(`  ${event.subtaskId} ${event.summary}`) : red(`  ${event.subtaskId} merge failed: ${oneLine(event.summary, 200)}`));
      break;
    case 'stage-complete':
      out(dim(`Stage ${event.stage + 1} done: ${event.completed} completed, ${event.failed} failed`));
      break;
    case 'shared-result':
      out(dim(`  shared results.${event.key} (${event.producer.split('.').at(-1)})`));
      break;
    case 'error':
      out(red(`  ${oneLine(event.message, 240)}`));
      break;
    case 'notice':
      out(dim(`  ${oneLine(event.message, 240)}`));
      break;
    case 'swarm-complete':
      break;
    default: {
      const never: never = event;
      return never;
    }
  }
}

/**
 * Live progress on a terminal, read from the local agent bus: the swarm's
 * events (`swarm.{id}`) and its sub-agents' tool calls (`tools.*`).
 */
export function printSwarmEnvelope(envelope: BusEnvelope, swarmId: string, out: Out = stdout): void {
  const message = envelope.message;
  if (message.kind === 'swarm_event' && message.swarm_id === swarmId) {
    printSwarmEvent(message.event as unknown as SwarmEvent, out);
    return;
  }
  if (!message.kind.startsWith('tool_') || !envelope.sender_id.startsWith(`${swarmId}.`)) return;
  const subtask = envelope.sender_id.slice(swarmId.length + 1);
  if (message.kind === 'tool_request') out(dim(`  ${subtask} → ${message.tool_name} ${toolInput(message.arguments)}`));
  else if (message.kind === 'tool_response' && !message.success) out(dim(`  ${subtask}   ✗ ${message.tool_name}: ${oneLine(message.result, 120)}`));
}

function subtaskLine(r: SubtaskResult): string {
  const mark = r.success ? '✓' : '✗';
  const tail = r.success ? `${r.steps} step${r.steps === 1 ? '' : 's'}, ${seconds(r.executionTimeMs)}` : `${r.status}: ${oneLine(r.error ?? 'unknown error', 160)}`;
  return `  ${mark} ${r.subtaskId}: ${r.name} (${tail})${r.merge && !r.merge.success ? '' : r.merge?.commit ? ` merged ${r.merge.commit.slice(0, 10)}` : ''}`;
}

/** The original's closing report: status, subtasks, speedup, critical path, then the aggregated result. */
export function resultText(result: SwarmResult): string {
  const s = result.stats;
  return [
    '=== Swarm Execution Results ===',
    `Swarm: ${result.swarmId}`,
    `Status: ${result.status === 'cancelled' ? 'CANCELLED' : result.success ? 'SUCCESS' : 'FAILED'}`,
    `Subtasks: ${result.subtaskResults.length} (${s.subagentsCompleted} completed, ${s.subagentsFailed} failed)`,
    ...result.subtaskResults.map(subtaskLine),
    `Speedup: ${s.speedupFactor.toFixed(1)}x`,
    `Critical Path: ${s.criticalPathLength} steps`,
    `Time: ${seconds(s.executionTimeMs)} (sub-agents ${seconds(s.subagentPhaseMs)}, ${seconds(s.sequentialTimeEstimateMs)} one after another)`,
    ...(result.error ? [`Error: ${result.error}`] : []),
    '',
    result.result,
  ].join('\n');
}

export function viewText(view: SwarmStateView): string {
  const mark = (status: string) => (status === 'completed' ? '✓' : status === 'running' ? '…' : status === 'pending' ? ' ' : '✗');
  return [
    `Swarm ${view.swarmId}: ${view.status}${view.stages > 0 ? ` — stage ${Math.min(view.stage + 1, view.stages)}/${view.stages}` : ''}, ${view.subtasks.length} subtasks (${view.strategy}, ${view.model})`,
    `Task: ${oneLine(view.task, 200)}`,
    ...view.subtasks.map((s) => `  [stage ${s.stage + 1}] ${mark(s.status)} ${s.id}: ${s.name} (${s.status}${s.steps > 0 ? `, ${s.steps} steps` : ''})${s.error ? `: ${oneLine(s.error, 120)}` : ''}`),
    ...(view.error ? [`Error: ${view.error}`] : []),
  ].join('\n');
}

export function infoText(info: SwarmRunInfo, swarmId: string): string {
  if (info.state === 'running') return viewText(info.view);
  if (info.state === 'finished') return resultText(info.result);
  return `Swarm ${swarmId} ended ${info.status.toLowerCase()}${info.error ? `: ${info.error}` : ''}`;
}

/** The JSON scripts get: snake_case, the original's SwarmResult fields. */
export function resultJson(result: SwarmResult): Record<string, unknown> {
  const s = result.stats;
  return {
    swarm_id: result.swarmId,
    status: result.status,
    success: result.success,
    task: result.task,
    result: result.result,
    subtask_results: result.subtaskResults.map((r) => ({
      subtask_id: r.subtaskId,
      name: r.name,
      subagent_id: r.subagentId,
      ...(r.sessionId ? { session_id: r.sessionId } : {}),
      stage: r.stage,
      status: r.status,
      success: r.success,
      result: r.result,
      steps: r.steps,
      tool_calls: r.toolCalls,
      execution_time_ms: r.executionTimeMs,
      ...(r.error ? { error: r.error } : {}),
      ...(r.merge ? { merge: r.merge } : {}),
      artifacts: [],
    })),
    stats: {
      subagents_spawned: s.subagentsSpawned,
      subagents_completed: s.subagentsCompleted,
      subagents_failed: s.subagentsFailed,
      total_steps: s.totalSteps,
      total_tool_calls: s.totalToolCalls,
      critical_path_length: s.criticalPathLength,
      execution_time_ms: s.executionTimeMs,
      subagent_phase_ms: s.subagentPhaseMs,
      sequential_time_estimate_ms: s.sequentialTimeEstimateMs,
      speedup_factor: s.speedupFactor,
      stages: s.stages.map((st) => ({ stage: st.stage, subagent_count: st.subagentCount, max_steps: st.maxSteps, total_steps: st.totalSteps, execution_time_ms: st.executionTimeMs })),
      rate_limit_stats: {
        max_concurrent_requests: s.rateLimit.maxConcurrentRequests,
        requests_per_second: s.rateLimit.requestsPerSecond,
        permits_granted: s.rateLimit.permitsGranted,
        max_in_flight: s.rateLimit.maxInFlight,
        total_wait_ms: s.rateLimit.totalWaitMs,
      },
    },
    decomposition: result.decomposition,
    artifacts: [],
    ...(result.error ? { error: result.error } : {}),
  };
}

export function infoJson(info: SwarmRunInfo, swarmId: string): Record<string, unknown> {
  if (info.state === 'finished') return resultJson(info.result);
  if (info.state === 'ended') return { swarm_id: swarmId, status: info.status.toLowerCase(), ...(info.error ? { error: info.error } : {}) };
  const v = info.view;
  return {
    swarm_id: v.swarmId,
    status: v.status,
    task: v.task,
    strategy: v.strategy,
    model: v.model,
    work_dir: v.workDir,
    stage: v.stage,
    stages: v.stages,
    subtasks: v.subtasks.map((s) => ({ id: s.id, name: s.name, specialty: s.specialty, stage: s.stage, dependencies: s.dependencies, status: s.status, steps: s.steps, ...(s.sessionId ? { session_id: s.sessionId } : {}), ...(s.error ? { error: s.error } : {}) })),
    shared_keys: v.sharedKeys,
    ...(v.error ? { error: v.error } : {}),
  };
}
